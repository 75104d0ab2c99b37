import {
  closeSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { createGit } from '../../git/runner.js';
import type { ActionContext } from '../../runtime/action-context.js';
import { InputError, UserError } from '../../runtime/errors.js';
import { RequestCounter } from '../../runtime/github-client.js';
import { findFiles } from '../../runtime/glob.js';
import { markdownTable } from '../../runtime/summary.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { prependChangelog } from '../../release-notes/changelog-file.js';
import { compareHistory } from '../../release-notes/compare-history.js';
import { generateNotes } from '../../release-notes/generate.js';
import { jsonModel, type ReleaseNotes } from '../../release-notes/notes-model.js';
import { publishRelease, type ReleasePublishResult, sealedMessage } from '../../release-notes/publish.js';
import { parseReleaseConfig, type ReleaseConfig } from '../../release-notes/release-config.js';
import { renderMarkdown } from '../../release-notes/render-markdown.js';
import { renderNotesTemplate } from '../../release-notes/render-template.js';
import { type Inputs, releasedTag } from './inputs.js';

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs, context: ActionContext): Promise<void> {
  const { workspace } = context;
  const tag = releasedTag(inputs, context.ref);
  const repository = context.repositoryName;
  const config = readConfig(inputs, workspace);
  const template = readTemplate(inputs, workspace);
  const assets = findAssets(inputs, workspace);
  const changelogFile = inputs.changelogFile === undefined ? undefined : changelogPath(workspace, inputs.changelogFile);
  const { owner = '', name: repo = '' } = context.repository ?? {};

  const counter = new RequestCounter();
  const client = inputs.githubToken ? actionGitHubClient(inputs.githubToken, context, counter) : undefined;
  const { notes } = await generateNotes(
    {
      git: createGit(workspace),
      graphql: client && ((query, variables) => client.graphql(query, variables)),
      remote: client && repository ? compareHistory(client, owner, repo) : undefined,
      log: (message) => core.info(message),
    },
    { ...inputs, tag, config, repository, serverUrl: context.serverUrl },
  );
  const markdown = template ? await renderNotesTemplate(template.text, notes, template.source) : renderMarkdown(notes);

  const outDir = context.temp;
  mkdirSync(outDir, { recursive: true });
  const notesFile = path.join(outDir, 'slipway-release-notes.md');
  const jsonFile = path.join(outDir, 'slipway-release-notes.json');
  writeFileSync(notesFile, markdown);
  writeFileSync(jsonFile, `${JSON.stringify(jsonModel(notes), null, 2)}\n`);
  if (changelogFile) writeChangelog(changelogFile, notes, markdown);

  let published: ReleasePublishResult | undefined;
  if (inputs.publish) {
    if (!client || !repository)
      throw new UserError(
        'Publishing needs GITHUB_REPOSITORY and a token; set publish: false to only write the notes.',
      );
    const prerelease =
      inputs.prerelease === 'auto'
        ? Boolean(notes.version && semver.prerelease(notes.version))
        : inputs.prerelease === 'true';
    published = await publishRelease(client, {
      owner,
      repo,
      tag,
      notes: markdown,
      compareUrl: notes.compareUrl,
      draft: inputs.draft,
      prerelease,
      makeLatest: inputs.makeLatest,
      assets,
      retryBaseMs: context.tuning.retryBaseMs,
      log: (message) => core.info(message),
    });
    if (published.sealed.length > 0) core.warning(sealedMessage(tag, published.sealed));
  }
  core.info(`GitHub API requests: ${counter.total}.`);

  setOutputs({
    'release-id': published ? String(published.id) : undefined,
    'release-url': published?.url,
    'version': notes.version ?? '',
    'previous-tag': notes.previousTag ?? '',
    'next-version': notes.nextVersion,
    'notes': markdown,
    'notes-file': notesFile,
    'json-file': jsonFile,
  });
  writeJobSummary(summary(notes, published, markdown));
}

function readConfig(inputs: Inputs, workspace: string): ReleaseConfig | undefined {
  // GitHub reads .github/release.yml, or .github/release.yaml.
  const candidates = inputs.config ? [inputs.config] : ['.github/release.yml', '.github/release.yaml'];
  const file = candidates
    .map((candidate) => path.resolve(workspace, candidate))
    .find((candidate) => existsSync(candidate));
  if (!file) {
    if (inputs.config)
      throw new InputError(
        'config',
        `Input 'config' names a file that does not exist: ${JSON.stringify(inputs.config)}; give the path of a release.yml relative to the workspace.`,
      );
    return undefined;
  }
  if (statSync(file).isDirectory())
    throw new InputError(
      'config',
      `Input 'config' names a directory: ${JSON.stringify(inputs.config ?? path.relative(workspace, file))}; give the path of a release.yml file.`,
    );
  return parseReleaseConfig(readFileSync(file, 'utf8'), path.relative(workspace, file));
}

/** Inline when it contains Liquid markup (`{{` or `{%`), otherwise a file in the workspace. */
function readTemplate(inputs: Inputs, workspace: string): { text: string; source: string } | undefined {
  const value = inputs.template;
  if (!value) return undefined;
  if (/\{\{|\{%/.test(value)) return { text: value, source: "input 'template'" };
  const file = path.resolve(workspace, value);
  if (!existsSync(file))
    throw new InputError(
      'template',
      `Input 'template' must be a Liquid template or the path of one; no file at ${JSON.stringify(value)}.`,
    );
  return { text: readFileSync(file, 'utf8'), source: value };
}

function findAssets(inputs: Inputs, workspace: string): string[] {
  if (inputs.assets.length === 0) return [];
  const files = findFiles(inputs.assets, workspace);
  if (files.length === 0)
    throw new InputError(
      'assets',
      `Input 'assets' matched no files: ${JSON.stringify(inputs.assets.join(', '))}; give paths or globs relative to the workspace.`,
    );
  return files;
}

/**
 * The changelog's path: inside the workspace, with no symbolic link on the way, so the action never
 * writes a file an earlier step (or a checked-in link) points elsewhere, such as ~/.bashrc.
 */
function changelogPath(workspace: string, input: string): string {
  const file = path.resolve(workspace, input);
  const relative = path.relative(workspace, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new InputError(
      'changelog-file',
      `Input 'changelog-file' must be a file inside the workspace; got ${JSON.stringify(input)}.`,
    );
  }
  let current = workspace;
  for (const part of relative.split(path.sep)) {
    current = path.join(current, part);
    const stats = lstatSync(current, { throwIfNoEntry: false });
    if (stats?.isSymbolicLink()) {
      throw new InputError(
        'changelog-file',
        `Input 'changelog-file' goes through a symbolic link (${JSON.stringify(path.relative(workspace, current))}); give a regular file in the workspace.`,
      );
    }
  }
  return file;
}

function writeChangelog(file: string, notes: ReleaseNotes, markdown: string): void {
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Changelog\n';
  const title = notes.compareUrl ? `[${notes.tag}](${notes.compareUrl})` : notes.tag;
  const demoted = markdown.replace(/^## /gm, '### ');
  // O_NOFOLLOW: a link put in place since the check is refused, not followed.
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  try {
    writeFileSync(fd, prependChangelog(existing, notes.tag, `## ${title}`, demoted));
  } finally {
    closeSync(fd);
  }
  core.info(`Changelog ${file} has the section for ${notes.tag}.`);
}

function summary(notes: ReleaseNotes, published: ReleasePublishResult | undefined, markdown: string): string {
  const verdict = published
    ? `### 📝 Release ${notes.tag} ${published.action}: ${published.url}`
    : `### 📝 Release notes for ${notes.tag} (not published)`;
  const changes = notes.sections.reduce((total, section) => total + section.changes.length, 0);
  return [
    verdict,
    '',
    markdownTable(
      ['Version', 'Previous tag', 'Next version', 'Changes', 'History from'],
      [
        [
          notes.version ?? notes.tag,
          notes.previousTag ?? '(first release)',
          notes.nextVersion,
          changes,
          notes.historySource,
        ],
      ],
    ),
    '',
    '<details><summary>Notes</summary>',
    '',
    markdown,
    '</details>',
    '',
  ].join('\n');
}
