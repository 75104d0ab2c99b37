import { capText } from '../io/capped-text.js';
import { DETAILS_CAP, MESSAGE_CAP, type TestSink, DEFAULT_LIMITS, type ParseLimits } from '../test-results.js';
import { streamJsonValues } from '../io/json-stream.js';
import { locationFromText } from '../output/source-location.js';

interface MochaTest {
  title?: string;
  fullTitle?: string;
  file?: string;
  duration?: number;
  pending?: boolean;
  state?: string;
  err?: { message?: string; stack?: string };
}

const HOOK = /^"(before|after)( all| each)?" hook/;
/** Pending tests remembered from the first pass; beyond this many, the rest are told apart by their missing duration only. */
const PENDING_CAP = 100_000;

/**
 * Full titles of the `pending` list. A test that called `this.skip()` ran for a while, so its entry in `tests`
 * has a duration and no error, like a pass: only this list, written after `tests`, tells them apart.
 */
async function pendingTitles(file: string, limits: ParseLimits): Promise<Set<string>> {
  const titles = new Set<string>();
  await streamJsonValues(file, limits, ['$.pending.*'], (value) => {
    const test = value as MochaTest | null;
    if (titles.size < PENDING_CAP && typeof test?.fullTitle === 'string') titles.add(` ${test.fullTitle}`.slice(1));
  });
  return titles;
}

/**
 * mocha's `--reporter json`: each entry of `tests` (pending ones skipped), plus hook failures from `failures` (a failing
 * `before all` hook skips its tests silently, so it must count as an error).
 */
export async function parseMochaJson(
  file: string,
  sink: TestSink,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<void> {
  const pending = await pendingTitles(file, limits);
  await streamJsonValues(file, limits, ['$.tests.*', '$.failures.*'], (value, topKey) => {
    const test = (value ?? {}) as MochaTest;
    const failed = !!test.err && (test.err.message !== undefined || test.err.stack !== undefined);
    const title = test.title ?? '';
    if (topKey === 'failures' && !HOOK.test(title)) return;
    const fullTitle = test.fullTitle ?? title;
    const status =
      topKey === 'failures'
        ? 'errored'
        : failed
          ? 'failed'
          : test.pending || test.state === 'pending' || test.duration === undefined || pending.has(fullTitle)
            ? 'skipped'
            : 'passed';
    const suite = fullTitle.endsWith(title) ? fullTitle.slice(0, fullTitle.length - title.length).trim() : '';
    const details = capText(test.err?.stack, DETAILS_CAP);
    sink({
      id: fullTitle,
      name: title,
      suite: suite || test.file || '(root)',
      status,
      message: status === 'failed' || status === 'errored' ? capText(test.err?.message, MESSAGE_CAP) : undefined,
      details: status === 'failed' || status === 'errored' ? details : undefined,
      ...(failed ? locationFromText(details) : undefined),
      durationMs: test.duration,
    });
  });
}
