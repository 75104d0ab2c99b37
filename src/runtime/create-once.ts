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
  /** Backoff unit: after the n-th failure, waits n² times this many milliseconds before `find` (default 1000). */
  backoffMs?: number;
}

const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_\w+)$/;

function errorCode(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return typeof cause === 'object' && cause !== null ? errorCode(cause) : undefined;
}

/**
 * Whether a failed create might have been applied, or would succeed if sent again: a 5xx answer (octokit
 * also reports a failed fetch as status 500), a 408, or a network error with no answer at all. A 4xx
 * answer is GitHub refusing the request, so it is final.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return status >= 500 || status === 408;
  const code = errorCode(error);
  if (code !== undefined) return NETWORK_CODES.test(code);
  return error instanceof TypeError && /fetch failed|network|socket|terminated/i.test(error.message);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates an object once: sends `create`; on a failure that may have been applied, waits, and returns
 * what `find` finds, else sends `create` again, up to `attempts` times. A failure that cannot have been
 * applied, an error from `find`, or the last failure is thrown.
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 4));
  const backoffMs = Math.max(0, options.backoffMs ?? 1000);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await options.create();
    } catch (error) {
      if (!mayHaveBeenApplied(error)) throw error;
      // Wait before looking, so a create GitHub applied late is visible to the look-up.
      await sleep(attempt * attempt * backoffMs);
      const found = await options.find();
      if (found !== undefined) return found;
      if (attempt >= attempts) throw error;
    }
  }
}
