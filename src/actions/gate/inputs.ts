import { InputError } from '../../runtime/errors.js';
import type { InputReader } from '../../runtime/inputs.js';
import { FLAKY_MODES, type FlakyMode } from '../../gating/collector.js';
import { REPORT_FILE_GLOB } from '../../gating/io/report-names.js';
import { DEFAULT_LIMITS, TEST_FORMATS, type ParseLimits, type TestFormat } from '../../gating/test-results.js';

export const FORMAT_CHOICES = ['auto', ...TEST_FORMATS] as const;
export const MODES = ['gate', 'merge'] as const;

export interface Inputs {
  /** Globs of test reports, newline-separated (a glob may hold a comma). */
  reports: string[];
  format: TestFormat | 'auto';
  maxFailures: number;
  minPassRate: number;
  minTests: number;
  /** Test ids or globs allowed to fail; still reported. */
  quarantine: string[];
  coverage: string[];
  minCoverage?: number;
  requiredChecks: string[];
  checksTimeoutMs: number;
  /** Name of the check run to publish annotations on; workflow-command annotations when unset. */
  checkRun?: string;
  maxAnnotations: number;
  summary: boolean;
  token?: string;
  /** `merge`: the reports are in this run's artifacts matching `artifactPattern`, one per matrix job. */
  mode: (typeof MODES)[number];
  artifactPattern?: string;
  minPatchCoverage?: number;
  /** The ref changed lines are counted from (default: the pull request's base commit). */
  patchBase?: string;
  /** A ref whose recorded gate result failures are compared with; with `newFailuresOnly`, its failures are allowed. */
  baseline?: string;
  newFailuresOnly: boolean;
  /** Globs of reports holding reruns of earlier failures. */
  retryReports: string[];
  flaky: FlakyMode;
  failOnStale: boolean;
  limits: ParseLimits;
}

/** The input that raises each parse limit, for the refusal's message. */
export const LIMIT_INPUTS: Record<keyof ParseLimits, string> = {
  maxAttributes: 'max-xml-attributes',
  maxStringLength: 'max-string-length',
};

/** Reads and validates every input before anything is read or written; the token is masked at once. */
export function readInputs(reader: InputReader, mask: (secret: string) => void): Inputs {
  const mode = reader.choice('mode', MODES, 'gate');
  const artifactPattern = reader.string('artifact-pattern');
  if (mode === 'merge' && !artifactPattern)
    throw new InputError(
      'artifact-pattern',
      "Input 'mode' is merge, so 'artifact-pattern' must name the artifacts the matrix jobs uploaded, e.g. `test-results-*`.",
    );
  if (mode === 'gate' && artifactPattern)
    throw new InputError(
      'artifact-pattern',
      "Input 'artifact-pattern' is set but 'mode' is gate; set `mode: merge` to gate the reports of those artifacts.",
    );
  const given = reader.list('reports', { newlineOnly: true });
  const reports = given.length === 0 && mode === 'merge' ? [REPORT_FILE_GLOB] : given;
  if (reports.length === 0)
    throw new InputError(
      'reports',
      "Input required and not supplied: 'reports'. Give newline-separated globs of test report files, e.g. `**/TEST-*.xml`.",
    );
  const token = reader.string('github-token');
  if (token) mask(token);
  const inputs: Inputs = {
    reports,
    format: reader.choice('format', FORMAT_CHOICES, 'auto'),
    maxFailures: reader.integer('max-failures', { min: 0, fallback: 0 }),
    minPassRate: reader.number('min-pass-rate', { min: 0, max: 100, fallback: 100 }),
    minTests: reader.integer('min-tests', { min: 0, fallback: 1 }),
    quarantine: reader.list('quarantine', { newlineOnly: true }),
    coverage: reader.list('coverage', { newlineOnly: true }),
    minCoverage: reader.number('min-coverage', { min: 0, max: 100 }),
    requiredChecks: reader.list('required-checks', { newlineOnly: true }),
    checksTimeoutMs: reader.duration('checks-timeout', '10m'),
    checkRun: reader.string('check-run'),
    maxAnnotations: reader.integer('max-annotations', { min: 0, max: 10_000, fallback: 50 }),
    summary: reader.boolean('summary', true),
    token,
    mode,
    artifactPattern,
    minPatchCoverage: reader.number('min-patch-coverage', { min: 0, max: 100 }),
    patchBase: reader.string('patch-base'),
    baseline: reader.string('baseline'),
    newFailuresOnly: reader.boolean('new-failures-only', false),
    retryReports: reader.list('retry-reports', { newlineOnly: true }),
    flaky: reader.choice('flaky', FLAKY_MODES, 'detect'),
    failOnStale: reader.boolean('fail-on-stale', false),
    limits: {
      maxAttributes: reader.integer('max-xml-attributes', { min: 1, fallback: DEFAULT_LIMITS.maxAttributes }),
      maxStringLength: reader.integer('max-string-length', { min: 1024, fallback: DEFAULT_LIMITS.maxStringLength }),
    },
  };
  if (inputs.minCoverage !== undefined && inputs.coverage.length === 0) {
    throw new InputError(
      'min-coverage',
      `Input 'min-coverage' is ${inputs.minCoverage} but 'coverage' lists no LCOV or Cobertura files; add their globs to 'coverage' or remove 'min-coverage'.`,
    );
  }
  if (inputs.minPatchCoverage !== undefined && inputs.coverage.length === 0) {
    throw new InputError(
      'min-patch-coverage',
      `Input 'min-patch-coverage' is ${inputs.minPatchCoverage} but 'coverage' lists no LCOV or Cobertura files; add their globs to 'coverage'.`,
    );
  }
  if (inputs.newFailuresOnly && !inputs.baseline)
    throw new InputError(
      'new-failures-only',
      "Input 'new-failures-only' is true but 'baseline' is empty; set 'baseline' to the base ref, e.g. `${{ github.event.pull_request.base.sha }}`.",
    );
  if (inputs.baseline && !inputs.checkRun) {
    throw new InputError(
      'baseline',
      "Input 'baseline' needs 'check-run': the gate keeps its record in that check run, on the base commit as on this one.",
    );
  }
  if (!token && (inputs.requiredChecks.length > 0 || inputs.checkRun)) {
    throw new InputError(
      'github-token',
      "Input 'github-token' is empty, but 'required-checks' and 'check-run' need it; leave it at its default `${{ github.token }}`.",
    );
  }
  return inputs;
}
