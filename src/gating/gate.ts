import { type ListedTest, ResultCollector, type Totals } from './collector.js';
import type { CoverageFormat, CoverageTotals, TestFormat } from './test-results.js';
import { parseCoverageReport, parseTestReport } from './formats/parse-report.js';
import { ReportJsonWriter } from './output/report-json.js';
import type { WaitResult } from './required-checks.js';
import { evaluate, type GateRules, type Verdict } from './rules.js';

export interface GateOptions {
  /** Test report files, already expanded from globs. */
  files: readonly string[];
  format?: TestFormat | 'auto';
  rules: GateRules;
  quarantine?: readonly string[];
  coverageFiles?: readonly string[];
  /** Failures (and flaky, quarantined tests) kept for display. */
  maxListed?: number;
  /** Where to write the normalised JSON of all results. */
  reportJson?: string;
  /** Waits on required checks once the reports parsed; a failed wait fails the gate. */
  waitForChecks?: () => Promise<WaitResult>;
}

export interface CoverageResult extends CoverageTotals {
  files: { file: string; format: CoverageFormat }[];
}

export interface GateResult {
  verdict: Verdict;
  totals: Totals;
  collector: ResultCollector;
  coverage?: CoverageResult;
  checks?: WaitResult;
}

/** Reads every report in turn (streaming, one at a time), then applies the rules. */
export async function gateReports(options: GateOptions): Promise<GateResult> {
  const writer = options.reportJson ? new ReportJsonWriter(options.reportJson) : undefined;
  const collector = new ResultCollector({
    quarantine: options.quarantine,
    maxListed: options.maxListed,
    onTest: writer ? (test: ListedTest) => writer.add(test) : undefined,
  });
  try {
    for (const file of options.files) {
      const sink = collector.beginFile(file);
      const entry = collector.files.at(-1);
      const format = await parseTestReport(file, options.format ?? 'auto', sink);
      if (entry) entry.format = format;
    }
    let coverage: CoverageResult | undefined;
    for (const file of options.coverageFiles ?? []) {
      const { format, totals } = await parseCoverageReport(file);
      coverage ??= { linesCovered: 0, linesValid: 0, files: [] };
      coverage.linesCovered += totals.linesCovered;
      coverage.linesValid += totals.linesValid;
      coverage.files.push({ file, format });
    }
    const checks = await options.waitForChecks?.();
    const extraViolations = checks && !checks.ok ? [checks.reason] : [];
    const verdict = evaluate(collector.totals, options.rules, { reportFiles: options.files.length, coverage, extraViolations });
    writer?.close({ totals: collector.totals, passed: verdict.passed, reason: verdict.reason, passRate: verdict.passRate, coverage: verdict.coverage ?? null });
    return { verdict, totals: collector.totals, collector, coverage, checks };
  } catch (error) {
    writer?.close({ error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
