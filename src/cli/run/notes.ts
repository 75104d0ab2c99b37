import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createGit, GitError, type Git } from '../../git/runner.js';
import { isShallow } from '../../git/shallow.js';
import { repositoryOfRemote } from '../../git/remote.js';
import { listTagNames } from '../../git/tags.js';
import { UserError } from '../../runtime/errors.js';
import type { ReleaseConfig } from '../../release-notes/release-config.js';
import { EXIT_OK } from '../exit-codes.js';

export interface NotesOptions {
  from?: string;
  to: string;
  format: 'md' | 'json';
  config?: string;
  tagPrefix?: string;
  tagPattern?: string;
  includePrereleases?: boolean;
  paths?: string[];
  excludeAuthors?: string[];
  template?: string;
}

async function originRepository(git: Git): Promise<string | undefined> {
  try {
    return repositoryOfRemote(await git.run(['remote', 'get-url', 'origin']));
  } catch {
    return undefined;
  }
}

/**
 * Fails outside a repository; inside, answers in one git process whether the checkout is shallow
 * and which commit `ref` names (undefined when it names none: the notes then say so), so neither
 * is asked again.
 */
async function inspectCheckout(git: Git, ref: string): Promise<{ shallow: boolean; commit?: string }> {
  try {
    const [shallow, commit] = (
      await git.run(['rev-parse', '--is-shallow-repository', '--verify', '--quiet', `${ref}^{commit}`])
    ).split('\n');
    return { shallow: shallow === 'true', commit };
  } catch (error) {
    if (error instanceof GitError && error.exitCode === 1) return { shallow: await isShallow(git) };
    throw new UserError(
      `slipway notes reads the history of a git repository, and ${git.cwd} is not in one; run it inside your project's checkout.`,
    );
  }
}

/** Loaded only when there is a release.yml: its YAML parser is most of what the command would load. */
async function readConfig(cwd: string, given: string | undefined): Promise<ReleaseConfig | undefined> {
  const file = path.resolve(cwd, given ?? '.github/release.yml');
  if (!existsSync(file)) {
    if (given) throw new UserError(`--config: no file at ${JSON.stringify(given)}; give the path of a release.yml.`);
    return undefined;
  }
  if (statSync(file).isDirectory())
    throw new UserError(
      `--config: ${JSON.stringify(given ?? file)} is a directory; give the path of a release.yml file in it.`,
    );
  const { parseReleaseConfig } = await import('../../release-notes/release-config.js');
  return parseReleaseConfig(readFileSync(file, 'utf8'), path.relative(cwd, file));
}

/** Inline when it contains Liquid markup (`{{` or `{%`), otherwise a file. */
function readTemplate(cwd: string, value: string | undefined): { text: string; source: string } | undefined {
  if (!value) return undefined;
  if (/\{\{|\{%/.test(value)) return { text: value, source: '--template' };
  const file = path.resolve(cwd, value);
  if (!existsSync(file) || statSync(file).isDirectory())
    throw new UserError(
      `--template must be a Liquid template or the path of a file holding one; no file at ${JSON.stringify(value)}.`,
    );
  return { text: readFileSync(file, 'utf8'), source: value };
}

/** Values of a repeatable flag, also split at commas (`--exclude-authors a,b`). */
const list = (values: string[] | undefined) =>
  (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);

function checkGlob(globError: (glob: string) => string | undefined, flag: string, glob: string): string {
  const problem = globError(glob);
  if (problem) throw new UserError(`${flag} has an invalid glob ${JSON.stringify(glob)}: ${problem}.`);
  return glob;
}

/** `slipway notes`: release notes from local git alone. */
export async function runNotes(options: NotesOptions): Promise<number> {
  const cwd = process.cwd();
  const git = createGit(cwd);
  // Asked side by side, before the code that reads the answers is loaded, so git works while it
  // compiles: the tag list (unless --from makes it unneeded), the checkout, the remote (for links).
  const tagNames = options.from === undefined || options.tagPrefix !== undefined ? listTagNames(git) : undefined;
  // Outside a repository the checkout's error is the one reported.
  tagNames?.catch(() => {});
  const checkout = inspectCheckout(git, options.to);
  const repository = originRepository(git);
  const [{ generateNotes }, { jsonModel }, { renderMarkdown }, { globError }] = await Promise.all([
    import('../../release-notes/generate.js'),
    import('../../release-notes/notes-model.js'),
    import('../../release-notes/render-markdown.js'),
    import('../../runtime/glob.js'),
  ]);
  const { shallow, commit } = await checkout;
  const config = await readConfig(cwd, options.config);
  const template = readTemplate(cwd, options.template);
  const { notes } = await generateNotes(
    {
      git,
      log: (message) => process.stderr.write(`${message}\n`),
      allowFetch: false,
      shallow,
      tagCommit: commit,
      tagNames,
    },
    {
      tag: options.to,
      previousTag: options.from,
      tagPrefix: options.tagPrefix,
      tagPattern:
        options.tagPattern === undefined ? undefined : checkGlob(globError, '--tag-pattern', options.tagPattern),
      includePrereleases: options.includePrereleases,
      config,
      paths: (options.paths ?? []).map((glob) => checkGlob(globError, '--paths', glob)),
      excludeAuthors: list(options.excludeAuthors),
      repository: await repository,
      names: { tag: '--to', previousTag: '--from', tagPrefix: '--tag-prefix' },
    },
  );
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(jsonModel(notes), null, 2)}\n`);
  else
    process.stdout.write(
      template
        ? await (
            await import('../../release-notes/render-template.js')
          ).renderNotesTemplate(template.text, notes, template.source)
        : renderMarkdown(notes),
    );
  return EXIT_OK;
}
