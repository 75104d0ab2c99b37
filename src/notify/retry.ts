import { formatDuration } from '../runtime/duration.js';

/** Time and chance, injected so the policy can be tested with a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export interface RetryPolicy {
  /** Overall budget for one destination, retries and waits included. */
  timeoutMs: number;
  /** First backoff; each later one doubles, up to `maxDelayMs`. */
  baseMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_POLICY: RetryPolicy = { timeoutMs: 60_000, baseMs: 500, maxDelayMs: 15_000, maxAttempts: 6 };

/** What one attempt came to: done, a transient failure (maybe with the wait the service asked for), or a permanent one. */
export type Attempt<T> =
  | { done: true; value: T }
  | { done: false; retryable: false; reason: string }
  | { done: false; retryable: true; reason: string; waitMs?: number };

export class DeliveryFailure extends Error {
  override name = 'DeliveryFailure';
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** Exponential backoff with equal jitter: half the delay fixed, half random, so retries spread out. */
export function backoffMs(retry: number, policy: RetryPolicy, random: number): number {
  const delay = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (retry - 1));
  return Math.round(delay / 2 + (random * delay) / 2);
}

/**
 * The one retry policy for every provider: network errors and 5xx back off exponentially with
 * jitter, a 429 waits exactly as long as the service asked, a permanent failure stops at once, and
 * nothing runs past the overall timeout. `attempt` gets the milliseconds left for its own deadline.
 */
export async function withRetry<T>(attempt: (remainingMs: number) => Promise<Attempt<T>>, policy: RetryPolicy, clock: Clock = systemClock): Promise<{ value: T; attempts: number }> {
  const deadline = clock.now() + policy.timeoutMs;
  for (let count = 1; ; count += 1) {
    const outcome = await attempt(Math.max(1, deadline - clock.now()));
    if (outcome.done) return { value: outcome.value, attempts: count };
    if (!outcome.retryable) throw new DeliveryFailure(`${outcome.reason} (permanent, not retried)`, count);
    const tries = `${count} attempt${count === 1 ? '' : 's'}`;
    if (count >= policy.maxAttempts) throw new DeliveryFailure(`${outcome.reason}; gave up after ${tries}`, count);
    const wait = outcome.waitMs ?? backoffMs(count, policy, clock.random());
    const left = deadline - clock.now();
    if (wait >= left) {
      const asked = outcome.waitMs !== undefined ? `asked to wait ${formatDuration(wait)}` : `next retry in ${formatDuration(wait)}`;
      throw new DeliveryFailure(`${outcome.reason}; ${asked}, past the ${formatDuration(policy.timeoutMs)} timeout, after ${tries}`, count);
    }
    await clock.sleep(wait);
  }
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
