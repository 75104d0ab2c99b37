import { CappedText, capText } from '../io/capped-text.js';
import {
  DETAILS_CAP,
  MESSAGE_CAP,
  type TestSink,
  type TestStatus,
  DEFAULT_LIMITS,
  type ParseLimits,
} from '../test-results.js';
import { readJsonLines } from '../io/json-lines.js';

interface RunningTest {
  name: string;
  suite: string;
  url?: string;
  line?: number;
  error: CappedText;
  message?: string;
}

const RESULTS: Record<string, TestStatus> = { success: 'passed', failure: 'failed', error: 'errored' };

/** Dart / Flutter `--reporter json` events; hidden entries (suite loading, setUpAll) are not tests. */
export async function parseDartJson(file: string, sink: TestSink, limits: ParseLimits = DEFAULT_LIMITS): Promise<void> {
  const suites = new Map<number, string>();
  const running = new Map<number, RunningTest>();
  await readJsonLines(file, limits, (event) => {
    switch (event.type) {
      case 'suite': {
        const suite = event.suite as { id: number; path?: string };
        suites.set(suite.id, suite.path ?? String(suite.id));
        break;
      }
      case 'testStart': {
        const test = event.test as {
          id: number;
          name: string;
          suiteID: number;
          line?: number | null;
          url?: string | null;
          root_line?: number | null;
          root_url?: string | null;
        };
        running.set(test.id, {
          name: test.name,
          suite: suites.get(test.suiteID) ?? String(test.suiteID),
          url: test.root_url ?? test.url ?? undefined,
          line: test.root_line ?? test.line ?? undefined,
          error: new CappedText(DETAILS_CAP),
        });
        break;
      }
      case 'error': {
        const test = running.get(event.testID as number);
        test?.error.add(`${String(event.error)}\n${typeof event.stackTrace === 'string' ? event.stackTrace : ''}\n`);
        if (test) test.message ??= capText(String(event.error), MESSAGE_CAP);
        break;
      }
      case 'testDone': {
        const test = running.get(event.testID as number);
        running.delete(event.testID as number);
        if (!test || event.hidden === true) break;
        const status: TestStatus = event.skipped === true ? 'skipped' : (RESULTS[String(event.result)] ?? 'errored');
        const failed = status === 'failed' || status === 'errored';
        const details = failed ? test.error.toString() || undefined : undefined;
        sink({
          id: `${test.suite}.${test.name}`,
          name: test.name,
          suite: test.suite,
          status,
          message: failed ? test.message : undefined,
          details,
          file: failed && test.url ? test.url.replace(/^file:\/\//, '') : undefined,
          line: failed && test.url && test.line ? test.line : undefined,
        });
        break;
      }
    }
  });
}
