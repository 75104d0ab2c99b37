import type { ReportFormat, TestCase, TestSink } from './model.js';
import { quarantineMatcher } from './quarantine.js';

export interface Totals {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  flaky: number;
  quarantined: number;
}

export interface ListedTest extends TestCase {
  reportFile: string;
}

export interface SuiteTotals {
  name: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

export interface ReportFileTotals {
  file: string;
  format?: ReportFormat;
  tests: number;
}

export interface CollectorOptions {
  quarantine?: readonly string[];
  /** Failures (and flaky, quarantined tests) kept for display; all are counted. */
  maxListed?: number;
  /** Suites kept for the per-suite table; later ones are counted under one "other suites" row. */
  maxSuites?: number;
  /** Sees every test case as it is collected (the report-json writer). */
  onTest?: (test: ListedTest) => void;
}

type FailedKind = 'failed' | 'errored' | 'quarantined';
/** Failed test ids remembered to spot a rerun that passed in a later file; bounded for huge failing runs. */
const FAILED_IDS_CAP = 100_000;
export const OTHER_SUITES = '(other suites)';

/**
 * Counts every test case of one gate run and keeps only what a summary shows: the first failures,
 * flaky and quarantined tests, and per-suite totals. Memory does not grow with the number of passing tests.
 */
export class ResultCollector {
  readonly totals: Totals = { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0, quarantined: 0 };
  readonly failures: ListedTest[] = [];
  readonly flaky: ListedTest[] = [];
  readonly quarantined: ListedTest[] = [];
  readonly files: ReportFileTotals[] = [];
  private readonly suites = new Map<string, SuiteTotals>();
  private readonly failedIds = new Map<string, { fileIndex: number; kind: FailedKind; suite: string }>();
  private readonly isQuarantined;
  private readonly maxListed: number;
  private readonly maxSuites: number;

  constructor(private readonly options: CollectorOptions = {}) {
    this.isQuarantined = quarantineMatcher(options.quarantine ?? []);
    this.maxListed = options.maxListed ?? 100;
    this.maxSuites = options.maxSuites ?? 500;
  }

  /** A sink for the test cases of one report file. */
  beginFile(reportFile: string, format?: ReportFormat): TestSink {
    const fileIndex = this.files.length;
    const entry: ReportFileTotals = { file: reportFile, format, tests: 0 };
    this.files.push(entry);
    return (test) => {
      entry.tests += 1;
      this.add({ ...test, reportFile }, fileIndex);
    };
  }

  suiteTotals(): SuiteTotals[] {
    return [...this.suites.values()];
  }

  private add(test: ListedTest, fileIndex: number): void {
    this.options.onTest?.(test);
    if (test.status === 'passed' && this.rerunPassed(test, fileIndex)) return;
    const kind = test.status === 'failed' || test.status === 'errored' ? (this.isQuarantined(test) ? 'quarantined' : test.status) : test.status;
    this.totals.total += 1;
    this.totals[kind] += 1;
    const suite = this.suite(test.suite);
    suite.total += 1;
    suite.durationMs += test.durationMs ?? 0;
    if (kind === 'skipped') suite.skipped += 1;
    else if (kind === 'passed' || kind === 'flaky') suite.passed += 1;
    else suite.failed += 1;
    if (kind === 'failed' || kind === 'errored' || kind === 'quarantined') {
      this.list(kind === 'quarantined' ? this.quarantined : this.failures, test);
      if (this.failedIds.size < FAILED_IDS_CAP) this.failedIds.set(test.id, { fileIndex, kind, suite: suite.name });
    } else if (kind === 'flaky') {
      this.list(this.flaky, test);
    }
  }

  /** A test that failed in an earlier file and passes now was rerun: it counts once, as flaky. */
  private rerunPassed(test: ListedTest, fileIndex: number): boolean {
    const earlier = this.failedIds.get(test.id);
    if (!earlier || earlier.fileIndex >= fileIndex) return false;
    this.failedIds.delete(test.id);
    this.totals[earlier.kind] -= 1;
    this.totals.flaky += 1;
    const suite = this.suites.get(earlier.suite);
    if (suite) {
      suite.failed -= 1;
      suite.passed += 1;
    }
    const listed = earlier.kind === 'quarantined' ? this.quarantined : this.failures;
    const index = listed.findIndex((item) => item.id === test.id);
    const failure = index >= 0 ? listed.splice(index, 1)[0] : undefined;
    this.list(this.flaky, { ...test, status: 'flaky', message: failure?.message, details: failure?.details, file: test.file ?? failure?.file, line: test.line ?? failure?.line });
    return true;
  }

  private list(target: ListedTest[], test: ListedTest): void {
    if (target.length < this.maxListed) target.push(test);
  }

  private suite(name: string): SuiteTotals {
    const key = this.suites.has(name) || this.suites.size < this.maxSuites ? name : OTHER_SUITES;
    let suite = this.suites.get(key);
    if (!suite) {
      suite = { name: key, total: 0, passed: 0, failed: 0, skipped: 0, durationMs: 0 };
      this.suites.set(key, suite);
    }
    return suite;
  }
}
