import { CappedText, capText, firstLine } from '../io/capped-text.js';
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
import { parseDecimal } from '../io/decimal.js';
import { extendKey, PREFIX_SEED } from '../rerun-filter.js';

/** Elements inside <testcase> whose text is the failure body; surefire's reruns included. */
const FAILURES = new Set(['failure', 'error']);
const RERUNS = new Set(['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError']);
const CAPTURED = new Set([...FAILURES, ...RERUNS, 'skipped', 'stackTrace']);
const SKIPPED_STATUS = new Set(['skipped', 'notrun', 'disabled', 'ignored']);

interface OpenCase {
  name: string;
  classname: string;
  suite: string;
  attributes: Record<string, string>;
  outcome?: 'failed' | 'errored' | 'skipped';
  message?: string;
  flakyMessage?: string;
  reran: 'flaky' | 'rerun' | undefined;
  // Made on the first text: most test cases have none, and a million of them would be garbage.
  body?: CappedText;
  flakyBody?: CappedText;
  /** The test's own system-out/err: CTest and Catch2 put the failure there, not in <failure>. */
  output?: CappedText;
  /** How many of the elements open inside the test case are reruns: counted, not searched for, so deep nesting stays linear. */
  inRerun: number;
}

/** A line number from an attribute: undefined unless positive. */
const lineOf = (value: string | undefined) => {
  const line = value ? parseDecimal(value) : NaN;
  return line > 0 ? line : undefined;
};

const seconds = (value: string | undefined) => {
  const number = value ? parseDecimal(value) : NaN;
  return Number.isFinite(number) ? number * 1000 : undefined;
};

/**
 * The JUnit XML family as tools write it: surefire/failsafe (flakyFailure, rerunFailure), Gradle,
 * pytest, jest-junit, vitest, node --test, mocha-junit-reporter, go-junit-report, PHPUnit nested
 * suites, Swift/Xcode, Catch2 and CTest. Test cases may sit in nested <testsuite>s or at the root.
 */
export async function parseJUnit(file: string, sink: TestSink, limits: ParseLimits = DEFAULT_LIMITS): Promise<void> {
  const suites: string[] = [];
  let current: OpenCase | undefined;
  /** The elements open inside the current test case: one array for all of them, as one test case is open at a time. */
  const stack: string[] = [];
  /** Whether the text of the innermost open element is read: a failure's body, or the test case's own output. */
  const wanted = () => {
    const inside = stack.at(-1);
    return (
      current !== undefined &&
      inside !== undefined &&
      (CAPTURED.has(inside) || (stack.length === 1 && (inside === 'system-out' || inside === 'system-err')))
    );
  };
  // The prefix key of the last owner: test cases of one class follow each other, so it is hashed once per class.
  let lastOwner = '';
  let lastPrefix = PREFIX_SEED;
  const prefixOf = (owner: string) => {
    if (owner !== lastOwner) {
      lastOwner = owner;
      lastPrefix = owner ? extendKey(extendKey(PREFIX_SEED, owner), '.') : PREFIX_SEED;
    }
    return lastPrefix;
  };
  await streamXml(file, limits, {
    open({ name, attributes }) {
      if (name === 'testsuite') {
        suites.push(attributes.name || attributes.file || suites.at(-1) || '(root)');
      } else if (name === 'testcase') {
        const suite = suites.at(-1) ?? (attributes.classname || '(root)');
        current = {
          name: attributes.name ?? '',
          classname: attributes.classname ?? attributes.class ?? '',
          suite,
          attributes,
          reran: undefined,
          inRerun: 0,
        };
        if (stack.length !== 0) stack.length = 0;
      } else if (current) {
        stack.push(name);
        if (RERUNS.has(name)) current.inRerun += 1;
        if (FAILURES.has(name) && current.outcome !== 'failed' && current.outcome !== 'errored') {
          current.outcome = name === 'failure' ? 'failed' : 'errored';
          current.message = attributes.message;
        } else if (name === 'skipped' && !current.outcome) {
          current.outcome = 'skipped';
          current.message = attributes.message;
        } else if (RERUNS.has(name)) {
          current.reran = name.startsWith('flaky') ? 'flaky' : (current.reran ?? 'rerun');
          current.flakyMessage ??= attributes.message;
        }
      }
    },
    wantsText: wanted,
    text(text) {
      const inside = stack.at(-1);
      if (!current || !inside) return;
      if (stack.length === 1 && (inside === 'system-out' || inside === 'system-err'))
        (current.output ??= new CappedText(DETAILS_CAP)).add(text);
      if (!CAPTURED.has(inside)) return;
      if (current.inRerun > 0) (current.flakyBody ??= new CappedText(DETAILS_CAP)).add(text);
      else (current.body ??= new CappedText(DETAILS_CAP)).add(text);
    },
    close(name) {
      if (name === 'testsuite') suites.pop();
      else if (name === 'testcase' && current) {
        const owner = current.classname || (current.suite === '(root)' ? '' : current.suite);
        const prefix = prefixOf(owner);
        // A pass is counted without a TestCase when the sink can; the id it would have is only measured.
        const test = current;
        const idLength = owner ? owner.length + 1 + test.name.length : test.name.length;
        const counted =
          statusOf(test) === 'passed' &&
          sink.passed?.(test.suite, seconds(test.attributes.time), test.name, idLength, prefix);
        if (!counted) sink(finish(test, owner), prefix);
        current = undefined;
      } else if (current) {
        const closed = stack.pop();
        if (closed !== undefined && RERUNS.has(closed)) current.inRerun -= 1;
      }
    },
  });
}

/** The test case's status; a pass needs no look-up but `status`. */
function statusOf(test: OpenCase): TestStatus {
  const { attributes } = test;
  if (test.outcome) return test.outcome;
  if (attributes.status && SKIPPED_STATUS.has(attributes.status.toLowerCase())) return 'skipped';
  // Surefire: flakyFailure = failed, then passed on a rerun; rerunFailure beside <failure> = failed every time.
  return test.reran ? 'flaky' : 'passed';
}

/** The test case as reported; its id is `owner.name`, or the name when there is no owner. */
function finish(test: OpenCase, owner: string): Parameters<TestSink>[0] {
  const { attributes } = test;
  const status = statusOf(test);
  const id = owner ? `${owner}.${test.name}` : test.name;
  if (status === 'passed') {
    // Most test cases pass: a pass shows no message, details or location found in text, so none is worked out.
    return {
      id,
      name: test.name,
      suite: test.suite,
      status,
      message: undefined,
      details: undefined,
      file: attributes.file || undefined,
      line: lineOf(attributes.line),
      durationMs: seconds(attributes.time),
    };
  }
  const flaky = status === 'flaky';
  const failed = status === 'failed' || status === 'errored';
  const details =
    (flaky ? test.flakyBody : test.body)?.toString() || (failed ? test.output?.toString() : '') || undefined;
  const message =
    capText(flaky ? test.flakyMessage : test.message, MESSAGE_CAP) ?? capText(firstLine(details), MESSAGE_CAP);
  const line = lineOf(attributes.line);
  const fromText = locationFromText(details ?? message);
  const file = attributes.file || fromText?.file;
  return {
    id,
    name: test.name,
    suite: test.suite,
    status,
    message,
    details,
    file,
    line: line ?? (file && fromText?.file === file ? fromText.line : undefined),
    durationMs: seconds(attributes.time),
  };
}
