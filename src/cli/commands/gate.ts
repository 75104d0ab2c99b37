import { type Command, Option } from 'commander';
import { InputReader } from '../../runtime/inputs.js';
import { findReports } from '../../gating/find-reports.js';
import { gateReports } from '../../gating/gate.js';
import { capText, firstLine } from '../../gating/capped-text.js';
import { FORMAT_CHOICES, readInputs } from '../../actions/gate/inputs.js';

const SHOWN_FAILURES = 20;

export function registerGate(program: Command): void {
  program
    .command('gate')
    .description('Read test reports (any supported format, any size) and pass or fail them on the gate action\'s rules; exit 1 when the gate fails.')
    .argument('<globs...>', 'test report files or globs, relative to the current directory')
    .option('--max-failures <n>', 'failed plus errored tests allowed', '0')
    .option('--min-pass-rate <percent>', 'percent of executed tests that must pass', '100')
    .option('--min-tests <n>', 'fewest tests the reports must hold', '1')
    .addOption(new Option('--format <format>', 'report format; auto detects each file by content').choices([...FORMAT_CHOICES]).default('auto'))
    .option('--quarantine <ids...>', 'test ids or globs allowed to fail')
    .option('--coverage <globs...>', 'LCOV or Cobertura files')
    .option('--min-coverage <percent>', 'line coverage percent to reach')
    .option('--json', 'print the verdict, totals and listed failures as JSON')
    .action(async (globs: string[], options: Record<string, string | string[] | boolean | undefined>) => {
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
        const listed = (tests: typeof collector.failures) => tests.map(({ id, status, message, file, line, reportFile }) => ({ id, status, message, file, line, reportFile }));
        const report = { passed: verdict.passed, reason: verdict.reason, totals, passRate: verdict.passRate, coverage: verdict.coverage ?? null, failures: listed(collector.failures), flaky: listed(collector.flaky), quarantined: listed(collector.quarantined), files: collector.files };
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
    });
}
