import { formatDuration } from '../runtime/duration.js';
import { UserError } from '../runtime/errors.js';
import { type Clock, throwIfCancelled } from '../runtime/clock.js';

/** A failed health or version check; triggers a rollback when `rollback-on-failure` is on. */
export class VerificationError extends UserError {
  override name = 'VerificationError';
}

export interface Expectation {
  /** The version the response must carry. */
  version: string;
  /** A JSON field (dotted path) that must equal it; otherwise the body must contain it, or any JSON field equal it. */
  field?: string;
}

export interface CheckOptions {
  url: string;
  expect?: Expectation;
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

export type CheckResult = { ok: true } | { ok: false; detail: string };

/** A URL as it may be shown and recorded (logs, messages, `environment_url`): without the credentials it may carry. */
export function publicUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** fetch refuses a URL with credentials: they are sent as Basic authentication instead. */
function request(url: string): { url: string; authorization?: string } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  return { url: publicUrl(url), authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fieldAt(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );
}

function anyFieldEquals(value: unknown, version: string): boolean {
  if (typeof value === 'string') return value === version;
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => anyFieldEquals(v, version));
  return false;
}

/** Whether a body carries the version: as a whole token (so `1.2` does not match `1.2.3`), or as a JSON field's value. */
export function carriesVersion(body: string, expect: Expectation): boolean {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (expect.field) return json !== undefined && String(fieldAt(json, expect.field)) === expect.version;
  const token = new RegExp(`(^|[^A-Za-z0-9.+-])${escapeRegExp(expect.version)}($|[^A-Za-z0-9.+-])`);
  return token.test(body) || (json !== undefined && anyFieldEquals(json, expect.version));
}

/** One request: 2xx, and the version when one is expected. */
export async function checkOnce(options: CheckOptions): Promise<CheckResult> {
  const doFetch = options.fetch ?? fetch;
  const timeout = AbortSignal.timeout(options.requestTimeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const target = request(options.url);
    const headers = {
      'cache-control': 'no-cache',
      ...(target.authorization ? { authorization: target.authorization } : {}),
    };
    const response = await doFetch(target.url, { signal, headers });
    const body = await response.text();
    if (response.status < 200 || response.status > 299) return { ok: false, detail: `HTTP ${response.status}` };
    if (options.expect && !carriesVersion(body, options.expect)) {
      const where = options.expect.field ? `field '${options.expect.field}'` : 'body';
      return { ok: false, detail: `${where} does not carry version ${options.expect.version}` };
    }
    return { ok: true };
  } catch (error) {
    throwIfCancelled(options.signal);
    return { ok: false, detail: (error as Error).message };
  }
}

export interface PollOptions extends CheckOptions {
  clock: Clock;
  timeoutMs: number;
  intervalMs: number;
}

/** Polls until a check passes, within `timeoutMs`; throws a VerificationError with the last failure. */
export async function waitUntilHealthy(options: PollOptions): Promise<{ attempts: number }> {
  const start = options.clock.now();
  for (let attempts = 1; ; attempts++) {
    const result = await checkOnce(options);
    if (result.ok) return { attempts };
    const elapsed = options.clock.now() - start;
    if (elapsed + options.intervalMs > options.timeoutMs) {
      const tried = `after ${attempts} attempts in ${formatDuration(elapsed)} (verify-timeout ${formatDuration(options.timeoutMs)})`;
      throw new VerificationError(`Verification of ${publicUrl(options.url)} failed: ${result.detail} ${tried}.`);
    }
    await options.clock.sleep(options.intervalMs, options.signal);
  }
}

/** Checks every `intervalMs` for `durationMs` after traffic moved; throws on the first failed check. */
export async function soakWatch(
  options: CheckOptions & { clock: Clock; durationMs: number; intervalMs: number },
): Promise<{ checks: number }> {
  const end = options.clock.now() + options.durationMs;
  let checks = 0;
  while (options.clock.now() < end) {
    await options.clock.sleep(Math.min(options.intervalMs, end - options.clock.now()), options.signal);
    const result = await checkOnce(options);
    checks++;
    if (!result.ok)
      throw new VerificationError(
        `Soak watch of ${publicUrl(options.url)} failed: ${result.detail} (check ${checks}).`,
      );
  }
  return { checks };
}
