import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slipwaySignature, startChatSinks, type ChatSinks } from '../../support/chat-sinks.js';

function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('chat sinks', () => {
  let sinks: ChatSinks;
  beforeEach(async () => {
    sinks = await startChatSinks({ webhookSecret: 'shh' });
  });
  afterEach(async () => {
    await sinks.close();
  });

  it('bind to loopback only', () => {
    for (const url of [
      sinks.slack.webhookUrl,
      sinks.slack.apiUrl,
      sinks.discord.webhookUrl,
      sinks.teams.webhookUrl,
      sinks.googleChat.webhookUrl,
      sinks.webhook.url,
    ]) {
      expect(new URL(url).hostname).toBe('127.0.0.1');
    }
  });

  it('stop accepting connections once closed', async () => {
    const closing = await startChatSinks();
    const urls = [
      closing.slack.webhookUrl,
      closing.discord.webhookUrl,
      closing.teams.webhookUrl,
      closing.googleChat.webhookUrl,
      closing.webhook.url,
    ];
    await closing.close();
    for (const url of urls) await expect(postJson(url, { text: 'x' })).rejects.toThrow('fetch failed');
  });

  describe('Slack incoming webhook', () => {
    it('answers ok and stores the message', async () => {
      const response = await postJson(sinks.slack.webhookUrl, {
        text: 'Deployed v1.2.0',
        blocks: [section('*v1.2.0* is live')],
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('ok');
      expect(sinks.slack.messages).toMatchObject([{ channel: 'C0DEPLOYS', text: 'Deployed v1.2.0', via: 'webhook' }]);
    });

    it.each([
      ['not JSON', '{oops', 'invalid_payload'],
      ['no text, blocks or attachments', JSON.stringify({ username: 'x' }), 'no_text'],
      ['a section over 3000 characters', JSON.stringify({ blocks: [section('x'.repeat(3001))] }), 'invalid_blocks'],
      ['51 blocks', JSON.stringify({ blocks: Array.from({ length: 51 }, () => section('x')) }), 'invalid_blocks'],
    ])('refuses %s with 400', async (_name, body, error) => {
      const response = await fetch(sinks.slack.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toBe(error);
      expect(sinks.slack.messages).toEqual([]);
    });

    it('answers 404 no_service for an unknown webhook', async () => {
      const response = await postJson(sinks.slack.webhookUrl.replace(/\w+$/, 'revoked'), { text: 'x' });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('no_service');
    });
  });

  describe('Slack Web API', () => {
    const client = (token = sinks.slack.token) =>
      new WebClient(token, { slackApiUrl: sinks.slack.apiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });

    it('posts, threads and updates messages through @slack/web-api', async () => {
      const posted = await client().chat.postMessage({
        channel: '#deployments',
        text: 'Deploying',
        blocks: [section('Deploying *v2*')],
      });
      expect(posted).toMatchObject({ ok: true, channel: 'C0DEPLOYS' });
      const reply = await client().chat.postMessage({
        channel: 'C0DEPLOYS',
        text: 'step 1 done',
        thread_ts: posted.ts,
      });
      const updated = await client().chat.update({
        channel: 'C0DEPLOYS',
        ts: posted.ts!,
        text: 'Deployed',
        blocks: [section('Deployed *v2*')],
      });

      expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'Deployed' });
      expect(sinks.slack.messages).toMatchObject([
        { ts: posted.ts, text: 'Deployed', blocks: [section('Deployed *v2*')], edited: {} },
        { ts: reply.ts, threadTs: posted.ts, text: 'step 1 done' },
      ]);
      const history = await client().conversations.history({ channel: 'C0DEPLOYS' });
      expect(history.messages?.map((message) => message.text)).toEqual(['Deployed']);
    });

    it.each([
      ['a wrong token', { channel: '#deployments', text: 'x' }, 'invalid_auth', 'xoxb-wrong'],
      ['an unknown channel', { channel: '#nowhere', text: 'x' }, 'channel_not_found', undefined],
      [
        '51 blocks',
        { channel: '#deployments', text: 'x', blocks: Array.from({ length: 51 }, () => section('x')) },
        'invalid_blocks',
        undefined,
      ],
      [
        'a section over 3000 characters',
        { channel: '#deployments', text: 'x', blocks: [section('y'.repeat(3001))] },
        'invalid_blocks',
        undefined,
      ],
      ['text over 40000 characters', { channel: '#deployments', text: 'z'.repeat(40_001) }, 'msg_too_long', undefined],
      ['no text or blocks', { channel: '#deployments' }, 'no_text', undefined],
    ])('answers HTTP 200 ok:false for %s', async (_name, args, error, token) => {
      const response = await fetch(`${sinks.slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'authorization': `Bearer ${token ?? sinks.slack.token}`,
        },
        body: JSON.stringify(args),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: false, error });
      expect(sinks.slack.messages).toEqual([]);
    });

    it('says why blocks are invalid, as Slack does', async () => {
      const error = await client()
        .chat.postMessage({
          channel: '#deployments',
          text: 'x',
          blocks: Array.from({ length: 51 }, () => section('x')),
        })
        .catch((caught: { data: unknown }) => caught.data);
      expect(error).toMatchObject({
        ok: false,
        error: 'invalid_blocks',
        response_metadata: { messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'] },
      });
    });

    it('requires a token, and message_not_found for updating a missing message', async () => {
      const noToken = await postJson(`${sinks.slack.apiUrl}chat.postMessage`, {
        channel: '#deployments',
        text: 'x',
        token: sinks.slack.token,
      });
      expect(await noToken.json()).toEqual({ ok: false, error: 'not_authed' });
      await expect(client().chat.update({ channel: 'C0DEPLOYS', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
        data: { error: 'message_not_found' },
      });
    });

    it('makes @slack/web-api wait out an injected 429 and retry', async () => {
      sinks.slack.failNext([{ status: 429, retryAfter: 1 }]);
      const started = Date.now();
      const patient = new WebClient(sinks.slack.token, {
        slackApiUrl: sinks.slack.apiUrl,
        logLevel: LogLevel.ERROR,
        retryConfig: { retries: 1, minTimeout: 0 },
      });
      const posted = await patient.chat.postMessage({ channel: '#deployments', text: 'after the limit' });
      expect(posted.ok).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(sinks.slack.requests.map((request) => request.status)).toEqual([429, 200]);
      expect(sinks.slack.requests[0]?.fault).toEqual({ status: 429, retryAfter: 1 });
      expect(sinks.slack.requests[1]!.receivedAt - sinks.slack.requests[0]!.receivedAt).toBeGreaterThanOrEqual(1000);
    });
  });

  describe('Discord webhook', () => {
    it('returns the message with ?wait=true and edits it with PATCH', async () => {
      const created = await postJson(`${sinks.discord.webhookUrl}?wait=true`, {
        content: 'Deploying',
        embeds: [{ title: 'v3' }],
      });
      expect(created.status).toBe(200);
      const message = (await created.json()) as { id: string; content: string; webhook_id: string };
      expect(message).toMatchObject({ content: 'Deploying', webhook_id: sinks.discord.webhookId });

      const edited = await postJson(
        `${sinks.discord.webhookUrl}/messages/${message.id}`,
        { content: 'Deployed' },
        {},
        'PATCH',
      );
      expect(edited.status).toBe(200);
      expect(await edited.json()).toMatchObject({ id: message.id, content: 'Deployed', embeds: [{ title: 'v3' }] });
      expect(sinks.discord.messages).toMatchObject([{ id: message.id, content: 'Deployed' }]);
      expect(sinks.discord.messages[0]?.editedTimestamp).not.toBeNull();

      const withoutWait = await postJson(sinks.discord.webhookUrl, { content: 'no body back' });
      expect(withoutWait.status).toBe(204);
    });

    it.each([
      [
        'content over 2000 characters',
        { content: 'x'.repeat(2001) },
        { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
      ],
      [
        '11 embeds',
        { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
        { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] } },
      ],
      [
        'an embed title over 256',
        { embeds: [{ title: 't'.repeat(257) }] },
        {
          embeds: {
            0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } },
          },
        },
      ],
    ])('refuses %s with 400 Invalid Form Body', async (_name, body, errors) => {
      const response = await postJson(`${sinks.discord.webhookUrl}?wait=true`, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ code: 50035, message: 'Invalid Form Body', errors });
      expect(sinks.discord.messages).toEqual([]);
    });

    it('answers unknown messages with 404 code 10008', async () => {
      const response = await postJson(`${sinks.discord.webhookUrl}/messages/42`, { content: 'x' }, {}, 'PATCH');
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'Unknown Message', code: 10008 });
    });

    it('sends a 429 with JSON retry_after in seconds and the headers', async () => {
      sinks.discord.failNext([{ status: 429, retryAfter: 1.5 }]);
      const limited = await postJson(`${sinks.discord.webhookUrl}?wait=true`, { content: 'x' });
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({ message: 'You are being rate limited.', retry_after: 1.5, global: false });
      expect(limited.headers.get('retry-after')).toBe('2');
      expect(limited.headers.get('x-ratelimit-reset-after')).toBe('1.500');
      expect((await postJson(`${sinks.discord.webhookUrl}?wait=true`, { content: 'x' })).status).toBe(200);
    });
  });

  describe('Teams Workflows webhook', () => {
    const card = (version: string, body: unknown[] = [{ type: 'TextBlock', text: 'Deployed' }]) => ({
      type: 'message',
      attachments: [
        { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version, body } },
      ],
    });

    it('accepts an Adaptive Card 1.4 with 202', async () => {
      const response = await postJson(sinks.teams.webhookUrl, card('1.4'));
      expect(response.status).toBe(202);
      expect(sinks.teams.messages).toMatchObject([{ cards: [{ version: '1.4', body: [{ text: 'Deployed' }] }] }]);
    });

    it.each([
      ['version 1.5', card('1.5'), 'not supported'],
      ['a MessageCard', { '@type': 'MessageCard', 'text': 'legacy' }, "'type' must be 'message'"],
      [
        'a hero card',
        { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }] },
        'contentType',
      ],
    ])('refuses %s with 400', async (_name, body, problem) => {
      const response = await postJson(sinks.teams.webhookUrl, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(problem);
      expect(sinks.teams.messages).toEqual([]);
    });

    it('refuses a card over 28 KB with 413, and a missing signature with 401', async () => {
      const large = await postJson(
        sinks.teams.webhookUrl,
        card('1.4', [{ type: 'TextBlock', text: 'x'.repeat(29 * 1024) }]),
      );
      expect(large.status).toBe(413);
      const unsigned = await postJson(sinks.teams.webhookUrl.replace(/sig=[^&]+/, 'sig=forged'), card('1.4'));
      expect(unsigned.status).toBe(401);
    });
  });

  describe('Google Chat webhook', () => {
    it('threads replies that carry the same threadKey with a REPLY_MESSAGE option', async () => {
      const url = `${sinks.googleChat.webhookUrl}&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`;
      const first = (await (await postJson(url, { text: 'Deploying', thread: { threadKey: 'deploy-42' } })).json()) as {
        name: string;
        thread: { name: string };
      };
      const second = (await (
        await postJson(url, { cardsV2: [{ cardId: 'c', card: { sections: [] } }], thread: { threadKey: 'deploy-42' } })
      ).json()) as { thread: { name: string } };
      const other = (await (await postJson(url, { text: 'Other', thread: { threadKey: 'deploy-43' } })).json()) as {
        thread: { name: string };
      };
      const unspecified = (await (
        await postJson(sinks.googleChat.webhookUrl, { text: 'New', thread: { threadKey: 'deploy-42' } })
      ).json()) as { thread: { name: string } };

      expect(first.name).toMatch(/^spaces\/AAAASlipway\/messages\//);
      expect(second.thread.name).toBe(first.thread.name);
      expect(other.thread.name).not.toBe(first.thread.name);
      expect(unspecified.thread.name).not.toBe(first.thread.name);
      expect(sinks.googleChat.messages).toHaveLength(4);
    });

    it.each([
      ['an empty message', {}, 'Message cannot be empty'],
      ['text over 4096 characters', { text: 'x'.repeat(4097) }, 'exceeds the maximum'],
    ])('refuses %s with 400 INVALID_ARGUMENT', async (_name, body, message) => {
      const response = await postJson(sinks.googleChat.webhookUrl, body);
      expect(response.status).toBe(400);
      const error = ((await response.json()) as { error: { status: string; message: string } }).error;
      expect(error.status).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain(message);
    });

    it('refuses a wrong token with 401 UNAUTHENTICATED', async () => {
      const response = await postJson(sinks.googleChat.webhookUrl.replace(/token=[^&]+/, 'token=wrong'), { text: 'x' });
      expect(response.status).toBe(401);
    });
  });

  describe('generic webhook', () => {
    it('records a signed delivery and refuses a wrongly signed one with 401', async () => {
      const raw = JSON.stringify({ event: 'deployed', version: '1.0.0' });
      const signed = await fetch(sinks.webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-slipway-signature': slipwaySignature('shh', raw) },
        body: raw,
      });
      const forged = await fetch(sinks.webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-slipway-signature': slipwaySignature('guess', raw) },
        body: raw,
      });
      const unsigned = await postJson(sinks.webhook.url, { event: 'x' });
      expect([signed.status, forged.status, unsigned.status]).toEqual([200, 401, 401]);
      expect(sinks.webhook.messages).toMatchObject([{ body: { event: 'deployed', version: '1.0.0' }, rawBody: raw }]);
      expect(sinks.webhook.messages[0]?.headers['x-slipway-signature']).toBe(slipwaySignature('shh', raw));
    });
  });

  describe('fault injection', () => {
    async function statusesFor(seed: number): Promise<number[]> {
      const fresh = await startChatSinks();
      try {
        fresh.setFaults({ rate: 0.3, seed, kinds: [{ status: 503 }, { status: 429, retryAfter: 2 }] });
        const statuses: number[] = [];
        for (let i = 0; i < 40; i += 1)
          statuses.push((await postJson(`${fresh.discord.webhookUrl}?wait=true`, { content: `m${i}` })).status);
        return statuses;
      } finally {
        await fresh.close();
      }
    }

    it('fails the same requests for the same seed, near the configured rate', async () => {
      const first = await statusesFor(7);
      const again = await statusesFor(7);
      const otherSeed = await statusesFor(8);
      expect(again).toEqual(first);
      expect(otherSeed).not.toEqual(first);
      const failures = first.filter((status) => status !== 200).length;
      expect(failures).toBeGreaterThanOrEqual(6);
      expect(failures).toBeLessThanOrEqual(18);
      expect(new Set(first)).toEqual(new Set([200, 503, 429]));
    });

    it('answers queued faults in order before handling requests, and can drop the connection', async () => {
      sinks.slack.failNext([{ status: 429, retryAfter: 3 }, { status: 503 }, { drop: true }]);
      const limited = await postJson(sinks.slack.webhookUrl, { text: 'a' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(await limited.text()).toBe('rate_limited');
      expect((await postJson(sinks.slack.webhookUrl, { text: 'b' })).status).toBe(503);
      await expect(postJson(sinks.slack.webhookUrl, { text: 'c' })).rejects.toThrow();
      expect((await postJson(sinks.slack.webhookUrl, { text: 'd' })).status).toBe(200);
      expect(sinks.slack.messages.map((message) => message.text)).toEqual(['d']);
    });
  });
});
