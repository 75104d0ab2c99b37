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

function status(result: string | undefined, label: string | undefined): TestStatus {
  switch ((result ?? '').toLowerCase()) {
    case 'passed':
    case 'warning':
      return 'passed';
    case 'failed':
      return label === 'Error' || label === 'Cancelled' || label === 'Invalid' ? 'errored' : 'failed';
    default:
      return 'skipped';
  }
}

/** NUnit 3 XML (`<test-run>`): every <test-case>, however deeply its <test-suite>s nest. */
export async function parseNUnit(file: string, sink: TestSink, limits: ParseLimits = DEFAULT_LIMITS): Promise<void> {
  let current:
    { attributes: Record<string, string>; message: CappedText; stack: CappedText; path: string[] } | undefined;
  await streamXml(file, limits, {
    open({ name, attributes }) {
      if (name === 'test-case')
        current = { attributes, message: new CappedText(MESSAGE_CAP), stack: new CappedText(DETAILS_CAP), path: [] };
      else current?.path.push(name);
    },
    wantsText: () => current?.path.length === 2,
    text(text) {
      // Only the test's own <failure>/<reason>, not the per-assertion copies under <assertions>.
      const [outer, inner] = current?.path ?? [];
      if (!current || (outer !== 'failure' && outer !== 'reason') || current.path.length !== 2) return;
      if (inner === 'message') current.message.add(text);
      else if (inner === 'stack-trace') current.stack.add(text);
    },
    close(name) {
      if (name !== 'test-case' || !current) {
        current?.path.pop();
        return;
      }
      const { attributes } = current;
      const result = status(attributes.result, attributes.label);
      const failed = result === 'failed' || result === 'errored';
      const details = current.stack.toString() || undefined;
      const testName = attributes.name ?? '';
      sink({
        id: attributes.fullname || testName,
        name: testName,
        suite: attributes.classname || '(root)',
        status: result,
        message: result === 'passed' ? undefined : capText(current.message.toString() || attributes.label, MESSAGE_CAP),
        details: failed ? details : undefined,
        ...(failed ? locationFromText(details) : undefined),
        durationMs:
          attributes.duration && Number.isFinite(Number(attributes.duration))
            ? Number(attributes.duration) * 1000
            : undefined,
      });
      current = undefined;
    },
  });
}
