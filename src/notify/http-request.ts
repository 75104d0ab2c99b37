import { clipText } from '../runtime/clip.js';
import { formatDuration } from '../runtime/duration.js';
import type { Clock } from '../runtime/clock.js';
import { type Attempt, isTransientStatus, parseRetryAfter, type RetryPolicy, withRetry } from '../runtime/retry.js';

export interface HttpRequest {
  method: 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The body's start as errors may quote it: every secret already replaced (see sendHttp). */
  text: string;
  json: unknown;
}

/** How much of an answer is searched for secrets and may then be quoted (clipped further to 200). */
const QUOTABLE_CHARS = 4096;

export type Fetch = typeof fetch;

/** Decides what an answer means; providers with quirks (Slack's `ok:false`) wrap `classifyHttp`. */
export type Classifier = (response: HttpResponse, now: number) => Attempt<HttpResponse>;

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return clipText(line, 200);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Seconds Discord puts in a 429's JSON body (`retry_after`), which is more precise than its header. */
function bodyRetryAfter(json: unknown): number | undefined {
  const value = (json as { retry_after?: unknown } | undefined)?.retry_after;
  return typeof value === 'number' && value >= 0 ? Math.ceil(value * 1000) : undefined;
}

export function classifyHttp(response: HttpResponse, now: number): Attempt<HttpResponse> {
  const { status } = response;
  if (status >= 200 && status < 300) return { done: true, value: response };
  const said = excerpt(response.text);
  const reason = `HTTP ${status}${said ? `: ${said}` : ''}`;
  // A redirect is never followed: it would re-send the message to wherever the receiver says.
  if (status >= 300 && status < 400)
    return {
      done: false,
      retryable: false,
      reason: `HTTP ${status}: redirects are not followed; give the final URL${said ? ` (${said})` : ''}`,
    };
  if (status === 429) {
    const waitMs = bodyRetryAfter(response.json) ?? parseRetryAfter(response.headers.get('retry-after'), now);
    return { done: false, retryable: true, reason: `rate limited (${reason})`, waitMs };
  }
  if (isTransientStatus(status)) return { done: false, retryable: true, reason };
  return { done: false, retryable: false, reason };
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${formatDuration(timeoutMs)}`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return `network error: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
}

/**
 * Sends one request under the shared retry policy. Errors never carry the URL (it is a secret), and
 * the answer's text is passed through `redact` before anything can quote it: receivers echo URLs.
 */
export async function sendHttp(
  request: HttpRequest,
  options: {
    policy: RetryPolicy;
    clock: Clock;
    random?: () => number;
    fetch?: Fetch;
    classify?: Classifier;
    redact?: (text: string) => string;
  },
): Promise<{ response: HttpResponse; attempts: number }> {
  const redact = options.redact ?? ((text: string) => text);
  const doFetch = options.fetch ?? fetch;
  const classify = options.classify ?? classifyHttp;
  const { value, attempts } = await withRetry<HttpResponse>(
    async (remainingMs) => {
      let raw: Response;
      let text: string;
      try {
        raw = await doFetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(remainingMs),
        });
        text = await raw.text();
      } catch (error) {
        return { done: false, retryable: true, reason: networkReason(error, remainingMs) };
      }
      return classify(
        {
          status: raw.status,
          headers: raw.headers,
          text: redact(text.slice(0, QUOTABLE_CHARS)),
          json: parseJson(text),
        },
        options.clock.now(),
      );
    },
    options.policy,
    { clock: options.clock, random: options.random ?? Math.random },
  );
  return { response: value, attempts };
}
