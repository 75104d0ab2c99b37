/** Formats the gate reads; `auto` detects one per file from its first bytes. */
export const TEST_FORMATS = [
  'junit',
  'trx',
  'nunit',
  'tap',
  'go-test-json',
  'mocha-json',
  'rspec-json',
  'dart-json',
] as const;
export const COVERAGE_FORMATS = ['lcov', 'cobertura'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];
export type ReportFormat = TestFormat | CoverageFormat;

export type TestStatus = 'passed' | 'failed' | 'errored' | 'skipped' | 'flaky';

/** One test case as a report states it, normalised across formats. */
export interface TestCase {
  /** Stable identity used for quarantine and for matching reruns across files: `class.name`. */
  id: string;
  name: string;
  suite: string;
  status: TestStatus;
  /** Capped: first line(s) of the failure message. */
  message?: string;
  /** Capped: stack trace or failure body. */
  details?: string;
  file?: string;
  line?: number;
  durationMs?: number;
}

/**
 * What a parser hands each test case to; parsers never keep results themselves. A parser that has the owner of an
 * `owner.name` id at hand may pass `prefixKey(id, name)` (rerun-filter.ts), computed once per owner: it spares the
 * collector looking up ids of passing tests that merely share a failed test's name.
 */
export type TestSink = ((test: TestCase, prefix?: number) => void) & {
  /**
   * A test case that passed, counted without a `TestCase` being made: most of a report is passing tests. Returns
   * false when the sink needs the whole test case (a rerun may be proved, every test is written out): the parser then
   * hands it over as usual. `idLength` is the length its id would have; `prefix` as above.
   */
  passed?(suite: string, durationMs: number | undefined, name: string, idLength: number, prefix: number): boolean;
};

/** Longest message and details kept per test: enough to read, bounded for million-test reports. */
export const MESSAGE_CAP = 1_000;
export const DETAILS_CAP = 4_000;

export interface CoverageTotals {
  linesCovered: number;
  linesValid: number;
}

/** Bounds on what one element or token of a report may cost, whatever the input; inputs raise them. */
export interface ParseLimits {
  /** Attributes on one XML element (each value is capped at 64 Ki characters), so one tag costs at most a few MiB. */
  maxAttributes: number;
  /** Longest JSON string or number (in UTF-8 bytes), or line of a line-based report (TAP, go test -json, LCOV; in characters). */
  maxStringLength: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxAttributes: 256, maxStringLength: 16 * 1024 * 1024 };
