import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { createGit, type Git } from '../../git/runner.js';
import { UserError } from '../../runtime/errors.js';
import { generateNotes } from '../../release-notes/generate.js';
import { jsonModel } from '../../release-notes/model.js';
import { parseReleaseConfig } from '../../release-notes/release-config.js';
import { renderMarkdown } from '../../release-notes/render-markdown.js';

/** `owner/name` of a GitHub remote URL (https or ssh), for the compare link. */
export function repositoryOfRemote(url: string): string | undefined {
  return /github\.com[:/]([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/.exec(url.trim())?.[1];
}

async function originRepository(git: Git): Promise<string | undefined> {
  try {
    return repositoryOfRemote(await git.run(['remote', 'get-url', 'origin']));
  } catch {
    return undefined;
  }
}

export function registerNotes(program: Command): void {
  program
    .command('notes')
    .description('Preview release notes from local git alone (no token, no network): pull-request numbers from commit messages, titles from subjects.')
    .option('--from <ref>', 'start after this ref; default, the previous release tag before --to')
    .option('--to <ref>', 'the tag or ref being released', 'HEAD')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('--config <file>', "a GitHub release.yml; default, .github/release.yml when present")
    .option('--tag-prefix <prefix>', 'what precedes the version in tags, e.g. web/v')
    .action(async (options: { from?: string; to: string; format: 'md' | 'json'; config?: string; tagPrefix?: string }) => {
      const cwd = process.cwd();
      const git = createGit(cwd);
      const configFile = path.resolve(cwd, options.config ?? '.github/release.yml');
      if (options.config && !existsSync(configFile)) throw new UserError(`--config: no file at ${JSON.stringify(options.config)}; give the path of a release.yml.`);
      const config = existsSync(configFile) ? parseReleaseConfig(readFileSync(configFile, 'utf8'), path.relative(cwd, configFile)) : undefined;
      const { notes } = await generateNotes(
        { git, log: (message) => process.stderr.write(`${message}\n`), allowFetch: false },
        { tag: options.to, previousTag: options.from, tagPrefix: options.tagPrefix, config, paths: [], excludeAuthors: [], repository: await originRepository(git) },
      );
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(jsonModel(notes), null, 2)}\n` : renderMarkdown(notes));
    });
}
