import { describe, expect, it } from 'vitest';
import { classifyHttp, type Fetch, sendHttp } from '../../../src/notify/http-request.js';
import type { RetryPolicy } from '../../../src/runtime/retry.js';
import { classifySlackWebhook } from '../../../src/notify/slack.js';
import { fakeClock } from '../runtime/fake-clock.js';

const policy: RetryPolicy = { timeoutMs: 60_000, baseMs: 1000, maxDelayMs: 8000, maxAttempts: 6 };

/** Answers in turn; each answer is [status, body, headers]. */
function scriptedFetch(answers: Array<[number, string, Record<string, string>?] | Error>): Fetch & { calls: number } {
  const f = (async () => {
    const answer = answers[Math.min(f.calls, answers.length - 1)]!;
    f.calls += 1;
    if (answer instanceof Error) throw answer;
    const [status, body, headers] = answer;
    return new Response(status === 204 ? null : body, { status, headers });
  }) as unknown as Fetch & { calls: number };
  f.calls = 0;
  return f;
}

const request = { method: 'POST' as const, url: 'https://hooks.example.test/secret-path', headers: {}, body: '{}' };

describe('HTTP answers under the policy', () => {
  it('honours Retry-After on a 429 and then delivers once', async () => {
    const clock = fakeClock();
    const f = scriptedFetch([
      [429, 'slow down', { 'retry-after': '3' }],
      [200, 'ok'],
    ]);
    const { attempts } = await sendHttp(request, { policy, clock, fetch: f });
    expect(attempts).toBe(2);
    expect(f.calls).toBe(2);
    expect(clock.slept).toEqual([3000]);
  });

  it("prefers Discord's precise JSON retry_after to its rounded header", async () => {
    const clock = fakeClock();
    const body = JSON.stringify({ message: 'You are being rate limited.', retry_after: 1.337, global: false });
    const f = scriptedFetch([
      [429, body, { 'retry-after': '2', 'content-type': 'application/json' }],
      [200, '{"id":"1"}'],
    ]);
    await sendHttp(request, { policy, clock, fetch: f });
    expect(clock.slept).toEqual([1337]);
  });

  it('retries 5xx and network errors, then succeeds', async () => {
    const clock = fakeClock();
    const f = scriptedFetch([
      [503, 'busy'],
      new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
      [200, 'ok'],
    ]);
    const { attempts } = await sendHttp(request, { policy, clock, fetch: f });
    expect(attempts).toBe(3);
    expect(clock.slept).toHaveLength(2);
  });

  it('fails fast on a permanent 4xx, with what the service said and without the URL', async () => {
    const clock = fakeClock();
    const f = scriptedFetch([[404, 'no_service']]);
    const error = await sendHttp(request, { policy, clock, fetch: f }).catch((e: Error) => e);
    expect(f.calls).toBe(1);
    expect((error as Error).message).toBe('HTTP 404: no_service (permanent, not retried)');
    expect((error as Error).message).not.toContain('secret-path');
  });

  it('counts a Teams 202 Accepted as delivered', () => {
    const outcome = classifyHttp({ status: 202, headers: new Headers(), text: '', json: undefined }, 0);
    expect(outcome.done).toBe(true);
  });

  it("treats Slack's HTTP 200 with ok:false as a failure, transient only for Slack's transient errors", () => {
    const answer = (error: string) => ({ status: 200, headers: new Headers(), text: '', json: { ok: false, error } });
    expect(classifySlackWebhook(answer('channel_not_found'), 0)).toEqual({
      done: false,
      retryable: false,
      reason: 'Slack answered ok:false: channel_not_found',
    });
    expect(classifySlackWebhook(answer('internal_error'), 0)).toMatchObject({ done: false, retryable: true });
    expect(classifySlackWebhook({ status: 200, headers: new Headers(), text: 'ok', json: undefined }, 0).done).toBe(
      true,
    );
  });
});
