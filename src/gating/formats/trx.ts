import { CappedText, capText } from '../io/capped-text.js';
import {
  DETAILS_CAP,
  MESSAGE_CAP,
  type TestSink,
  type TestStatus,
  DEFAULT_LIMITS,
  type ParseLimits,
} from '../test-results.js';
import { locationFromText } from '../output/source-location.js';
import { streamXml } from '../io/xml-stream.js';

const OUTCOMES: Record<string, TestStatus> = {
  passed: 'passed',
  passedbutrunaborted: 'passed',
  warning: 'passed',
  completed: 'passed',
  failed: 'failed',
  timeout: 'failed',
  aborted: 'failed',
  error: 'errored',
};

/** `00:00:01.5` to milliseconds. */
function duration(value: string | undefined): number | undefined {
  const match = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value ?? '');
  return match ? ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000 : undefined;
}

/** The class part of `Namespace.Class.Method(args)`. */
function classOf(testName: string): string {
  const method = testName.split('(', 1)[0] ?? testName;
  const dot = method.lastIndexOf('.');
  return dot > 0 ? method.slice(0, dot) : '(root)';
}

/** .NET TRX (MSTest, xUnit, NUnit through `--logger trx`): one top-level <UnitTestResult> per test. */
export async function parseTrx(file: string, sink: TestSink, limits: ParseLimits = DEFAULT_LIMITS): Promise<void> {
  let current: { attributes: Record<string, string>; message: CappedText; stack: CappedText } | undefined;
  let depth = 0;
  let capture: 'message' | 'stack' | undefined;
  await streamXml(file, limits, {
    open({ name, attributes }) {
      if (name === 'UnitTestResult') {
        depth += 1;
        // Data-driven rows repeat inside <InnerResults>; the outer result already counts them.
        if (depth === 1)
          current = { attributes, message: new CappedText(MESSAGE_CAP), stack: new CappedText(DETAILS_CAP) };
      } else if (current && depth === 1) {
        capture = name === 'Message' ? 'message' : name === 'StackTrace' ? 'stack' : undefined;
      }
    },
    wantsText: () => capture !== undefined,
    text(text) {
      if (current && capture) current[capture].add(text);
    },
    close(name) {
      capture = undefined;
      if (name !== 'UnitTestResult') return;
      depth -= 1;
      if (depth > 0 || !current) return;
      const { attributes } = current;
      const status = OUTCOMES[(attributes.outcome ?? '').toLowerCase()] ?? 'skipped';
      const failed = status === 'failed' || status === 'errored';
      const details = current.stack.toString() || undefined;
      const message = current.message.toString() || undefined;
      const location = failed ? locationFromText(details) : undefined;
      const testName = attributes.testName ?? '';
      sink({
        id: testName,
        name: testName,
        suite: classOf(testName),
        status,
        message: failed || status === 'skipped' ? capText(message, MESSAGE_CAP) : undefined,
        details: failed ? details : undefined,
        ...location,
        durationMs: duration(attributes.duration),
      });
      current = undefined;
    },
  });
}
