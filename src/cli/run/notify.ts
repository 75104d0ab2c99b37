import { InputReader } from '../../runtime/inputs.js';
import { deliverNotifications, messageIds } from '../../notify/deliver.js';
import { type Destination, singleDestination } from '../../notify/destinations.js';
import { UserError } from '../../runtime/errors.js';
import { composeMessage, type EVENTS, linkUrlProblem, type STATUSES } from '../../notify/message.js';
import { parseMessageRefs } from '../../notify/message-ids.js';
import { describeResult } from '../../notify/results-summary.js';
import { systemClock } from '../../runtime/clock.js';
import { DEFAULT_RETRY_POLICY } from '../../runtime/retry.js';
import { DESTINATION_SETTINGS } from '../../notify/settings.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';

/** Stand-ins so a dry run can show a payload without real endpoints or credentials. */
const DRY_RUN_PLACEHOLDERS: Record<string, string> = {
  'webhook-url': 'https://hooks.example.invalid/webhook',
  'smtp-host': 'smtp.example.invalid',
  'email-from': 'slipway@example.invalid',
  'email-to': 'team@example.invalid',
};

export type NotifyOptions = Record<string, string | boolean | undefined>;

const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** `slipway notify`: send (or print, with --dry-run) one notification. */
export async function runNotify(options: NotifyOptions): Promise<number> {
  const value = (name: string) => options[camel(name)] as string | undefined;
  const dryRun = options.dryRun === true;
  const reader = new InputReader((name) => value(name) ?? '');
  // With a Slack token the dry run previews chat.postMessage: a stand-in webhook URL would only clash with it.
  const placeholder = (name: string) =>
    dryRun && !(name === 'webhook-url' && value('slack-token')) ? DRY_RUN_PLACEHOLDERS[name] : undefined;
  const settings = Object.fromEntries(DESTINATION_SETTINGS.map((name) => [name, value(name) ?? placeholder(name)]));
  for (const flag of ['environment-url', 'release-url']) {
    const problem = value(flag) === undefined ? undefined : linkUrlProblem(value(flag) as string);
    if (problem) throw new UserError(`--${flag} ${problem}.`);
  }
  const destination: Destination = singleDestination({ provider: value('provider'), ...settings });
  const message = composeMessage(
    {
      event: value('event') as (typeof EVENTS)[number],
      status: value('status') as (typeof STATUSES)[number] | undefined,
      title: value('title'),
      message: value('message'),
      version: value('version'),
      environment: value('environment'),
      environmentUrl: value('environment-url'),
      releaseUrl: value('release-url'),
      releaseNotes: value('release-notes'),
    },
    {
      serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
      repository: value('repository'),
      actor: value('actor'),
      sha: value('commit'),
      runId: process.env.GITHUB_RUN_ID,
    },
  );
  const update = value('update');
  const [result] = await deliverNotifications([destination], message, {
    refs: update ? parseMessageRefs(update) : undefined,
    dryRun,
    mask: () => {},
    runThreadKey: `slipway-${value('repository') ?? 'run'}-${process.env.GITHUB_RUN_ID ?? '0'}`,
    policy: { ...DEFAULT_RETRY_POLICY, timeoutMs: reader.duration('timeout', '1m') },
    clock: systemClock,
    slackApiUrl: process.env.SLIPWAY_SLACK_API_URL || undefined,
  });
  if (!result) return EXIT_OK;
  if (dryRun) {
    process.stderr.write(`${result.label}: ${result.action} via ${result.target}\n`);
    for (const [name, header] of Object.entries(result.headers ?? {}))
      process.stderr.write(`${name}: ${header} (of the body as sent: compact JSON)\n`);
    process.stdout.write(`${JSON.stringify(result.payload, null, 2)}\n`);
    return EXIT_OK;
  }
  process.stderr.write(`${describeResult(result)}\n`);
  if (result.outcome === 'failed') return EXIT_FAILURE;
  process.stdout.write(`${JSON.stringify(messageIds([result]))}\n`);
  return EXIT_OK;
}
