import { describe, expect, it } from 'vitest';
import {
  type Attempt,
  backoffMs,
  isTransientError,
  parseRetryAfter,
  RetryFailure,
  type RetryPolicy,
  transientErrorCode,
  withRetry,
} from '../../../src/runtime/retry.js';
import { fakeClock } from './fake-clock.js';

const policy: RetryPolicy = { timeoutMs: 60_000, baseMs: 1000, maxDelayMs: 8000, maxAttempts: 6 };

describe('backoff', () => {
  it('doubles from the base up to the cap, with half of each delay jittered', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });
});

describe('withRetry', () => {
  it('retries transient failures with backoff until one succeeds', async () => {
    const clock = fakeClock();
    const outcomes: Attempt<string>[] = [
      { done: false, retryable: true, reason: 'HTTP 502' },
      { done: false, retryable: true, reason: 'network error: ECONNRESET' },
      { done: true, value: 'ok' },
    ];
    const result = await withRetry(async () => outcomes.shift()!, policy, { clock, random: () => 0.5 });
    expect(result).toEqual({ value: 'ok', attempts: 3 });
    expect(clock.slept).toEqual([750, 1500]);
  });

  it('waits exactly as long as a 429 asked, instead of backing off', async () => {
    const clock = fakeClock();
    const outcomes: Attempt<string>[] = [
      { done: false, retryable: true, reason: 'rate limited', waitMs: 7300 },
      { done: true, value: 'ok' },
    ];
    await withRetry(async () => outcomes.shift()!, policy, { clock, random: () => 0.5 });
    expect(clock.slept).toEqual([7300]);
  });

  it('stops at once on a permanent failure', async () => {
    const clock = fakeClock();
    let calls = 0;
    const failure = withRetry<string>(
      async () => (calls++, { done: false, retryable: false, reason: 'HTTP 404: no_service' }),
      policy,
      { clock, random: () => 0.5 },
    );
    await expect(failure).rejects.toThrow('HTTP 404: no_service (permanent, not retried)');
    expect(calls).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('refuses a wait that would run past the overall timeout', async () => {
    const clock = fakeClock();
    const failure = withRetry<string>(
      async () => ({ done: false, retryable: true, reason: 'rate limited', waitMs: 90_000 }),
      policy,
      { clock, random: () => 0.5 },
    );
    await expect(failure).rejects.toThrow('rate limited; asked to wait 1m 30s, past the 1m timeout, after 1 attempt');
    expect(clock.slept).toEqual([]);
  });

  it('gives up when the attempts are used, reporting the last reason and the count', async () => {
    const clock = fakeClock();
    const failure = withRetry<string>(
      async () => ({ done: false, retryable: true, reason: 'HTTP 503' }),
      { ...policy, maxAttempts: 3 },
      { clock, random: () => 0 },
    );
    await expect(failure).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof RetryFailure && e.attempts === 3 && e.message === 'HTTP 503; gave up after 3 attempts',
    );
    expect(clock.slept).toEqual([500, 1000]);
  });

  it('passes each attempt the time left before the deadline', async () => {
    const clock = fakeClock();
    const seen: number[] = [];
    const outcomes: Attempt<string>[] = [
      { done: false, retryable: true, reason: 'x' },
      { done: true, value: 'ok' },
    ];
    await withRetry(async (left) => (seen.push(left), outcomes.shift()!), policy, { clock, random: () => 1 });
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

describe('the one transient-error classifier', () => {
  const answer = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });
  it.each([
    [answer(500), true],
    [answer(502), true],
    [answer(504), true],
    [answer(408), true],
    [answer(429), true],
    [answer(400), false],
    [answer(404), false],
    [answer(409), false],
    [answer(422), false],
    [Object.assign(new Error('reset'), { code: 'ECONNRESET' }), true],
    [Object.assign(new Error('undici'), { code: 'UND_ERR_SOCKET' }), true],
    [Object.assign(new Error('smtp'), { code: 'ECONNECTION' }), true],
    [Object.assign(new Error('auth'), { code: 'EAUTH' }), false],
    [
      new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }),
      true,
    ],
    [new TypeError('fetch failed'), true],
    [new TypeError('x is not a function'), false],
    [new Error('bug'), false],
    ['text', false],
  ])('%s → %s', (error, expected) => {
    expect(isTransientError(error)).toBe(expected);
  });

  it("finds the code in a cause or in the artifact client's wrapped message, and nowhere else", () => {
    expect(
      transientErrorCode(
        new Error(
          'Failed to CreateArtifact: Unable to make request: ECONNRESET\nIf you are using self-hosted runners …',
        ),
      ),
    ).toBe('ECONNRESET');
    expect(transientErrorCode(new TypeError('fetch failed', { cause: { code: 'ETIMEDOUT' } }))).toBe('ETIMEDOUT');
    expect(
      transientErrorCode(
        new Error(
          'Failed to CreateArtifact: Failed to make request after 5 attempts: Failed request: (500) Internal Server Error',
        ),
      ),
    ).toBeUndefined();
    expect(transientErrorCode(undefined)).toBeUndefined();
  });
});

describe('withRetry with the caller’s own errors', () => {
  it('throws the last failure’s own error when attempts run out, telling onRetry before each wait', async () => {
    const clock = fakeClock();
    const told: string[] = [];
    const dropped = new Error('dropped');
    const failure = withRetry<string>(
      async () => ({ done: false, retryable: true, reason: 'no answer', error: dropped }),
      { baseMs: 10, maxAttempts: 3 },
      {
        clock,
        onRetry: (reason, wait, next) => told.push(`${reason} ${wait} ${next}`),
      },
    );
    await expect(failure).rejects.toBe(dropped);
    expect(clock.slept).toEqual([10, 20]);
    expect(told).toEqual(['no answer 10 2', 'no answer 20 3']);
  });
});
