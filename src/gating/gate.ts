import { statSync } from 'node:fs';
import { type FlakyMode, type ListedTest, ResultCollector, type Totals } from './collector.js';
import {
  type CoverageFormat,
  type CoverageTotals,
  DEFAULT_LIMITS,
  type ParseLimits,
  type TestFormat,
} from './test-results.js';
import { parseCoverageReport, parseTestReport } from './formats/parse-report.js';
import { ReportJsonWriter } from './output/report-json.js';
import type { WaitResult } from './required-checks.js';
import { evaluate, type GateRules, type Verdict } from './rules.js';
import type { PatchCoverage } from './patch-coverage.js';

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
  /** Reports of reruns (`retry-reports`), read after `files`: a pass there of a test that failed before is flaky. */
  retryFiles?: readonly string[];
  /** `detect` (default) or `off`: see `CollectorOptions.flaky`. */
  flaky?: FlakyMode;
  limits?: ParseLimits;
  /** When the job started: a report last written before it is stale, left over from an earlier run. */
  notBefore?: Date;
  /** A stale report fails the gate; otherwise it is only listed in `stale`. */
  failOnStale?: boolean;
  /** Coverage of the changed lines (see patch-coverage.ts), judged by `rules.minPatchCoverage`. */
  patch?: PatchCoverage;
  /** Test ids failing on the baseline commit: their failures are reported but allowed (`new-failures-only`). */
  baselineFailures?: ReadonlySet<string>;
  /** How a report is named where failures are listed (merge mode: the artifact, so the job, it came from). */
  reportLabel?: (file: string) => string;
}

export interface StaleReport {
  file: string;
  modified: Date;
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
  patch?: PatchCoverage;
  /** Reports written before `notBefore`. */
  stale: StaleReport[];
}

function staleReports(files: readonly string[], notBefore: Date | undefined): StaleReport[] {
  if (!notBefore) return [];
  return files
    .map((file) => ({ file, modified: statSync(file).mtime }))
    .filter((report) => report.modified < notBefore);
}

const staleViolation = (stale: StaleReport[], notBefore: Date) =>
  `${stale.length === 1 ? 'a report was' : `${stale.length} reports were`} last written before the job started at ${notBefore.toISOString()} (${stale
    .slice(0, 3)
    .map((report) => `${report.file} at ${report.modified.toISOString()}`)
    .join(', ')}${stale.length > 3 ? ', …' : ''}), so they are left over from an earlier run`;

/** Reads every report in turn (streaming, one at a time), then applies the rules. */
export async function gateReports(options: GateOptions): Promise<GateResult> {
  const writer = options.reportJson ? new ReportJsonWriter(options.reportJson) : undefined;
  const collector = new ResultCollector({
    quarantine: options.quarantine,
    maxListed: options.maxListed,
    flaky: options.flaky,
    retryFilesFollow: (options.retryFiles?.length ?? 0) > 0,
    baselineFailures: options.baselineFailures,
    onTest: writer ? (test: ListedTest) => writer.add(test) : undefined,
  });
  try {
    const limits = options.limits ?? DEFAULT_LIMITS;
    const retryFiles = new Set(options.retryFiles);
    // A file both a report and a retry report is read once, as a retry.
    const reports = [...options.files.filter((file) => !retryFiles.has(file)), ...retryFiles];
    const stale = staleReports(reports, options.notBefore);
    for (const file of reports) {
      const sink = collector.beginFile(options.reportLabel?.(file) ?? file, undefined, { retry: retryFiles.has(file) });
      const entry = collector.files.at(-1);
      const format = await parseTestReport(file, options.format ?? 'auto', sink, limits);
      if (entry) entry.format = format;
    }
    let coverage: CoverageResult | undefined;
    for (const file of options.coverageFiles ?? []) {
      const { format, totals } = await parseCoverageReport(file, limits);
      coverage ??= { linesCovered: 0, linesValid: 0, files: [] };
      coverage.linesCovered += totals.linesCovered;
      coverage.linesValid += totals.linesValid;
      coverage.files.push({ file, format });
    }
    const checks = await options.waitForChecks?.();
    const extraViolations = checks && !checks.ok ? [checks.reason] : [];
    if (options.failOnStale && options.notBefore && stale.length > 0)
      extraViolations.push(staleViolation(stale, options.notBefore));
    const verdict = evaluate(collector.totals, options.rules, {
      reportFiles: reports.length,
      coverage,
      patch: options.patch,
      extraViolations,
    });
    writer?.close({
      totals: collector.totals,
      passed: verdict.passed,
      reason: verdict.reason,
      passRate: verdict.passRate,
      coverage: verdict.coverage ?? null,
    });
    return { verdict, totals: collector.totals, collector, coverage, checks, stale, patch: options.patch };
  } catch (error) {
    writer?.close({ error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
