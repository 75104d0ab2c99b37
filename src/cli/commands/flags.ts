import type { Command } from 'commander';
import type { FlagsOptions } from '../run/flags.js';

const shared = (command: Command) =>
  command
    .option(
      '--flags-file <file>',
      "the repository's flagd flags file (flags.<environment>.json beside it overrides)",
      'flags.json',
    )
    .option('--repo <owner/name>', 'repository; default GITHUB_REPOSITORY')
    .option('--api-url <url>', 'GitHub REST API root; default GITHUB_API_URL or https://api.github.com')
    .option('--trusted-creators <logins>', "whose records are believed, comma-separated; default the token's identity")
    .option('--json', 'print JSON');

const writes = (command: Command) =>
  shared(command)
    .option(
      '--target <target>',
      'where the flags are written: dir:<path> or ssh://user@host[:port]/path (flags.json beside current)',
    )
    .option(
      '--ssh-key-file <path>',
      'with an ssh:// --target: the private key that logs in (passphrase: SLIPWAY_SSH_KEY_PASSPHRASE)',
    )
    .option(
      '--known-hosts-file <path>',
      "with an ssh:// --target: known_hosts lines or SHA256:… fingerprints pinning the server's host key",
    )
    .option(
      '--flags-command <command>',
      'instead of --target: a command given SLIPWAY_FLAGS_FILE and SLIPWAY_ENVIRONMENT',
    )
    .option('--reason <text>', 'why, recorded in the deployment')
    .option('--actor <login>', 'who asked, recorded in the deployment; default GITHUB_ACTOR or the git user')
    .option('--sha <commit>', 'the commit the record names; default GITHUB_SHA or HEAD');

export function registerFlags(program: Command, exit: (code: number) => void): void {
  const flags = program
    .command('flags')
    .description(
      'Feature flags per environment (OpenFeature flagd): read, change, compare and promote them. A change is recorded as a task: flags GitHub Deployment and written atomically to the target, without a new release.',
    );
  const load = () => import('../run/flags.js');
  shared(flags.command('get').description('print the flags an environment serves'))
    .requiredOption('--environment <name>', 'the environment')
    .action(async (options: FlagsOptions) => exit(await (await load()).runFlags('get', [], options)));
  writes(flags.command('set').description('serve on, off or a variant for one flag in one environment'))
    .argument('<flag>', 'the flag, e.g. checkout-v2')
    .argument('<value>', 'on, off, or a variant name')
    .requiredOption('--environment <name>', 'the environment')
    .action(async (flag: string, value: string, options: FlagsOptions) =>
      exit(await (await load()).runFlags('set', [flag, value], options)),
    );
  shared(flags.command('diff').description('print the flags served differently in two environments'))
    .argument('<from>', 'e.g. staging')
    .argument('<to>', 'e.g. production')
    .action(async (from: string, to: string, options: FlagsOptions) =>
      exit(await (await load()).runFlags('diff', [from, to], options)),
    );
  writes(flags.command('promote').description('make one environment serve the variants another serves'))
    .requiredOption('--from <name>', 'the environment copied from')
    .requiredOption('--to <name>', 'the environment changed')
    .action(async (options: FlagsOptions) => exit(await (await load()).runFlags('promote', [], options)));
}
