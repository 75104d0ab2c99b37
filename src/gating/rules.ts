import type { Totals } from './collector.js';
import type { CoverageTotals } from './test-results.js';
import { formatCount } from '../runtime/count.js';

export interface GateRules {
  /** Failed plus errored tests allowed (quarantined and flaky ones never count). */
  maxFailures: number;
  /** Percent of executed tests that must pass (flaky ones pass). */
  minPassRate: number;
  /** Fewest executed tests (passed, failed, errored, flaky, quarantined): skipped ones prove nothing, so all-skipped fails. */
  minTests: number;
  /** Line coverage percent, when coverage reports are read. */
  minCoverage?: number;
  /** Coverage percent of the lines this change added or modified. */
  minPatchCoverage?: number;
}

/** Changed lines the coverage data instruments, and how many of them ran. */
export interface PatchTotals {
  coverable: number;
  covered: number;
}

export interface Verdict {
  passed: boolean;
  /** One line explaining the verdict. */
  reason: string;
  passRate: number;
  /** Tests that ran: everything but skipped ones. With none, there is no pass rate to speak of. */
  executed: number;
  coverage?: number;
  violations: string[];
}

/** Tests that ran: passed, failed, errored, flaky and (failed) quarantined ones; skipped ones did not. */
export const executedTests = (totals: Totals) =>
  totals.passed + totals.failed + totals.errored + totals.flaky + totals.quarantined + totals.preexisting;

/** Passed (and flaky) over executed tests, in percent; 100 when nothing ran (min-tests judges that). */
export function passRate(totals: Totals): number {
  const passed = totals.passed + totals.flaky;
  const executed = passed + totals.failed + totals.errored;
  return executed === 0 ? 100 : (passed / executed) * 100;
}

export function coveragePercent(coverage: CoverageTotals): number {
  return coverage.linesValid === 0 ? 100 : (coverage.linesCovered / coverage.linesValid) * 100;
}

/** `97.5%`, `100%`, `33.33%`: at most two decimals, never rounded up to a pass. */
export function percent(value: number): string {
  return `${Math.floor(value * 100) / 100}%`;
}

const plural = (count: number, word: string) => `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;

/** Applies every rule; the reason lists each broken rule, or sums up a pass. */
export function evaluate(
  totals: Totals,
  rules: GateRules,
  context: { reportFiles: number; coverage?: CoverageTotals; patch?: PatchTotals; extraViolations?: string[] },
): Verdict {
  const rate = passRate(totals);
  const coverage = context.coverage ? coveragePercent(context.coverage) : undefined;
  const violations: string[] = [];
  const executed = executedTests(totals);
  if (executed < rules.minTests) {
    const skipped = totals.skipped > 0 ? `, ${formatCount(totals.skipped)} skipped` : '';
    violations.push(
      totals.total === 0
        ? `no tests were found in ${plural(context.reportFiles, 'report file')} (min-tests is ${rules.minTests})`
        : executed === 0
          ? `no tests ran (all ${plural(totals.total, 'test')} skipped; min-tests is ${rules.minTests})`
          : `only ${plural(executed, 'test')} ran${skipped} (min-tests is ${rules.minTests})`,
    );
  }
  const failures = totals.failed + totals.errored;
  if (failures > rules.maxFailures)
    violations.push(`${plural(failures, 'test')} failed (max-failures is ${rules.maxFailures})`);
  if (executed > 0 && rate < rules.minPassRate)
    violations.push(`pass rate ${percent(rate)} is below min-pass-rate ${rules.minPassRate}%`);
  if (rules.minCoverage !== undefined) {
    if (coverage === undefined)
      violations.push(`min-coverage is ${rules.minCoverage}% but no coverage report was read`);
    else if (coverage < rules.minCoverage)
      violations.push(`line coverage ${percent(coverage)} is below min-coverage ${rules.minCoverage}%`);
  }
  const patch =
    context.patch && context.patch.coverable > 0 ? (context.patch.covered / context.patch.coverable) * 100 : undefined;
  if (rules.minPatchCoverage !== undefined && patch !== undefined && patch < rules.minPatchCoverage) {
    violations.push(
      `patch coverage ${percent(patch)} (${context.patch!.covered} of ${context.patch!.coverable} changed lines) is below min-patch-coverage ${rules.minPatchCoverage}%`,
    );
  }
  violations.push(...(context.extraViolations ?? []));
  const counts = [
    `${formatCount(totals.passed)} passed`,
    failures > 0 ? `${formatCount(failures)} failed` : '',
    totals.flaky > 0 ? `${formatCount(totals.flaky)} flaky` : '',
    totals.quarantined > 0 ? `${formatCount(totals.quarantined)} quarantined` : '',
    totals.preexisting > 0 ? `${formatCount(totals.preexisting)} already failing on the baseline` : '',
    totals.skipped > 0 ? `${formatCount(totals.skipped)} skipped` : '',
  ].filter(Boolean);
  const rateText = executed === 0 ? 'no tests ran' : `pass rate ${percent(rate)}`;
  const summary = `${plural(totals.total, 'test')} (${counts.join(', ')}), ${rateText}${coverage === undefined ? '' : `, line coverage ${percent(coverage)}`}${
    context.patch ? (patch === undefined ? ', no changed line to cover' : `, patch coverage ${percent(patch)}`) : ''
  }`;
  const passed = violations.length === 0;
  return {
    passed,
    reason: passed ? `Passed: ${summary}.` : `Failed: ${violations.join('; ')} — ${summary}.`,
    passRate: rate,
    executed,
    coverage,
    violations,
  };
}
