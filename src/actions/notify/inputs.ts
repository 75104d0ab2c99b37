import { InputError } from '../../runtime/errors.js';
import type { InputReader } from '../../runtime/inputs.js';
import {
  type Destination,
  maskDestinationSecrets,
  parseDestinations,
  PROVIDERS,
  singleDestination,
} from '../../notify/destinations.js';
import { EVENTS, linkUrlProblem, type MessageInput, STATUSES } from '../../notify/message.js';
import { type MessageRefs, parseMessageRefs } from '../../notify/message-ids.js';

export interface Inputs {
  destinations: Destination[];
  message: MessageInput;
  /** Messages to change, from an earlier step's `message-ids`. */
  update?: MessageRefs;
  timeoutMs: number;
  failOnError: boolean;
  dryRun: boolean;
}

/** A URL input shown as a link: http or https only. */
function linkInput(reader: InputReader, input: 'environment-url' | 'release-url'): string | undefined {
  const value = input === 'environment-url' ? reader.string('environment-url') : reader.string('release-url');
  const problem = value === undefined ? undefined : linkUrlProblem(value);
  if (problem) throw new InputError(input, `Input '${input}' ${problem}.`);
  return value;
}

/** Reads and validates every input; each secret goes to `mask` the moment it is read. */
export function readInputs(reader: InputReader, mask: (secret: string) => void): Inputs {
  const masked = (value: string | undefined) => {
    if (value) mask(value);
    return value;
  };
  const webhookUrl = masked(reader.string('webhook-url'));
  const slackToken = masked(reader.string('slack-token'));
  const webhookSecret = masked(reader.string('webhook-secret'));
  const smtpPassword = masked(reader.string('smtp-password'));
  const destinationsText = reader.string('destinations');
  if (destinationsText) maskDestinationSecrets(destinationsText, mask);
  const event = reader.choice('event', EVENTS);
  if (!event)
    throw new InputError('event', `Input required and not supplied: 'event'. Accepted: ${EVENTS.join(', ')}.`);
  const provider = reader.choice('provider', PROVIDERS);

  if (destinationsText && provider)
    throw new InputError(
      'destinations',
      "Give either 'destinations' (a list) or 'provider' with its settings, not both.",
    );
  let destinations: Destination[];
  if (destinationsText) {
    destinations = parseDestinations(destinationsText, mask);
  } else if (provider) {
    destinations = [
      singleDestination({
        provider,
        'webhook-url': webhookUrl,
        'slack-token': slackToken,
        'channel': reader.string('channel'),
        'thread': reader.string('thread'),
        'webhook-secret': webhookSecret,
        'smtp-host': reader.string('smtp-host'),
        'smtp-port': reader.string('smtp-port'),
        'smtp-secure': reader.string('smtp-secure'),
        'smtp-username': reader.string('smtp-username'),
        'smtp-password': smtpPassword,
        'email-from': reader.string('email-from'),
        'email-to': reader.list('email-to').join(','),
      }),
    ];
  } else {
    throw new InputError(
      'provider',
      `Nothing to notify: set 'provider' (one of ${PROVIDERS.join(', ')}) with its settings, or 'destinations'.`,
    );
  }

  const updateText = reader.string('update');
  return {
    destinations,
    message: {
      event,
      status: reader.choice('status', STATUSES),
      title: reader.string('title'),
      message: reader.string('message'),
      version: reader.string('version'),
      environment: reader.string('environment'),
      environmentUrl: linkInput(reader, 'environment-url'),
      releaseUrl: linkInput(reader, 'release-url'),
      releaseNotes: reader.string('release-notes'),
    },
    update: updateText && updateText !== '{}' ? parseMessageRefs(updateText) : undefined,
    timeoutMs: reader.duration('timeout', '1m'),
    failOnError: reader.boolean('fail-on-error', false),
    dryRun: reader.boolean('dry-run', false),
  };
}
