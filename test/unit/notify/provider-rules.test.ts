import { describe, expect, it } from 'vitest';
import { adaptiveCardErrors } from '../../support/chat-sinks/adaptive-card-schema.js';
import { discordFormErrors } from '../../support/chat-sinks/discord.js';
import { blockKitErrors } from '../../support/chat-sinks/slack.js';
import { teamsPayloadProblem } from '../../support/chat-sinks/teams.js';
import { buildDiscordPayload } from '../../../src/notify/discord.js';
import { composeMessage, EVENTS, type MessageInput } from '../../../src/notify/message.js';
import { buildSlackMessage } from '../../../src/notify/slack.js';
import { buildTeamsCard, buildTeamsPayload } from '../../../src/notify/teams.js';

const run = {
  serverUrl: 'https://github.com',
  repository: 'octo/app',
  runId: '42',
  runAttempt: 2,
  actor: 'octocat',
  sha: '0123456789abcdef0123456789abcdef01234567',
};
const hostile = 'Fix <!channel> @here #general <at>All</at> [x](https://evil.example) **b** _i_ `c` ~~s~~ > q';
const notes =
  '## Features\n- add search ([#12](https://github.com/octo/app/pull/12))\n- **faster** builds\n### Fixes\n1. 1.4.0 no longer crashes\nplain line\n## Other\n- x';

/** Every event, plus hostile, huge and structured text: the messages a workflow can produce. */
const inputs: Array<[string, MessageInput]> = [
  ...EVENTS.map((event): [string, MessageInput] => [
    event,
    {
      event,
      version: '1.4.0',
      environment: 'production',
      environmentUrl: 'https://app.example.com',
      releaseUrl: 'https://github.com/octo/app/releases/tag/v1.4.0',
      releaseNotes: notes,
      message: 'Shipped.',
    },
  ]),
  [
    'hostile text everywhere',
    {
      event: 'custom',
      title: hostile,
      message: hostile,
      version: hostile,
      environment: hostile,
      releaseNotes: `## ${hostile}\n- ${hostile}`,
    },
  ],
  [
    'huge text',
    {
      event: 'custom',
      title: 'T'.repeat(5000),
      message: '<&>'.repeat(10_000),
      version: 'v'.repeat(3000),
      environment: 'e'.repeat(3000),
      releaseNotes: `## ${'h'.repeat(600)}\n${'- item\n'.repeat(400)}`,
    },
  ],
  ['nothing but the event', { event: 'deployment-started' }],
];
const cases = inputs.map(
  ([name, input]) =>
    [
      name,
      composeMessage(input, {
        ...run,
        pullRequest: { number: 7, title: hostile, url: 'https://github.com/octo/app/pull/7' },
      }),
    ] as const,
);

describe("each provider's published rules", () => {
  it.each(cases)('Teams: %s is a valid Adaptive Card 1.4 in the Workflows envelope', (_name, message) => {
    expect(adaptiveCardErrors(buildTeamsCard(message))).toEqual([]);
    expect(teamsPayloadProblem(buildTeamsPayload(message))).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(buildTeamsPayload(message)))).toBeLessThanOrEqual(28 * 1024);
  });

  it.each(cases)('Slack: %s keeps to the Block Kit limits', (_name, message) => {
    const slack = buildSlackMessage(message);
    expect(blockKitErrors(slack.attachments[0].blocks)).toEqual([]);
    expect(slack.text.length).toBeLessThanOrEqual(40_000);
  });

  it.each(cases)('Discord: %s keeps to the embed limits', (_name, message) => {
    expect(discordFormErrors(buildDiscordPayload(message, new Date('2026-12-01T00:00:00Z')))).toEqual({});
  });

  it('the validators refuse what the services refuse, so a pass means something', () => {
    expect(
      adaptiveCardErrors({
        type: 'AdaptiveCard',
        version: '1.4',
        body: [{ type: 'TextBlock', text: 'x', wieght: 'Bolder' }],
      }),
    ).not.toEqual([]);
    expect(
      adaptiveCardErrors({
        type: 'AdaptiveCard',
        version: '1.4',
        body: [{ type: 'FactSet', facts: [{ title: 'a' }] }],
      }),
    ).not.toEqual([]);
    expect(
      blockKitErrors([
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, url: 'https://x.test' }],
        },
      ]),
    ).not.toEqual([]);
    expect(discordFormErrors({ embeds: [{ fields: [{ name: 'n', value: '' }] }] })).not.toEqual({});
  });
});
