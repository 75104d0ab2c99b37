import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverNotifications, messageIds } from '../../../src/notify/deliver.js';
import type { Destination } from '../../../src/notify/destinations.js';
import { composeMessage } from '../../../src/notify/message.js';
import { resultsSummary } from '../../../src/notify/results-summary.js';
import { fakeClock } from '../runtime/fake-clock.js';

const message = composeMessage(
  { event: 'deployment-started', version: '1.4.0', environment: 'production' },
  { serverUrl: 'https://github.com', repository: 'octo/app', runId: '42' },
);
const policy = { timeoutMs: 30_000, baseMs: 100, maxDelayMs: 1000, maxAttempts: 4 };

/** A fake fetch answering by URL, recording what was sent. */
function routes(answers: Record<string, () => Response>) {
  const sent: Array<{ url: string; method: string; body: string }> = [];
  const fetch = (async (url: string, init: { method: string; body: string }) => {
    sent.push({ url, method: init.method, body: init.body });
    const key = Object.keys(answers).find((prefix) => url.startsWith(prefix));
    return key ? answers[key]!() : new Response('not found', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

const destinations: Destination[] = [
  {
    id: 'discord',
    label: 'discord #1',
    provider: 'discord',
    webhookUrl: 'https://discord.test/api/webhooks/1/SECRETTOKEN',
  },
  { id: 'teams', label: 'teams #2', provider: 'teams', webhookUrl: 'https://teams.test/flow/SECRETFLOW' },
  {
    id: 'webhook',
    label: 'webhook #3',
    provider: 'webhook',
    webhookUrl: 'https://gone.test/SECRETHOOK',
    secret: 'hmac-secret',
  },
];

describe('deliver', () => {
  it('delivers to each destination independently and reports each result', async () => {
    const { sent, fetch } = routes({
      'https://discord.test/': () => Response.json({ id: '111' }),
      'https://teams.test/': () => new Response(null, { status: 202 }),
      'https://gone.test/': () => new Response('this hook was removed: https://gone.test/SECRETHOOK', { status: 410 }),
    });
    const masked: string[] = [];
    const results = await deliverNotifications(destinations, message, {
      policy,
      clock: fakeClock(),
      fetch,
      mask: (s) => masked.push(s),
      runThreadKey: 'k',
      newId: () => 'id-1',
    });
    expect(results.map((r) => [r.destination, r.outcome, r.attempts])).toEqual([
      ['discord', 'delivered', 1],
      ['teams', 'delivered', 1],
      ['webhook', 'failed', 1],
    ]);
    expect(results[2]?.error).toBe('HTTP 410: this hook was removed: *** (permanent, not retried)');
    expect(messageIds(results)).toEqual({ discord: { provider: 'discord', id: '111' }, teams: { provider: 'teams' } });
    expect(sent.map((s) => s.url)).toEqual([
      'https://discord.test/api/webhooks/1/SECRETTOKEN?wait=true',
      'https://teams.test/flow/SECRETFLOW',
      'https://gone.test/SECRETHOOK',
    ]);
    expect(masked).toEqual(
      expect.arrayContaining([
        'https://discord.test/api/webhooks/1/SECRETTOKEN',
        'https://discord.test/api/webhooks/1/SECRETTOKEN?wait=true',
        'https://gone.test/SECRETHOOK',
        'hmac-secret',
      ]),
    );

    const summary = resultsSummary(message, results);
    expect(summary).toMatch(/^## Notify: ⚠️ 1 of 3 notifications failed/);
    expect(summary).toContain(
      '| webhook #3 | ❌ failed | posted | 1 | HTTP 410: this hook was removed: *** (permanent, not retried) |',
    );
    expect(summary).not.toMatch(/SECRET|hmac-secret/);
  });

  it('edits the earlier Discord message with PATCH when given its id', async () => {
    const { sent, fetch } = routes({ 'https://discord.test/': () => Response.json({ id: '111' }) });
    const [result] = await deliverNotifications([destinations[0]!], message, {
      policy,
      clock: fakeClock(),
      fetch,
      mask: () => {},
      runThreadKey: 'k',
      refs: { discord: { provider: 'discord', id: '111' } },
    });
    expect(result).toMatchObject({ outcome: 'delivered', action: 'edited', ref: { provider: 'discord', id: '111' } });
    expect(sent).toEqual([
      expect.objectContaining({ method: 'PATCH', url: 'https://discord.test/api/webhooks/1/SECRETTOKEN/messages/111' }),
    ]);
  });

  it('sends nothing on a dry run and returns the exact payloads', async () => {
    const { sent, fetch } = routes({});
    const results = await deliverNotifications(destinations, message, {
      policy,
      clock: fakeClock(),
      fetch,
      mask: () => {},
      runThreadKey: 'k',
      dryRun: true,
      newId: () => 'id-1',
    });
    expect(sent).toEqual([]);
    expect(results.map((r) => r.outcome)).toEqual(['dry-run', 'dry-run', 'dry-run']);
    expect(results[2]?.payload).toMatchObject({ id: 'id-1', action: 'create', event: 'deployment-started' });
  });
});

describe('Slack Web API path', () => {
  let server: Server;
  let apiUrl: string;
  const calls: Array<{ method: string; body: Record<string, string> }> = [];
  const replies: Array<(res: import('node:http').ServerResponse) => void> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = req.headers['content-type']?.includes('json')
          ? (JSON.parse(raw) as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(raw));
        calls.push({ method: req.url ?? '', body });
        const reply = replies.shift();
        if (reply) reply(res);
        else
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ ok: true, channel: body.channel, ts: body.ts ?? '1700000000.000200' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const slack: Destination = { id: 'slack', label: 'slack #1', provider: 'slack', token: 'xoxb-secret', channel: 'C1' };

  it('posts with chat.postMessage, waits out a rate limit as told, then edits with chat.update', async () => {
    calls.length = 0;
    replies.push((res) =>
      res
        .writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' })
        .end('{"ok":false,"error":"ratelimited"}'),
    );
    const clock = fakeClock();
    const [posted] = await deliverNotifications([slack], message, {
      policy,
      clock,
      slackApiUrl: apiUrl,
      mask: () => {},
      runThreadKey: 'k',
    });
    expect(posted).toMatchObject({
      outcome: 'delivered',
      action: 'posted',
      attempts: 2,
      ref: { provider: 'slack', channel: 'C1', id: '1700000000.000200' },
    });
    expect(clock.slept).toEqual([2000]);
    const [edited] = await deliverNotifications([slack], message, {
      policy,
      clock,
      slackApiUrl: apiUrl,
      mask: () => {},
      runThreadKey: 'k',
      refs: messageIds([posted!]),
    });
    expect(edited).toMatchObject({ outcome: 'delivered', action: 'edited' });
    expect(calls.map((c) => c.method)).toEqual(['/api/chat.postMessage', '/api/chat.postMessage', '/api/chat.update']);
    expect(calls[2]?.body).toMatchObject({ channel: 'C1', ts: '1700000000.000200' });
  });

  it('fails fast on ok:false with the Slack error, never the token', async () => {
    replies.push((res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"channel_not_found"}'),
    );
    const [result] = await deliverNotifications([slack], message, {
      policy,
      clock: fakeClock(),
      slackApiUrl: apiUrl,
      mask: () => {},
      runThreadKey: 'k',
    });
    expect(result).toMatchObject({
      outcome: 'failed',
      attempts: 1,
      error: 'Slack answered ok:false: channel_not_found (permanent, not retried)',
    });
  });
});
