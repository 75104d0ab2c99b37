import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildDiscordPayload, planDiscord } from '../../../src/notify/discord.js';
import { buildEmail } from '../../../src/notify/email.js';
import { buildGoogleChatPayload, planGoogleChat } from '../../../src/notify/google-chat.js';
import { composeMessage, type Message } from '../../../src/notify/message.js';
import type { PlanContext } from '../../../src/notify/provider.js';
import { buildSlackMessage, planSlack } from '../../../src/notify/slack.js';
import { buildTeamsPayload } from '../../../src/notify/teams.js';
import { buildWebhookPayload, planWebhook, signBody } from '../../../src/notify/webhook.js';

const hostile = 'Fix <!channel> <@U024BE7LH> @everyone @here <script>alert(1)</script> **x**';
const run = {
  serverUrl: 'https://github.com',
  repository: 'octo/app',
  runId: '42',
  actor: 'octocat',
  sha: '0123456789abcdef0123456789abcdef01234567',
};

function message(overrides: Partial<Parameters<typeof composeMessage>[0]> = {}): Message {
  return composeMessage(
    {
      event: 'deployment-succeeded',
      version: '1.4.0',
      environment: 'production',
      environmentUrl: 'https://app.example.com',
      releaseUrl: 'https://github.com/octo/app/releases/tag/v1.4.0',
      releaseNotes: '- Search\n- Faster builds',
      ...overrides,
    },
    { ...run, pullRequest: { number: 7, title: hostile, url: 'https://github.com/octo/app/pull/7' } },
  );
}

const masked: string[] = [];
const context: PlanContext = {
  mask: (s) => masked.push(s),
  newId: () => 'msg-1',
  runThreadKey: 'slipway-octo/app-42',
  now: new Date('2026-11-22T03:00:00Z'),
};

/** Every string in a payload, wherever it sits. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('Slack Block Kit', () => {
  const slack = buildSlackMessage(message({ title: hostile }));

  it('shows status by colour and word, with fields, release notes and link buttons', () => {
    expect(slack.attachments[0].color).toBe('#2EB67D');
    const blocks = slack.attachments[0].blocks as Array<{
      type: string;
      fields?: unknown[];
      elements?: Array<{ url?: string }>;
    }>;
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'section', 'actions', 'context']);
    expect(blocks[1]?.fields).toHaveLength(6);
    expect(blocks[3]?.elements?.map((e) => e.url)).toEqual([
      'https://app.example.com',
      'https://github.com/octo/app/releases/tag/v1.4.0',
      'https://github.com/octo/app/actions/runs/42',
    ]);
    expect(JSON.stringify(blocks[4])).toContain('Succeeded');
    expect(JSON.stringify(blocks[2])).toContain('>• Search\\n>• Faster builds');
  });

  it('leaves no <!channel>, <!here> or <@U…> from untrusted text in any field', () => {
    for (const text of strings(slack)) {
      expect(text).not.toMatch(/<!channel>|<!here>|<@U/);
      expect(text).not.toContain('<script>');
    }
    expect(slack.text).toContain('&lt;!channel&gt;');
  });

  it('stays within Slack limits for huge input', () => {
    const big = buildSlackMessage(
      message({ title: '<'.repeat(5000), message: '&'.repeat(10_000), releaseNotes: 'n'.repeat(10_000) }),
    );
    for (const block of big.attachments[0].blocks as Array<{
      text?: { text: string };
      fields?: Array<{ text: string }>;
    }>) {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
  });

  it('edits with chat.update when a token sent the first message, posts into the thread otherwise', () => {
    const destination = { id: 'slack', label: 'slack #1', provider: 'slack' as const, token: 'xoxb-1', channel: 'C1' };
    const edit = planSlack(
      destination,
      message(),
      { provider: 'slack', channel: 'C1', id: '1700000000.000100' },
      context,
    );
    expect(edit.action).toBe('edited');
    expect(edit.target).toBe('Slack Web API chat.update');
    expect(edit.payload).toMatchObject({ channel: 'C1', ts: '1700000000.000100' });
    const post = planSlack({ ...destination, thread: '1699999999.000001' }, message(), undefined, context);
    expect(post.target).toBe('Slack Web API chat.postMessage');
    expect(post.payload).toMatchObject({ channel: 'C1', thread_ts: '1699999999.000001' });
    const webhook = planSlack(
      { id: 'slack', label: 'slack #1', provider: 'slack', webhookUrl: 'https://hooks.slack.test/T/B/x' },
      message(),
      { provider: 'slack' },
      context,
    );
    expect(webhook.action).toBe('posted');
  });
});

describe('Teams Adaptive Card', () => {
  const payload = buildTeamsPayload(message({ title: hostile }));
  const attachment = (payload.attachments as Array<{ contentType: string; content: Record<string, unknown> }>)[0]!;

  it('is an Adaptive Card 1.4 in the Workflows envelope, styled by status', () => {
    expect(payload.type).toBe('message');
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect((attachment.content.body as Array<{ style?: string }>)[0]?.style).toBe('good');
    expect((attachment.content.actions as Array<{ type: string }>).map((a) => a.type)).toEqual([
      'Action.OpenUrl',
      'Action.OpenUrl',
      'Action.OpenUrl',
    ]);
  });

  it('shows untrusted text as written, with no backslashes, and no link or <at> tag that could act', () => {
    const texts = strings(attachment.content.body);
    expect(texts).toContain('Fix <!channel> <@U024BE7LH> @everyone @here <\u200bscript>alert(1)<\u200b/script> **x**');
    for (const text of texts) expect(text).not.toMatch(/<\/?(script|at)\b|\\/);
    // The only links are Slipway's own, on facts it made; none comes from the untrusted title.
    expect(texts.filter((text) => text.includes(']('))).toEqual(
      texts.filter((text) => /^\[[^\]]+\]\(https:\/\/[^)\s]+\)$/.test(text)),
    );
    expect(JSON.stringify(payload)).not.toContain('msteams":{"entities');
  });
});

describe('Discord embed', () => {
  const payload = buildDiscordPayload(message({ title: hostile, message: hostile }), context.now);
  const embed = (payload.embeds as Array<Record<string, unknown>>)[0]!;

  it('never pings, whatever the text says', () => {
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    for (const text of strings(payload)) expect(text).not.toMatch(/@everyone|@here|<@U/);
  });

  it('has colour, fields, links and a status footer within embed limits', () => {
    expect(embed.color).toBe(0x2eb67d);
    expect((embed.fields as unknown[]).length).toBeLessThanOrEqual(25);
    expect(embed.footer).toEqual({ text: 'Succeeded · octo/app · Deployment succeeded' });
    expect(JSON.stringify(embed.fields)).toContain('[Open production](https://app.example.com)');
    const big = buildDiscordPayload(message({ title: 'x'.repeat(1000), message: 'y'.repeat(9000) }), context.now);
    const bigEmbed = (big.embeds as Array<{ title: string; description: string }>)[0]!;
    expect(bigEmbed.title.length).toBeLessThanOrEqual(256);
    expect(bigEmbed.description.length).toBeLessThanOrEqual(4096);
    expect(JSON.stringify(big.embeds).length).toBeLessThan(6000 + 2000);
  });

  it('posts with ?wait=true and edits with PATCH on the message id, masking the URLs it builds', () => {
    const destination = {
      id: 'discord',
      label: 'discord #1',
      provider: 'discord' as const,
      webhookUrl: 'https://discord.test/api/webhooks/1/tok',
    };
    expect(planDiscord(destination, message(), undefined, context)).toMatchObject({
      action: 'posted',
      target: 'Discord webhook: POST ?wait=true',
    });
    expect(masked).toContain('https://discord.test/api/webhooks/1/tok?wait=true');
    expect(planDiscord(destination, message(), { provider: 'discord', id: '99' }, context)).toMatchObject({
      action: 'edited',
    });
    expect(masked).toContain('https://discord.test/api/webhooks/1/tok/messages/99');
  });
});

describe('Google Chat cardsV2', () => {
  const payload = buildGoogleChatPayload(message({ title: hostile }), 'slipway-octo/app-42');

  it('is a card with status, fields and buttons, in the run thread', () => {
    expect(payload.thread).toEqual({ threadKey: 'slipway-octo/app-42' });
    const card = (payload.cardsV2 as Array<{ cardId: string; card: { header: unknown; sections: unknown[] } }>)[0]!;
    expect(card.card.header).toEqual({ title: 'octo/app', subtitle: 'Succeeded · Deployment succeeded' });
    expect(JSON.stringify(card.card.sections)).toContain('"openLink":{"url":"https://app.example.com"}');
  });

  it('HTML-escapes untrusted text in card text', () => {
    const texts = strings(payload.cardsV2);
    expect(texts.some((t) => t.includes('&lt;script&gt;alert(1)&lt;/script&gt;'))).toBe(true);
    for (const text of texts) expect(text).not.toContain('<script>');
  });

  it('answers an update in the same thread, posting to the URL with messageReplyOption', () => {
    const destination = {
      id: 'google-chat',
      label: 'google-chat #1',
      provider: 'google-chat' as const,
      webhookUrl: 'https://chat.test/v1/spaces/S/messages?key=k&token=t',
    };
    const reply = planGoogleChat(
      destination,
      message(),
      { provider: 'google-chat', thread: 'slipway-octo/app-7', id: 'spaces/S/messages/M' },
      context,
    );
    expect(reply.action).toBe('replied');
    expect(reply.payload).toMatchObject({ thread: { threadKey: 'slipway-octo/app-7' } });
    expect(masked).toContain(
      'https://chat.test/v1/spaces/S/messages?key=k&token=t&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
    );
  });
});

describe('generic webhook', () => {
  it('carries raw values, the message id and create/update', () => {
    const payload = buildWebhookPayload(message({ title: hostile }), 'msg-1', false, context.now);
    expect(payload).toMatchObject({
      id: 'msg-1',
      action: 'create',
      event: 'deployment-succeeded',
      status: 'success',
      title: hostile,
      version: '1.4.0',
      environment: 'production',
      repository: 'octo/app',
    });
    expect(buildWebhookPayload(message(), 'msg-1', true, context.now).action).toBe('update');
  });

  it('signs the exact body with HMAC-SHA256 when given a secret', async () => {
    const destination = {
      id: 'webhook',
      label: 'webhook #1',
      provider: 'webhook' as const,
      webhookUrl: 'https://hooks.test/in',
      secret: 's3cret',
    };
    let sent: { body: string; headers: Record<string, string> } | undefined;
    const fetch = (async (_url: string, init: { body: string; headers: Record<string, string> }) => {
      sent = init;
      return new Response(null, { status: 204 });
    }) as unknown as typeof globalThis.fetch;
    const delivery = planWebhook(destination, message(), { provider: 'webhook', id: 'msg-0' }, context);
    expect(delivery.action).toBe('edited');
    await delivery.send({
      policy: { timeoutMs: 1000, baseMs: 1, maxDelayMs: 1, maxAttempts: 1 },
      clock: { now: () => 0, sleep: async () => {} },
      random: () => 0,
      fetch,
    });
    const expected = `sha256=${createHmac('sha256', 's3cret').update(sent!.body).digest('hex')}`;
    expect(sent!.headers['x-slipway-signature']).toBe(expected);
    expect(signBody(sent!.body, 's3cret')).toBe(expected);
    expect(JSON.parse(sent!.body)).toMatchObject({ id: 'msg-0', action: 'update' });
  });
});

describe('email', () => {
  it('has a subject, a text part and an HTML part that escapes untrusted text', () => {
    const email = buildEmail(message({ title: hostile }), {
      from: 'Deploys <deploys@example.com>',
      to: ['team@example.com'],
      messageId: '<m1@example.com>',
    });
    expect(email.subject).toBe(`[octo/app] ${hostile}`);
    expect(email.text).toContain(`Succeeded: ${hostile}`);
    expect(email.text).toContain('Environment: production <https://app.example.com>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('<a href="https://app.example.com">production</a>');
  });

  it('threads an update under the first mail', () => {
    const email = buildEmail(message(), {
      from: 'a@example.com',
      to: ['b@example.com'],
      messageId: '<m2@example.com>',
      inReplyTo: '<m1@example.com>',
    });
    expect(email).toMatchObject({ inReplyTo: '<m1@example.com>', references: '<m1@example.com>' });
  });
});

describe('a release with Markdown notes (issue 18: `\\1.4.0` and `\\## Features`)', () => {
  const notes =
    '## Features\n- add search ([#12](https://github.com/octo/app/pull/12))\n- **faster** builds\n## Fixes\n- 1.4.0 no longer crashes';
  const release = composeMessage(
    {
      event: 'release-published',
      version: '1.4.0',
      releaseUrl: 'https://github.com/octo/app/releases/tag/v1.4.0',
      releaseNotes: notes,
    },
    run,
  );

  it('shows the version as 1.4.0 and no backslash anywhere in Teams, Discord, Slack and Google Chat', () => {
    const payloads = [
      buildTeamsPayload(release),
      buildDiscordPayload(release, context.now),
      buildSlackMessage(release),
      buildGoogleChatPayload(release, 'k'),
    ];
    for (const payload of payloads) {
      const texts = strings(payload);
      expect(texts.some((text) => text.includes('1.4.0'))).toBe(true);
      for (const text of texts) expect(text).not.toMatch(/\\1\.4\.0|\\#|\\-/);
    }
  });

  it("renders Teams headings as bold TextBlocks and items as the card's own list", () => {
    const card = (
      buildTeamsPayload(release).attachments as Array<{ content: { body: Array<Record<string, unknown>> } }>
    )[0]!.content;
    const notesBlocks = card.body.slice(card.body.findIndex((block) => block.text === 'Release notes') + 1);
    expect(notesBlocks).toEqual([
      expect.objectContaining({ type: 'TextBlock', text: 'Features', weight: 'Bolder' }),
      expect.objectContaining({ type: 'TextBlock', text: '- add search (#12)\r- faster builds' }),
      expect.objectContaining({ type: 'TextBlock', text: 'Fixes', weight: 'Bolder' }),
      expect.objectContaining({ type: 'TextBlock', text: '- 1.4.0 no longer crashes' }),
    ]);
  });

  it('gives each Discord heading its own embed field, items as a Discord list', () => {
    const embed = (
      buildDiscordPayload(release, context.now).embeds as Array<{ fields: Array<{ name: string; value: string }> }>
    )[0]!;
    expect(embed.fields.filter((field) => ['Features', 'Fixes'].includes(field.name))).toEqual([
      { name: 'Features', value: '- add search (#12)\n- faster builds', inline: false },
      { name: 'Fixes', value: '- 1.4.0 no longer crashes', inline: false },
    ]);
    expect(embed.fields.find((field) => field.name === 'Version')?.value).toBe(
      '[1.4.0](https://github.com/octo/app/releases/tag/v1.4.0)',
    );
  });

  it("names the event in words in Google Chat's subtitle", () => {
    const card = (
      buildGoogleChatPayload(release, 'k').cardsV2 as Array<{ card: { header: { subtitle: string } } }>
    )[0]!;
    expect(card.card.header.subtitle).toBe('Succeeded · Release published');
  });
});
