import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGit, type Git } from '../../git/runner.js';
import { UserError } from '../../runtime/errors.js';
import { generateNotes } from '../../release-notes/generate.js';
import { jsonModel } from '../../release-notes/notes-model.js';
import { parseReleaseConfig } from '../../release-notes/release-config.js';
import { renderMarkdown } from '../../release-notes/render-markdown.js';
import { repositoryOfRemote } from '../../git/remote.js';

export interface NotesOptions {
  from?: string;
  to: string;
  format: 'md' | 'json';
  config?: string;
  tagPrefix?: string;
}

async function originRepository(git: Git): Promise<string | undefined> {
  try {
    return repositoryOfRemote(await git.run(['remote', 'get-url', 'origin']));
  } catch {
    return undefined;
  }
}

/** `slipway notes`: release notes from local git alone. */
export async function runNotes(options: NotesOptions): Promise<void> {
  const cwd = process.cwd();
  const git = createGit(cwd);
  const configFile = path.resolve(cwd, options.config ?? '.github/release.yml');
  if (options.config && !existsSync(configFile)) throw new UserError(`--config: no file at ${JSON.stringify(options.config)}; give the path of a release.yml.`);
  const config = existsSync(configFile) ? parseReleaseConfig(readFileSync(configFile, 'utf8'), path.relative(cwd, configFile)) : undefined;
  const { notes } = await generateNotes(
    { git, log: (message) => process.stderr.write(`${message}\n`), allowFetch: false },
    { tag: options.to, previousTag: options.from, tagPrefix: options.tagPrefix, config, paths: [], excludeAuthors: [],
      repository: await originRepository(git) },
  );
  process.stdout.write(options.format === 'json' ? `${JSON.stringify(jsonModel(notes), null, 2)}\n` : renderMarkdown(notes));
}
