import { describe, expect, it } from 'vitest';
import { classifyHttp, type Fetch, sendHttp } from '../../../src/notify/http-request.js';
import { type Attempt, backoffMs, DeliveryFailure, parseRetryAfter, type RetryPolicy, withRetry } from '../../../src/notify/retry.js';
import { classifySlackWebhook } from '../../../src/notify/slack.js';
import { fakeClock } from './fake-clock.js';

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

describe('backoff', () => {
  it('doubles from the base up to the cap, with half of each delay jittered', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });
});

describe('withRetry', () => {
  it('retries transient failures with backoff until one succeeds', async () => {
    const clock = fakeClock(0.5);
    const outcomes: Attempt<string>[] = [
      { done: false, retryable: true, reason: 'HTTP 502' },
      { done: false, retryable: true, reason: 'network error: ECONNRESET' },
      { done: true, value: 'ok' },
    ];
    const result = await withRetry(async () => outcomes.shift()!, policy, clock);
    expect(result).toEqual({ value: 'ok', attempts: 3 });
    expect(clock.sleeps).toEqual([750, 1500]);
  });

  it('waits exactly as long as a 429 asked, instead of backing off', async () => {
    const clock = fakeClock();
    const outcomes: Attempt<string>[] = [{ done: false, retryable: true, reason: 'rate limited', waitMs: 7300 }, { done: true, value: 'ok' }];
    await withRetry(async () => outcomes.shift()!, policy, clock);
    expect(clock.sleeps).toEqual([7300]);
  });

  it('stops at once on a permanent failure', async () => {
    const clock = fakeClock();
    let calls = 0;
    const failure = withRetry<string>(async () => (calls++, { done: false, retryable: false, reason: 'HTTP 404: no_service' }), policy, clock);
    await expect(failure).rejects.toThrow('HTTP 404: no_service (permanent, not retried)');
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('refuses a wait that would run past the overall timeout', async () => {
    const clock = fakeClock();
    const failure = withRetry<string>(async () => ({ done: false, retryable: true, reason: 'rate limited', waitMs: 90_000 }), policy, clock);
    await expect(failure).rejects.toThrow('rate limited; asked to wait 1m 30s, past the 1m timeout, after 1 attempt');
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up when the attempts are used, reporting the last reason and the count', async () => {
    const clock = fakeClock(0);
    const failure = withRetry<string>(async () => ({ done: false, retryable: true, reason: 'HTTP 503' }), { ...policy, maxAttempts: 3 }, clock);
    await expect(failure).rejects.toSatisfy((e: unknown) => e instanceof DeliveryFailure && e.attempts === 3 && e.message === 'HTTP 503; gave up after 3 attempts');
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it('passes each attempt the time left before the deadline', async () => {
    const clock = fakeClock(1);
    const seen: number[] = [];
    const outcomes: Attempt<string>[] = [{ done: false, retryable: true, reason: 'x' }, { done: true, value: 'ok' }];
    await withRetry(async (left) => (seen.push(left), outcomes.shift()!), policy, clock);
    expect(seen).toEqual([60_000, 59_000]);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter('0.25', 0)).toBe(250);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('HTTP answers under the policy', () => {
  it('honours Retry-After on a 429 and then delivers once', async () => {
    const clock = fakeClock();
    const f = scriptedFetch([[429, 'slow down', { 'retry-after': '3' }], [200, 'ok']]);
    const { attempts } = await sendHttp(request, { policy, clock, fetch: f });
    expect(attempts).toBe(2);
    expect(f.calls).toBe(2);
    expect(clock.sleeps).toEqual([3000]);
  });

  it("prefers Discord's precise JSON retry_after to its rounded header", async () => {
    const clock = fakeClock();
    const body = JSON.stringify({ message: 'You are being rate limited.', retry_after: 1.337, global: false });
    const f = scriptedFetch([[429, body, { 'retry-after': '2', 'content-type': 'application/json' }], [200, '{"id":"1"}']]);
    await sendHttp(request, { policy, clock, fetch: f });
    expect(clock.sleeps).toEqual([1337]);
  });

  it('retries 5xx and network errors, then succeeds', async () => {
    const clock = fakeClock();
    const f = scriptedFetch([[503, 'busy'], new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), [200, 'ok']]);
    const { attempts } = await sendHttp(request, { policy, clock, fetch: f });
    expect(attempts).toBe(3);
    expect(clock.sleeps).toHaveLength(2);
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
    expect(classifySlackWebhook(answer('channel_not_found'), 0)).toEqual({ done: false, retryable: false, reason: 'Slack answered ok:false: channel_not_found' });
    expect(classifySlackWebhook(answer('internal_error'), 0)).toMatchObject({ done: false, retryable: true });
    expect(classifySlackWebhook({ status: 200, headers: new Headers(), text: 'ok', json: undefined }, 0).done).toBe(true);
  });
});
