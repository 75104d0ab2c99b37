import { InputReader } from '../../runtime/inputs.js';
import { findReports } from '../../gating/io/find-reports.js';
import { gateReports } from '../../gating/gate.js';
import { capText, firstLine } from '../../gating/io/capped-text.js';
import { readInputs } from '../../actions/gate/inputs.js';

const SHOWN_FAILURES = 20;

export type GateOptions = Record<string, string | string[] | boolean | undefined>;

/** `slipway gate`: the gate action's rules over local reports; exit code 1 when the gate fails. */
export async function runGate(globs: string[], options: GateOptions): Promise<void> {
  const given: Record<string, string> = {
    reports: globs.join('\n'),
    format: String(options.format ?? ''),
    'max-failures': String(options.maxFailures ?? ''),
    'min-pass-rate': String(options.minPassRate ?? ''),
    'min-tests': String(options.minTests ?? ''),
    quarantine: ((options.quarantine as string[] | undefined) ?? []).join('\n'),
    coverage: ((options.coverage as string[] | undefined) ?? []).join('\n'),
    'min-coverage': String(options.minCoverage ?? ''),
  };
  const inputs = readInputs(new InputReader((name) => given[name] ?? ''), () => {});
  const cwd = process.cwd();
  const result = await gateReports({
    files: findReports(inputs.reports, cwd),
    format: inputs.format,
    rules: { maxFailures: inputs.maxFailures, minPassRate: inputs.minPassRate, minTests: inputs.minTests, minCoverage: inputs.minCoverage },
    quarantine: inputs.quarantine,
    coverageFiles: inputs.coverage.length > 0 ? findReports(inputs.coverage, cwd, 'coverage report', 'coverage') : [],
  });
  const { verdict, totals, collector } = result;
  if (options.json) {
    const listed = (tests: typeof collector.failures) => tests.map(({ id, status, message, file, line, reportFile }) => ({ id, status, message, file,
      line, reportFile }));
    const report = { passed: verdict.passed, reason: verdict.reason, totals, passRate: verdict.passRate, coverage: verdict.coverage ?? null,
      failures: listed(collector.failures), flaky: listed(collector.flaky), quarantined: listed(collector.quarantined), files: collector.files };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(`${verdict.reason}\n`);
    for (const test of collector.failures.slice(0, SHOWN_FAILURES)) {
      const where = test.file ? ` (${test.file}${test.line ? `:${test.line}` : ''})` : '';
      process.stdout.write(`  ✗ ${test.id}${where}: ${capText(firstLine(test.message ?? test.details), 200) ?? test.status}\n`);
    }
    const more = totals.failed + totals.errored - Math.min(collector.failures.length, SHOWN_FAILURES);
    if (more > 0) process.stdout.write(`  … and ${more.toLocaleString('en-US')} more failing tests (use --json for the first ${collector.failures.length}).\n`);
  }
  if (!verdict.passed) process.exitCode = 1;
}
