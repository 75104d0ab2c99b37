import { type Command, Option } from 'commander';
import type { Provider } from '../../notify/destinations.js';
import { EVENTS, STATUSES } from '../../notify/message.js';
import { DESTINATION_SETTINGS } from '../../notify/settings.js';
import type { NotifyOptions } from '../run/notify.js';

// Spelled out so registering the command does not load the destinations parser (and YAML); the Record type keeps the list complete.
const PROVIDERS = Object.keys({
  'slack': 0,
  'teams': 0,
  'discord': 0,
  'google-chat': 0,
  'webhook': 0,
  'email': 0,
} satisfies Record<Provider, 0>);

const MESSAGE = ['title', 'message', 'environment', 'environment-url', 'release-url', 'release-notes'];

export function registerNotify(program: Command, exit: (code: number) => void): void {
  const command = program
    .command('notify')
    .description('Send (or with --dry-run, print) the notification the notify action would send to one provider.')
    .addOption(new Option('--provider <provider>', 'destination kind').choices(PROVIDERS).makeOptionMandatory())
    .addOption(new Option('--event <event>', 'what happened').choices([...EVENTS]).makeOptionMandatory())
    .addOption(new Option('--status <status>', 'outcome override, e.g. a job status').choices([...STATUSES]));
  for (const name of [...MESSAGE, ...DESTINATION_SETTINGS])
    command.option(`--${name} <value>`, `as the action's '${name}' input`);
  command
    .option('--version <version>', "as the action's 'version' input: the version deployed or released")
    .option('--update <json>', "the 'message-ids' of an earlier notification, to change it")
    .option('--repository <owner/name>', 'repository named in the message', process.env.GITHUB_REPOSITORY)
    .option('--actor <login>', 'who triggered it', process.env.GITHUB_ACTOR)
    .option('--commit <sha>', 'commit deployed', process.env.GITHUB_SHA)
    .option('--timeout <duration>', 'overall time per destination', '1m')
    .option('--dry-run', 'print the exact payload instead of sending it')
    .action(async (options: NotifyOptions) => exit(await (await import('../run/notify.js')).runNotify(options)));
}
