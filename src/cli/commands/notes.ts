import { type Command, Option } from 'commander';
import type { NotesOptions } from '../run/notes.js';

export function registerNotes(program: Command): void {
  program
    .command('notes')
    .description('Preview release notes from local git alone (no token, no network): pull-request numbers from commit messages, titles from subjects.')
    .option('--from <ref>', 'start after this ref; default, the previous release tag before --to')
    .option('--to <ref>', 'the tag or ref being released', 'HEAD')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('--config <file>', "a GitHub release.yml; default, .github/release.yml when present")
    .option('--tag-prefix <prefix>', 'what precedes the version in tags, e.g. web/v')
    .action(async (options: NotesOptions) => (await import('../run/notes.js')).runNotes(options));
}
