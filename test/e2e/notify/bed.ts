import { startChatSinks, type ChatSinks, type ReceivedRequest } from '../../support/chat-sinks.js';
import { runAction, type ActionRun, type RunActionOptions } from '../../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink.js';

export const WEBHOOK_SECRET = 'slipway-hmac-secret-0001';
export const SMTP_PASSWORD = 'smtp-pass-0001';

export interface Bed {
  sinks: ChatSinks;
  smtp: SmtpSink;
  /** Every secret a run is given: none may show in what people see. */
  secrets: string[];
  close(): Promise<void>;
}

export async function startBed(): Promise<Bed> {
  const [sinks, smtp] = await Promise.all([
    startChatSinks({ webhookSecret: WEBHOOK_SECRET }),
    startSmtpSink({ auth: { user: 'deploys', pass: SMTP_PASSWORD } }),
  ]);
  const secrets = [
    sinks.slack.webhookUrl,
    sinks.slack.token,
    sinks.teams.webhookUrl,
    sinks.discord.webhookUrl,
    sinks.googleChat.webhookUrl,
    sinks.webhook.url,
    WEBHOOK_SECRET,
    SMTP_PASSWORD,
  ];
  return { sinks, smtp, secrets, close: async () => void (await Promise.all([sinks.close(), smtp.close()])) };
}

/** One YAML item per provider, named after it, as a workflow would write them. */
export function destinationsFor(bed: Bed, only?: string[]): string {
  const { sinks, smtp } = bed;
  const items: Record<string, string> = {
    'slack-api': `- name: slack-api\n  provider: slack\n  slack-token: ${sinks.slack.token}\n  channel: ${sinks.slack.channels.deployments}`,
    'slack-hook': `- name: slack-hook\n  provider: slack\n  webhook-url: ${sinks.slack.webhookUrl}`,
    'teams': `- name: teams\n  provider: teams\n  webhook-url: ${sinks.teams.webhookUrl}`,
    'discord': `- name: discord\n  provider: discord\n  webhook-url: ${sinks.discord.webhookUrl}`,
    'google-chat': `- name: google-chat\n  provider: google-chat\n  webhook-url: ${sinks.googleChat.webhookUrl}`,
    'webhook': `- name: webhook\n  provider: webhook\n  webhook-url: ${sinks.webhook.url}\n  webhook-secret: ${WEBHOOK_SECRET}`,
    'email': `- name: email\n  provider: email\n  smtp-host: 127.0.0.1\n  smtp-port: ${smtp.port}\n  smtp-username: deploys\n  smtp-password: ${SMTP_PASSWORD}\n  email-from: Deploys <deploys@example.com>\n  email-to: team@example.com, ops@example.com`,
  };
  return Object.entries(items)
    .filter(([name]) => !only || only.includes(name))
    .map(([, item]) => item)
    .join('\n');
}

/** Runs the bundled action as the runner would, pointed at the sinks. */
export function notify(
  bed: Bed,
  inputs: Record<string, string>,
  options: Partial<RunActionOptions> = {},
): Promise<ActionRun> {
  return runAction({
    action: 'notify',
    inputs,
    ...options,
    env: { SLIPWAY_SLACK_API_URL: bed.sinks.slack.apiUrl, SLIPWAY_RETRY_BASE_MS: '20', ...options.env },
  });
}

/** What a person can see of a run: the displayed log, stderr, outputs, summary and annotations. */
export function visible(run: ActionRun): string {
  return [
    run.log.join('\n'),
    run.stderr,
    JSON.stringify(run.outputs),
    run.summary,
    run.errors.join('\n'),
    run.warnings.join('\n'),
  ].join('\n');
}

/** Raw stdout without the `::add-mask::` commands, which the runner consumes and never shows. */
export function stdoutWithoutMasks(run: ActionRun): string {
  return run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

/** Records when each request reached a sink, to measure how long a client waited between two. */
export function arrivalTimes(requests: ReceivedRequest[]): number[] {
  const times: number[] = [];
  const push = requests.push.bind(requests);
  requests.push = (...items: ReceivedRequest[]) => {
    times.push(performance.now());
    return push(...items);
  };
  return times;
}
