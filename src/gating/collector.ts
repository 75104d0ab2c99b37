import type { ReportFormat, TestCase, TestSink } from './test-results.js';
import { quarantineMatcher } from './quarantine.js';
import { RerunFilter } from './rerun-filter.js';

export interface Totals {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  flaky: number;
  quarantined: number;
  /** Failures that already failed on the baseline commit (`new-failures-only`): reported, allowed. */
  preexisting: number;
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
  /**
   * `detect` (the default): a test that failed and then passed where a report says it was retried counts once, as flaky.
   * `off`: every failed attempt counts as a failure, so a flaky test fails the gate.
   */
  flaky?: FlakyMode;
  /** Retry files will follow (`retry-reports`): failures are remembered across files for them. */
  retryFilesFollow?: boolean;
  /** Test ids that failed on the baseline commit: their failures count as `preexisting`, not failed. */
  baselineFailures?: ReadonlySet<string>;
}

/** Failing ids kept for the compact record a later run compares against (`baseline`). */
const RECORDED_FAILURES_CAP = 5_000;

export const FLAKY_MODES = ['detect', 'off'] as const;
export type FlakyMode = (typeof FLAKY_MODES)[number];

export interface FileRole {
  /** The file holds retries of tests that failed in the files before it (a `retry-reports` glob matched it). */
  retry?: boolean;
}

type FailedKind = 'failed' | 'errored' | 'quarantined' | 'preexisting';
const FAILED_KINDS: readonly FailedKind[] = ['failed', 'errored', 'quarantined', 'preexisting'];
/** Failed test ids remembered to spot a rerun that passed later; bounded for huge failing runs. */
const FAILED_IDS_CAP = 100_000;
export const OTHER_SUITES = '(other suites)';

/**
 * A copy of `text` holding only its own characters, for strings kept beyond the test they came with.
 * What parsers cut from the stream are V8 views (sliced strings) into the 64 KiB chunk read, and ids
 * are concatenations of such views: keeping one keeps its whole chunk, so with failures all through
 * a million-test report the whole file stayed in memory. Slicing a concatenation flattens it into a
 * fresh string first, and that string is all the result refers to.
 */
const own = (text: string) => ` ${text}`.slice(1);

/** A listed test whose strings are its own (see `own`); absent fields stay absent. */
const ownListed = (test: ListedTest) =>
  Object.fromEntries(
    Object.entries(test).map(([key, value]) => [key, typeof value === 'string' ? own(value) : value]),
  ) as unknown as ListedTest;

/**
 * Counts every test case of one gate run and keeps only what a summary shows: the first failures,
 * flaky and quarantined tests, and per-suite totals. Memory does not grow with the number of passing tests.
 */
export class ResultCollector {
  readonly totals: Totals = {
    total: 0,
    passed: 0,
    failed: 0,
    errored: 0,
    skipped: 0,
    flaky: 0,
    quarantined: 0,
    preexisting: 0,
  };
  readonly failures: ListedTest[] = [];
  readonly preexisting: ListedTest[] = [];
  /** Ids of tests failing in this run (capped at `RECORDED_FAILURES_CAP`; `recordComplete` says whether all fit). */
  readonly failingIds = new Set<string>();
  recordComplete = true;
  readonly flaky: ListedTest[] = [];
  readonly quarantined: ListedTest[] = [];
  readonly files: ReportFileTotals[] = [];
  /** Suite names (as asked, and `OTHER_SUITES`) to their index in `suiteList`. */
  private readonly suites = new Map<string, number>();
  private readonly suiteList: SuiteTotals[] = [];
  /**
   * Failures a later pass may prove flaky. Only a report says a test was retried: the same test again within
   * one file, or a `retry-reports` file. Another file is another job (a matrix leg), whose pass proves nothing.
   * Each is one number (see `failedRecord`), not an object: a report failing 20,000 tests keeps 20,000 of them.
   */
  private readonly failedIds = new Map<string, number>();
  /** Says quickly, before `failedIds` is asked, which passing tests cannot be reruns. */
  private readonly failedFilter = new RerunFilter();
  /** The file being read may hold reruns: a failure came earlier in it, or it is a retry file after failures. */
  private mayRerun = false;
  private retryFile = false;
  /** The suite of the previous test, under the name it was asked by. */
  private lastSuite?: { asked: string; suite: SuiteTotals; index: number };
  private readonly isQuarantined;
  private readonly maxListed: number;
  private readonly maxSuites: number;

  constructor(private readonly options: CollectorOptions = {}) {
    this.isQuarantined = quarantineMatcher(options.quarantine ?? []);
    this.maxListed = options.maxListed ?? 100;
    // Whole and bounded, so a failure's record (`failedRecord`) stays an exact number.
    this.maxSuites = Math.min(Math.floor(options.maxSuites ?? 500), 1_000_000);
  }

  /** A sink for the test cases of one report file. */
  beginFile(reportFile: string, format?: ReportFormat, role: FileRole = {}): TestSink {
    const fileIndex = this.files.length;
    const entry: ReportFileTotals = { file: reportFile, format, tests: 0 };
    this.files.push(entry);
    this.retryFile = role.retry === true;
    // Failures of other files can only be retried by a retry file: forget them otherwise, so memory stays per file.
    if (!this.options.retryFilesFollow) {
      this.failedIds.clear();
      this.failedFilter.clear();
    }
    this.mayRerun = this.retryFile && this.failedIds.size > 0;
    const sink: TestSink = (test, prefix) => {
      entry.tests += 1;
      this.add(test, reportFile, fileIndex, prefix);
    };
    sink.passed = (suite, durationMs, name, idLength, prefix) => {
      // What `add` does for a passing test that is neither written out nor possibly a rerun.
      if (this.options.onTest || this.mayBeRerun(idLength, name, prefix)) return false;
      entry.tests += 1;
      this.countPassed(suite, durationMs);
      return true;
    };
    return sink;
  }

  suiteTotals(): SuiteTotals[] {
    return [...this.suiteList];
  }

  /** Makes a `ListedTest` only for what sees or keeps one: most tests are just counted. */
  private add(test: TestCase, reportFile: string, fileIndex: number, prefix: number | undefined): void {
    this.options.onTest?.({ ...test, reportFile });
    if (this.options.flaky === 'off' && test.status === 'flaky') test = { ...test, status: 'failed' };
    else if (
      test.status === 'passed' &&
      this.mayBeRerun(test.id.length, test.name, prefix) &&
      this.rerunPassed(test, reportFile, fileIndex)
    )
      return;
    if (test.status === 'passed') {
      this.countPassed(test.suite, test.durationMs);
      return;
    }
    const failing = test.status === 'failed' || test.status === 'errored';
    if (failing) this.recordFailing(test.id);
    const kind = failing
      ? this.isQuarantined(test)
        ? 'quarantined'
        : this.options.baselineFailures?.has(test.id)
          ? 'preexisting'
          : test.status
      : test.status;
    this.totals.total += 1;
    this.totals[kind] += 1;
    const { suite, index: suiteIndex } = this.suite(test.suite);
    suite.total += 1;
    suite.durationMs += test.durationMs ?? 0;
    if (kind === 'skipped') suite.skipped += 1;
    else if (kind === 'flaky') suite.passed += 1;
    else suite.failed += 1;
    if (kind === 'failed' || kind === 'errored' || kind === 'quarantined' || kind === 'preexisting') {
      this.list(this.listOf(kind), test, reportFile);
      if (this.failedIds.size < FAILED_IDS_CAP) {
        this.failedIds.set(own(test.id), this.failedRecord(fileIndex, suiteIndex, kind));
        this.failedFilter.add(test.id, test.name, prefix);
        this.mayRerun = true;
      }
    } else if (kind === 'flaky') {
      this.list(this.flaky, test, reportFile);
    }
  }

  /** Whether a passing test (whose id is `idLength` long) may be a rerun of a failure: the filter's quick "no" first. */
  private mayBeRerun(idLength: number, name: string, prefix: number | undefined): boolean {
    return this.mayRerun && this.options.flaky !== 'off' && this.failedFilter.mayHave(idLength, name, prefix);
  }

  private countPassed(suiteName: string, durationMs: number | undefined): void {
    this.totals.total += 1;
    this.totals.passed += 1;
    const { suite } = this.suite(suiteName);
    suite.total += 1;
    suite.passed += 1;
    suite.durationMs += durationMs ?? 0;
  }

  /** A failure as one number: its kind, suite and file (a small integer below 2^30 up to 500,000 files). */
  private failedRecord(fileIndex: number, suiteIndex: number, kind: FailedKind): number {
    return (fileIndex * (this.maxSuites + 1) + suiteIndex) * FAILED_KINDS.length + FAILED_KINDS.indexOf(kind);
  }

  /** A test that failed earlier in this file (or before a retry file) and passes now was rerun: it counts once, as flaky. */
  private rerunPassed(test: TestCase, reportFile: string, fileIndex: number): boolean {
    const record = this.failedIds.get(test.id);
    if (record === undefined) return false;
    const kind = FAILED_KINDS[record % FAILED_KINDS.length]!;
    const place = Math.floor(record / FAILED_KINDS.length);
    const suiteSlots = this.maxSuites + 1;
    if (Math.floor(place / suiteSlots) !== fileIndex && !this.retryFile) return false;
    this.failedIds.delete(test.id);
    this.failingIds.delete(test.id);
    this.totals[kind] -= 1;
    this.totals.flaky += 1;
    const suite = this.suiteList[place % suiteSlots];
    if (suite) {
      suite.failed -= 1;
      suite.passed += 1;
    }
    const listed = this.listOf(kind);
    const index = listed.findIndex((item) => item.id === test.id);
    const failure = index >= 0 ? listed.splice(index, 1)[0] : undefined;
    this.list(
      this.flaky,
      {
        ...test,
        status: 'flaky',
        message: failure?.message,
        details: failure?.details,
        file: test.file ?? failure?.file,
        line: test.line ?? failure?.line,
      },
      reportFile,
    );
    return true;
  }

  private listOf(kind: FailedKind): ListedTest[] {
    return kind === 'quarantined' ? this.quarantined : kind === 'preexisting' ? this.preexisting : this.failures;
  }

  private recordFailing(id: string): void {
    if (this.failingIds.size < RECORDED_FAILURES_CAP) this.failingIds.add(own(id));
    else if (!this.failingIds.has(id)) this.recordComplete = false;
  }

  /** Keeps a copy of `test` while `target` has room; a full list costs nothing. */
  private list(target: ListedTest[], test: TestCase, reportFile: string): void {
    if (target.length < this.maxListed) target.push(ownListed({ ...test, reportFile }));
  }

  private suite(name: string): { suite: SuiteTotals; index: number } {
    // Parsers hand every test of a suite the same name string: a pointer compare spares a map look-up.
    if (name === this.lastSuite?.asked) return this.lastSuite;
    const index = this.suiteNamed(name);
    this.lastSuite = { asked: name, suite: this.suiteList[index]!, index };
    return this.lastSuite;
  }

  private suiteNamed(name: string): number {
    const known = this.suites.get(name);
    if (known !== undefined) return known;
    const key = this.suites.size < this.maxSuites ? name : OTHER_SUITES;
    let index = this.suites.get(key);
    if (index === undefined) {
      index = this.suiteList.length;
      this.suiteList.push({ name: own(key), total: 0, passed: 0, failed: 0, skipped: 0, durationMs: 0 });
      this.suites.set(this.suiteList[index]!.name, index);
    }
    return index;
  }
}
