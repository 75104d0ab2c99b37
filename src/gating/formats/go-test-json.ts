import { CappedText, capText } from '../io/capped-text.js';
import { DETAILS_CAP, MESSAGE_CAP, type TestSink, type TestStatus } from '../test-results.js';
import { readJsonLines } from '../io/json-lines.js';
import { locationFromText } from '../output/source-location.js';

const RESULTS: Record<string, TestStatus> = { pass: 'passed', fail: 'failed', skip: 'skipped' };
/** go test's own framing lines, not the test's output. */
const FRAMING = /^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP):|(PASS|FAIL)\s*$|ok\s)/;

/**
 * `go test -json` events. Output is kept (capped) only for tests still running; a package that fails
 * with no failing test (a build error, a panic in TestMain) becomes one errored entry.
 */
export async function parseGoTestJson(file: string, sink: TestSink): Promise<void> {
  const running = new Map<string, CappedText>();
  const packages = new Map<string, { failedTests: number; output: CappedText }>();
  const packageOf = (name: string) => {
    let entry = packages.get(name);
    if (!entry) packages.set(name, (entry = { failedTests: 0, output: new CappedText(DETAILS_CAP) }));
    return entry;
  };
  await readJsonLines(file, (event) => {
    const pkg = typeof event.Package === 'string' ? event.Package : '';
    const test = typeof event.Test === 'string' ? event.Test : undefined;
    const action = typeof event.Action === 'string' ? event.Action : '';
    const key = `${pkg}\u0000${test}`;
    if (action === 'output' && typeof event.Output === 'string') {
      const line = event.Output;
      if (FRAMING.test(line)) return;
      if (test) running.get(key)?.add(line);
      else packageOf(pkg).output.add(line);
    } else if (action === 'run' && test) {
      running.set(key, new CappedText(DETAILS_CAP));
    } else if (RESULTS[action] && test) {
      const status = RESULTS[action];
      const output = running.get(key)?.toString() || undefined;
      running.delete(key);
      if (status === 'failed') packageOf(pkg).failedTests += 1;
      const message = status === 'passed' ? undefined : capText(output, MESSAGE_CAP);
      sink({
        id: `${pkg}.${test}`,
        name: test,
        suite: pkg,
        status,
        message,
        details: status === 'failed' ? output : undefined,
        ...(status === 'failed' ? locationFromText(output) : undefined),
        durationMs: typeof event.Elapsed === 'number' ? event.Elapsed * 1000 : undefined,
      });
    } else if (action === 'fail' && !test) {
      const entry = packageOf(pkg);
      if (entry.failedTests === 0) {
        const output = entry.output.toString() || 'the package failed without a failing test (build error or panic)';
        sink({ id: `${pkg}.(package)`, name: '(package)', suite: pkg, status: 'errored', message: capText(output, MESSAGE_CAP), details: output, ...locationFromText(output) });
      }
      packages.delete(pkg);
    } else if ((action === 'pass' || action === 'skip') && !test) {
      packages.delete(pkg);
    }
  });
}
