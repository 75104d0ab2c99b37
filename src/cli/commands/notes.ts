import { type Command, Option } from 'commander';
import type { NotesOptions } from '../run/notes.js';

export function registerNotes(program: Command, exit: (code: number) => void): void {
  program
    .command('notes')
    .description(
      'Preview release notes from local git alone (no token, no network): pull-request numbers from commit messages, titles from subjects.',
    )
    .option('--from <ref>', 'start after this ref; default, the previous release tag before --to')
    .option('--to <ref>', 'the tag or ref being released', 'HEAD')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('--config <file>', 'a GitHub release.yml; default, .github/release.yml when present')
    .option(
      '--tag-prefix <prefix>',
      "what precedes the version in this package's tags, e.g. web/v; default, the tag's own, or v (or none) for HEAD",
    )
    .option('--tag-pattern <glob>', 'a glob the previous tag must match too, e.g. web/v*')
    .option('--include-prereleases', 'let a prerelease tag be the previous release of a stable one')
    .option('--paths <globs...>', 'keep only commits touching these paths (monorepo packages), e.g. packages/web/**')
    .option('--exclude-authors <logins...>', 'leave out these authors (logins or names) and their entries')
    .option('--template <template>', 'a Liquid template, inline or the path of a file')
    .action(async (options: NotesOptions) => exit(await (await import('../run/notes.js')).runNotes(options)));
}
