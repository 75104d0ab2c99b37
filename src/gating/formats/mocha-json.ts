import { capText } from '../io/capped-text.js';
import { DETAILS_CAP, MESSAGE_CAP, type TestSink } from '../test-results.js';
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

/**
 * mocha's `--reporter json`: each entry of `tests`, plus hook failures from `failures` (a failing
 * `before all` hook skips its tests silently, so it must count as an error).
 */
export async function parseMochaJson(file: string, sink: TestSink): Promise<void> {
  await streamJsonValues(file, ['$.tests.*', '$.failures.*'], (value, topKey) => {
    const test = value as MochaTest;
    const failed = !!test.err && (test.err.message !== undefined || test.err.stack !== undefined);
    const title = test.title ?? '';
    if (topKey === 'failures' && !HOOK.test(title)) return;
    const fullTitle = test.fullTitle ?? title;
    const status = topKey === 'failures' ? 'errored' : failed ? 'failed' : test.pending || test.state === 'pending' || test.duration === undefined ? 'skipped' : 'passed';
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
