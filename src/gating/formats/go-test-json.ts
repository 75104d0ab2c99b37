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
import { locationFromText } from '../output/source-location.js';

const RESULTS: Record<string, TestStatus> = { pass: 'passed', fail: 'failed', skip: 'skipped' };
/** Before Go 1.24 a package that did not compile is only this plain-text line among the JSON events. */
const BUILD_FAILED = /^FAIL\s+(\S+)\s+\[(build|setup) failed\]\s*$/;
/** Go 1.24+ build events name the package being built as `example.com/m/bad [example.com/m/bad.test]`. */
const importPath = (path: string) => path.replace(/ \[.*\]$/, '');

/** go test's own framing lines, not the test's output. */
const FRAMING = /^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP):|(PASS|FAIL)\s*$|ok\s)/;

/**
 * `go test -json` events. Output is kept (capped) only for tests still running; a package that fails
 * with no failing test (a build error, a panic in TestMain) becomes one errored entry.
 */
export async function parseGoTestJson(
  file: string,
  sink: TestSink,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<void> {
  const running = new Map<string, CappedText>();
  const packages = new Map<string, { failedTests: number; output: CappedText }>();
  /** Packages that did not build, reported once each (1.24+ writes both build events and a package `fail`). */
  const unbuilt = new Set<string>();
  const buildOutput = new Map<string, CappedText>();
  const packageOf = (name: string) => {
    let entry = packages.get(name);
    if (!entry) packages.set(name, (entry = { failedTests: 0, output: new CappedText(DETAILS_CAP) }));
    return entry;
  };
  const addBuildOutput = (path: string, text: string) => {
    let output = buildOutput.get(path);
    if (!output) buildOutput.set(path, (output = new CappedText(DETAILS_CAP)));
    output.add(text);
  };
  /** A package that did not compile (its own code, or `dependency` it imports) fails the gate under its name. */
  const failedBuild = (pkg: string, dependency = pkg) => {
    if (unbuilt.has(pkg)) return;
    unbuilt.add(pkg);
    const output = buildOutput.get(dependency)?.toString() || undefined;
    const message = `package ${pkg} failed to build${dependency === pkg ? '' : ` (${dependency} does not compile)`}${output ? `: ${output}` : ''}`;
    sink({
      id: `${pkg}.(build)`,
      name: '(build)',
      suite: pkg,
      status: 'errored',
      message: capText(message, MESSAGE_CAP),
      details: output,
      ...locationFromText(output),
    });
    packages.delete(pkg);
  };
  /** Plain text among the events (Go before 1.24): `# pkg` then compiler errors on stderr, `FAIL pkg [build failed]` on stdout. */
  let heading: string | undefined;
  const plain = (line: string) => {
    const failed = BUILD_FAILED.exec(line);
    if (failed) failedBuild(failed[1]!);
    else if (line.startsWith('# ')) heading = importPath(line.slice(2));
    else if (heading && line) addBuildOutput(heading, `${line}\n`);
  };
  await readJsonLines(
    file,
    limits,
    (event) => {
      const pkg = typeof event.Package === 'string' ? event.Package : '';
      const test = typeof event.Test === 'string' ? event.Test : undefined;
      const action = typeof event.Action === 'string' ? event.Action : '';
      const key = `${pkg}\u0000${test}`;
      if (action === 'build-output' && typeof event.ImportPath === 'string' && typeof event.Output === 'string') {
        if (!event.Output.startsWith('# ')) addBuildOutput(importPath(event.ImportPath), event.Output);
      } else if (action === 'fail' && !test && typeof event.FailedBuild === 'string') {
        // Go 1.24+: the package's `fail` names the package whose build failed.
        failedBuild(pkg, importPath(event.FailedBuild));
      } else if (action === 'output' && typeof event.Output === 'string') {
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
        if (unbuilt.has(pkg)) return;
        const entry = packageOf(pkg);
        if (entry.failedTests === 0) {
          const output = entry.output.toString() || 'the package failed without a failing test (build error or panic)';
          sink({
            id: `${pkg}.(package)`,
            name: '(package)',
            suite: pkg,
            status: 'errored',
            message: capText(output, MESSAGE_CAP),
            details: output,
            ...locationFromText(output),
          });
        }
        packages.delete(pkg);
      } else if ((action === 'pass' || action === 'skip') && !test) {
        packages.delete(pkg);
      }
    },
    plain,
  );
}
