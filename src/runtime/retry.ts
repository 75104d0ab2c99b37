import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { formatDuration } from './duration.js';

/**
 * The one retry policy: the n-th retry waits `baseMs · 2^(n-1)`, capped at `maxDelayMs` (with equal
 * jitter when a random source is given, so many clients spread out), for at most `maxAttempts` tries
 * and never past `timeoutMs` in all.
 */
export interface RetryPolicy {
  /** Overall budget, retries and waits included; default none. */
  timeoutMs?: number;
  /** First backoff; each later one doubles, up to `maxDelayMs`. */
  baseMs: number;
  maxDelayMs?: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY = {
  timeoutMs: 60_000,
  baseMs: 500,
  maxDelayMs: 15_000,
  maxAttempts: 6,
} satisfies RetryPolicy;

/** Exponential backoff before retry number `retry` (1 for the first); with `random`, half fixed and half random. */
export function backoffMs(retry: number, policy: RetryPolicy, random?: number): number {
  const delay = Math.min(policy.maxDelayMs ?? Number.POSITIVE_INFINITY, policy.baseMs * 2 ** (retry - 1));
  return random === undefined ? delay : Math.round(delay / 2 + (random * delay) / 2);
}

/**
 * What one attempt came to: done, a transient failure (maybe with the wait the service asked for), or a
 * permanent one. A failure that carries an Error has it thrown when retrying ends, else a RetryFailure.
 */
export type Attempt<T> =
  | { done: true; value: T }
  | { done: false; retryable: false; reason: string; error?: Error }
  | { done: false; retryable: true; reason: string; waitMs?: number; error?: Error };

export class RetryFailure extends Error {
  override name = 'RetryFailure';
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }
}

export interface RetryOptions {
  clock?: Clock;
  /** Source of jitter; without it waits are exact. */
  random?: () => number;
  /** Told before each wait: why, how long, and the number of the attempt that follows. */
  onRetry?: (reason: string, waitMs: number, nextAttempt: number) => void;
}

/**
 * Runs `attempt` under `policy`: transient failures back off (or wait exactly as long as the service
 * asked), a permanent failure stops at once, and nothing runs past the overall timeout. `attempt` gets
 * the milliseconds left for its own deadline; an error it throws is not retried.
 */
export async function withRetry<T>(
  attempt: (remainingMs: number) => Promise<Attempt<T>>,
  policy: RetryPolicy,
  options: RetryOptions = {},
): Promise<{ value: T; attempts: number }> {
  const { clock = systemClock, random, onRetry } = options;
  const timeoutMs = policy.timeoutMs ?? Number.POSITIVE_INFINITY;
  const deadline = clock.now() + timeoutMs;
  for (let count = 1; ; count += 1) {
    const outcome = await attempt(Math.max(1, deadline - clock.now()));
    if (outcome.done) return { value: outcome.value, attempts: count };
    const fail = (message: string): never => {
      if (outcome.error instanceof Error) throw outcome.error;
      throw new RetryFailure(message, count);
    };
    if (!outcome.retryable) return fail(`${outcome.reason} (permanent, not retried)`);
    const tries = `${count} attempt${count === 1 ? '' : 's'}`;
    if (count >= policy.maxAttempts) return fail(`${outcome.reason}; gave up after ${tries}`);
    const wait = outcome.waitMs ?? backoffMs(count, policy, random?.());
    if (wait >= deadline - clock.now()) {
      const asked =
        outcome.waitMs !== undefined
          ? `asked to wait ${formatDuration(wait)}`
          : `next retry in ${formatDuration(wait)}`;
      return fail(`${outcome.reason}; ${asked}, past the ${formatDuration(timeoutMs)} timeout, after ${tries}`);
    }
    onRetry?.(outcome.reason, wait, count + 1);
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

/**
 * Error codes of a request that got no answer: Node's socket errors, undici's (`UND_ERR_*`) and
 * nodemailer's connection codes (`ECONNECTION`, `ESOCKET`, `EDNS`).
 */
const TRANSIENT_CODES =
  /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|ENETUNREACH|EHOSTUNREACH|ECONNECTION|ESOCKET|EDNS|UND_ERR_\w+)$/;
/** A NetworkError's message as `@actions/artifact`'s Twirp client wraps it: `Failed to <Method>: Unable to make request: ECONNRESET …`. */
const UNABLE_TO_REQUEST = /Unable to make request: ([A-Z_]+)\b/;

/** The transient network error code of `error`, its causes or its message, else undefined. */
export function transientErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && TRANSIENT_CODES.test(code)) return code;
    const said = typeof message === 'string' ? UNABLE_TO_REQUEST.exec(message)?.[1] : undefined;
    if (said && TRANSIENT_CODES.test(said)) return said;
    current = cause;
  }
  return undefined;
}

/** An HTTP answer worth sending again: a timeout (408), a rate limit (429), or a server error (5xx). */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Whether a failed request would succeed if sent again (and, for a write, might have been applied): a
 * transient HTTP status (octokit also reports a failed fetch as status 500), a transient network code,
 * or fetch's own `TypeError: fetch failed`. Any other 4xx is the service refusing, so it is final.
 */
export function isTransientError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return isTransientStatus(status);
  if (transientErrorCode(error) !== undefined) return true;
  return error instanceof TypeError && /fetch failed|network|socket|terminated/i.test(error.message);
}
