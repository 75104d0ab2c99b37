import { type Clock, systemClock } from './clock.js';
import { backoffMs, isTransientError, type RetryPolicy } from './retry.js';

/**
 * Creating something on GitHub exactly once when an answer can be lost.
 *
 * A POST whose response is lost (a 502 from a proxy, a dropped connection) may still have been
 * applied, so blindly retrying it creates a duplicate: that is what the client's retry plugin does.
 * `createOnce` sends the create once, and after a failure that might have been applied asks `find()`
 * whether the thing now exists before creating again.
 *
 * The caller sends `create` with automatic retries off, e.g. `request: { retries: 0 }` in the
 * octokit request options, and makes `find` look the object up by something unique the create set
 * (a check run's name and `external_id`, a release's tag). Rate limits are still waited out by the
 * client's throttling, which never lets a limited request through.
 */

export interface CreateOnceOptions<T> {
  /** Makes the object; must not retry by itself. */
  create: () => Promise<T>;
  /** The object an earlier `create` made, if it exists. */
  find: () => Promise<T | undefined>;
  /** Most `create` requests to send, the first included (default 4: one plus the client's 3 retries). */
  attempts?: number;
  /** The first wait before `find`, doubled after each further failure (the one retry policy's backoff; default 1000). */
  backoffMs?: number;
  clock?: Clock;
}

/**
 * Creates an object once: sends `create`; on a failure that may have been applied, waits, and returns
 * what `find` finds, else sends `create` again, up to `attempts` times. A failure that cannot have been
 * applied, an error from `find`, or the last failure is thrown.
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 4));
  const policy: RetryPolicy = { baseMs: Math.max(0, options.backoffMs ?? 1000), maxAttempts: attempts };
  const { clock = systemClock } = options;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await options.create();
    } catch (error) {
      // A transient failure is one that might have been applied, or would succeed if sent again.
      if (!isTransientError(error)) throw error;
      // Wait before looking, so a create GitHub applied late is visible to the look-up.
      await clock.sleep(backoffMs(attempt, policy));
      const found = await options.find();
      if (found !== undefined) return found;
      if (attempt >= attempts) throw error;
    }
  }
}
