import { describe, expect, it } from 'vitest';
import type { Totals } from '../../../src/gating/collector.js';
import { evaluate, passRate, percent } from '../../../src/gating/rules.js';

const totals = (counts: Partial<Totals>): Totals => {
  const base = { passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0, quarantined: 0, preexisting: 0, ...counts };
  return {
    ...base,
    total: base.passed + base.failed + base.errored + base.skipped + base.flaky + base.quarantined + base.preexisting,
  };
};
const rules = { maxFailures: 0, minPassRate: 100, minTests: 1 };
const context = { reportFiles: 2 };

describe('gate rules', () => {
  it('passes when every rule holds, with a one-line reason', () => {
    const verdict = evaluate(totals({ passed: 140, skipped: 2 }), rules, context);
    expect(verdict).toMatchObject({ passed: true, violations: [], passRate: 100 });
    expect(verdict.reason).toBe('Passed: 142 tests (140 passed, 2 skipped), pass rate 100%.');
  });

  it('max-failures: failed plus errored over the limit fails; at the limit passes', () => {
    expect(
      evaluate(totals({ passed: 97, failed: 2, errored: 1 }), { ...rules, maxFailures: 3, minPassRate: 0 }, context)
        .passed,
    ).toBe(true);
    const verdict = evaluate(
      totals({ passed: 97, failed: 2, errored: 2 }),
      { ...rules, maxFailures: 3, minPassRate: 0 },
      context,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe(
      'Failed: 4 tests failed (max-failures is 3) — 101 tests (97 passed, 4 failed), pass rate 96.03%.',
    );
  });

  it('min-pass-rate: passed over executed (skipped not executed, flaky passed); never rounded up to a pass', () => {
    const counts = totals({ passed: 1998, flaky: 1, failed: 1, skipped: 50 });
    expect(passRate(counts)).toBeCloseTo(99.95, 5);
    expect(evaluate(counts, { ...rules, maxFailures: 10, minPassRate: 99.95 }, context).passed).toBe(true);
    const verdict = evaluate(counts, { ...rules, maxFailures: 10, minPassRate: 99.96 }, context);
    expect(verdict.violations).toEqual(['pass rate 99.95% is below min-pass-rate 99.96%']);
    expect(percent(99.999)).toBe('99.99%');
  });

  it('min-tests: zero tests is a failure that says no tests were found', () => {
    const verdict = evaluate(totals({}), rules, context);
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe(
      'Failed: no tests were found in 2 report files (min-tests is 1) — 0 tests (0 passed), no tests ran.',
    );
    expect(evaluate(totals({ passed: 3 }), { ...rules, minTests: 5 }, context).violations).toEqual([
      'only 3 tests ran (min-tests is 5)',
    ]);
    expect(evaluate(totals({}), { ...rules, minTests: 0 }, context).passed).toBe(true);
  });

  // Issue 16 finding 8: 500 skipped tests passed the gate.
  it('min-tests counts executed tests: all-skipped fails by default, skipped ones do not make up the number', () => {
    const allSkipped = evaluate(totals({ skipped: 500 }), rules, context);
    expect(allSkipped.passed).toBe(false);
    expect(allSkipped.reason).toBe(
      'Failed: no tests ran (all 500 tests skipped; min-tests is 1) — 500 tests (0 passed, 500 skipped), no tests ran.',
    );
    const mostlySkipped = totals({ passed: 2, flaky: 1, failed: 1, skipped: 40 });
    expect(
      evaluate(mostlySkipped, { ...rules, maxFailures: 1, minPassRate: 0, minTests: 5 }, context).violations,
    ).toEqual(['only 4 tests ran, 40 skipped (min-tests is 5)']);
    expect(evaluate(mostlySkipped, { ...rules, maxFailures: 1, minPassRate: 0, minTests: 4 }, context).passed).toBe(
      true,
    );
  });

  it('quarantined failures and flaky tests never count against max-failures or the pass rate', () => {
    const verdict = evaluate(totals({ passed: 10, quarantined: 3, flaky: 2 }), rules, context);
    expect(verdict.passed).toBe(true);
    expect(verdict.reason).toBe('Passed: 15 tests (10 passed, 2 flaky, 3 quarantined), pass rate 100%.');
  });

  it('min-coverage: line coverage below the minimum fails; missing coverage fails', () => {
    const coverage = { linesCovered: 723, linesValid: 1000 };
    expect(evaluate(totals({ passed: 1 }), { ...rules, minCoverage: 72.3 }, { ...context, coverage }).passed).toBe(
      true,
    );
    const low = evaluate(totals({ passed: 1 }), { ...rules, minCoverage: 80 }, { ...context, coverage });
    expect(low.reason).toBe(
      'Failed: line coverage 72.3% is below min-coverage 80% — 1 test (1 passed), pass rate 100%, line coverage 72.3%.',
    );
    expect(evaluate(totals({ passed: 1 }), { ...rules, minCoverage: 80 }, context).violations).toEqual([
      'min-coverage is 80% but no coverage report was read',
    ]);
  });

  it('lists every broken rule in the one line', () => {
    const verdict = evaluate(
      totals({ passed: 1, failed: 1 }),
      { maxFailures: 0, minPassRate: 90, minTests: 5 },
      { ...context, extraViolations: ["required check 'build' (failure) did not succeed"] },
    );
    expect(verdict.violations).toHaveLength(4);
    expect(verdict.reason.split('\n')).toHaveLength(1);
    expect(verdict.reason).toMatch(
      /^Failed: only 2 tests ran \(min-tests is 5\); 1 test failed \(max-failures is 0\); pass rate 50% is below min-pass-rate 90%; required check 'build' \(failure\) did not succeed — /,
    );
  });
});
