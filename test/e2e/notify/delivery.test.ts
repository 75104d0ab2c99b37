import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipwaySignature } from '../../support/chat-sinks.js';
import { type Bed, destinationsFor, notify, startBed, WEBHOOK_SECRET } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(() => bed.close());

const deployment = { 'version': '1.4.0', 'environment': 'production', 'environment-url': 'https://app.example.com' };

describe('notify: every provider, then an update of the same messages', () => {
  let startIds: Record<string, { provider: string; id?: string; channel?: string; thread?: string }>;

  it('delivers a message designed for each provider, accepted by each service', async () => {
    const run = await notify(bed, { event: 'deployment-started', ...deployment, destinations: destinationsFor(bed) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.delivered).toBe('7');
    expect(run.outputs.failed).toBe('0');
    const { sinks, smtp } = bed;

    const [api, hook] = [
      sinks.slack.messages.find((m) => m.via === 'api')!,
      sinks.slack.messages.find((m) => m.via === 'webhook')!,
    ];
    expect(api).toMatchObject({ channel: 'C0DEPLOYS', text: 'In progress: Deploying 1.4.0 to production…' });
    expect(api.attachments).toMatchObject([{ color: '#1D9BD1' }]);
    expect(hook.text).toBe(api.text);

    const card = sinks.teams.messages[0]!.cards[0]!;
    expect(card.version).toBe('1.4');
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'accent' });

    const discordPost = sinks.discord.requests[0]!;
    expect(discordPost).toMatchObject({ method: 'POST', query: { wait: 'true' }, status: 200 });
    expect((discordPost.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect(sinks.discord.messages[0]!.embeds[0]).toMatchObject({
      title: 'Deploying 1.4.0 to production…',
      color: 0x1d9bd1,
    });

    const chat = sinks.googleChat.messages[0]!;
    expect(chat.cardsV2).toHaveLength(1);
    expect(chat.thread.threadKey).toMatch(/^slipway-octo\/app-\d+$/);

    const hookDelivery = sinks.webhook.messages[0]!;
    expect(hookDelivery.headers['x-slipway-signature']).toBe(slipwaySignature(WEBHOOK_SECRET, hookDelivery.rawBody));
    expect(hookDelivery.body).toMatchObject({
      action: 'create',
      event: 'deployment-started',
      version: '1.4.0',
      environment: 'production',
      repository: 'octo/app',
    });

    expect(smtp.messages[0]).toMatchObject({
      subject: '[octo/app] Deploying 1.4.0 to production…',
      to: ['team@example.com', 'ops@example.com'],
      user: 'deploys',
    });

    startIds = JSON.parse(run.outputs['message-ids']!);
    expect(Object.keys(startIds).sort()).toEqual([
      'discord',
      'email',
      'google-chat',
      'slack-api',
      'slack-hook',
      'teams',
      'webhook',
    ]);
    expect(run.summary).toContain('✅ Notified 7 of 7 destinations');
  });

  it('turns "deploying…" into "deployed ✅": edited in place where the service can, answered in the thread where not', async () => {
    const run = await notify(bed, {
      event: 'deployment-succeeded',
      ...deployment,
      destinations: destinationsFor(bed),
      update: JSON.stringify(startIds),
    });
    expect(run.exitCode).toBe(0);
    const actions = Object.fromEntries(
      (JSON.parse(run.outputs.results!) as Array<{ destination: string; action: string }>).map((r) => [
        r.destination,
        r.action,
      ]),
    );
    expect(actions).toEqual({
      'slack-api': 'edited',
      'slack-hook': 'posted',
      'teams': 'posted',
      'discord': 'edited',
      'google-chat': 'replied',
      'webhook': 'edited',
      'email': 'replied',
    });
    const { sinks, smtp } = bed;

    const apiMessages = sinks.slack.messages.filter((m) => m.via === 'api');
    expect(apiMessages).toHaveLength(1);
    expect(apiMessages[0]).toMatchObject({
      ts: startIds['slack-api']!.id,
      text: 'Succeeded: Deployed 1.4.0 to production ✅',
      edited: expect.any(Object),
    });
    expect(apiMessages[0]!.attachments).toMatchObject([{ color: '#2EB67D' }]);
    expect(sinks.slack.messages.filter((m) => m.via === 'webhook').map((m) => m.text)).toEqual([
      'In progress: Deploying 1.4.0 to production…',
      'Succeeded: Deployed 1.4.0 to production ✅',
    ]);

    expect(sinks.discord.messages).toHaveLength(1);
    expect(sinks.discord.messages[0]).toMatchObject({ id: startIds.discord!.id, editedTimestamp: expect.any(String) });
    expect(sinks.discord.messages[0]!.embeds[0]).toMatchObject({
      title: 'Deployed 1.4.0 to production ✅',
      color: 0x2eb67d,
    });
    expect(sinks.discord.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/api/webhooks/${sinks.discord.webhookId}/slipway-discord-webhook-token/messages/${startIds.discord!.id}`,
    });

    const [first, reply] = sinks.googleChat.messages;
    expect(reply!.thread.name).toBe(first!.thread.name);

    expect(sinks.teams.messages).toHaveLength(2);
    expect(sinks.teams.messages[1]!.cards[0]!.body[0]).toMatchObject({ style: 'good' });

    const [created, updated] = sinks.webhook.messages.map((m) => m.body as { id: string; action: string });
    expect(updated).toMatchObject({ id: created!.id, action: 'update', event: 'deployment-succeeded' });

    const [firstMail, replyMail] = smtp.messages;
    expect(replyMail!.subject).toBe('[octo/app] Deployed 1.4.0 to production ✅');
    expect(replyMail!.headers['in-reply-to']).toBe(firstMail!.headers['message-id']);

    expect(JSON.parse(run.outputs['message-ids']!)).toMatchObject({
      'slack-api': startIds['slack-api'],
      'discord': startIds.discord,
      'google-chat': { thread: startIds['google-chat']!.thread },
    });
  });

  it('stays within every service limit for very long text', async () => {
    const long = (word: string) => Array.from({ length: 4000 }, (_, i) => `${word}${i}`).join(' ');
    const before = {
      slack: bed.sinks.slack.messages.length,
      discord: bed.sinks.discord.messages.length,
      teams: bed.sinks.teams.messages.length,
      chat: bed.sinks.googleChat.messages.length,
    };
    const run = await notify(bed, {
      'event': 'release-published',
      'version': `v${'9'.repeat(300)}`,
      'title': long('title'),
      'message': long('<&>'),
      'release-notes': long('- note\n'),
      'destinations': destinationsFor(bed, ['slack-api', 'slack-hook', 'teams', 'discord', 'google-chat']),
    });
    expect(run.outputs.failed).toBe('0');
    expect(run.outputs.delivered).toBe('5');
    expect(bed.sinks.slack.messages.length).toBe(before.slack + 2);
    expect(bed.sinks.discord.messages.length).toBe(before.discord + 1);
    expect(bed.sinks.teams.messages.length).toBe(before.teams + 1);
    expect(bed.sinks.googleChat.messages.length).toBe(before.chat + 1);
  });
});

describe('notify: Microsoft Teams through Workflows', () => {
  it('posts a release to Teams through a Workflows webhook: an Adaptive Card in the attachments envelope, answered 202', async () => {
    const notes = '## Features\n- add search\n- dark mode\n## Fixes\n- 1.4.0 starts faster';
    const run = await notify(bed, {
      'event': 'release-published',
      'version': '1.4.0',
      'release-url': 'https://github.com/octo/app/releases/tag/v1.4.0',
      'release-notes': notes,
      'provider': 'teams',
      'webhook-url': bed.sinks.teams.webhookUrl,
    });
    expect(run.outputs.delivered).toBe('1');
    const request = bed.sinks.teams.requests.at(-1)!;
    // The sink answers 202 only for the Workflows envelope with a card that passes the Adaptive Card 1.4 schema.
    expect(request).toMatchObject({ method: 'POST', status: 202, query: { sig: expect.any(String) } });
    expect(request.body).toMatchObject({
      type: 'message',
      attachments: [
        { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4' } },
      ],
    });
    const card = bed.sinks.teams.messages.at(-1)!.cards[0]!;
    expect(JSON.stringify(card)).not.toContain('\\\\');
    expect(card.body).toContainEqual({
      type: 'FactSet',
      facts: expect.arrayContaining([
        { title: 'Version', value: '[1.4.0](https://github.com/octo/app/releases/tag/v1.4.0)' },
      ]),
    });
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'TextBlock', text: '- add search\r- dark mode' }));
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'TextBlock', text: 'Fixes', weight: 'Bolder' }));
  });
});
