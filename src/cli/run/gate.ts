import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../../runtime/errors.js';
import type { FlakyMode } from '../../gating/collector.js';
import { confineToRoot, OutsideRoot } from '../../gating/io/confine.js';
import { findFiles } from '../../runtime/glob.js';
import { gateReports } from '../../gating/gate.js';
import { capText, firstLine } from '../../gating/io/capped-text.js';
import { LimitExceeded } from '../../gating/io/limit-exceeded.js';
import { REPORT_FILE_GLOB } from '../../gating/io/report-names.js';
import type { ParseLimits, TestFormat } from '../../gating/test-results.js';
import { integerFlag, numberFlag } from '../flag-values.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { formatCount } from '../../runtime/count.js';

const SHOWN_FAILURES = 20;
const LIMIT_FLAGS: Record<keyof ParseLimits, string> = {
  maxAttributes: '--max-xml-attributes',
  maxStringLength: '--max-string-length',
};

export interface GateFlags {
  maxFailures: string;
  minPassRate: string;
  minTests: string;
  format: TestFormat | 'auto';
  quarantine?: string[];
  coverage?: string[];
  minCoverage?: string;
  flaky: FlakyMode;
  retryReports?: string[];
  maxXmlAttributes: string;
  maxStringLength: string;
  json?: boolean;
}

/** A directory stands for the reports in it; `!glob` and patterns stay as given. */
const expand = (path: string, cwd: string) =>
  !path.startsWith('!') && statSync(resolve(cwd, path), { throwIfNoEntry: false })?.isDirectory()
    ? join(path, REPORT_FILE_GLOB)
    : path;

/**
 * Files the paths match, confined to the current directory: a relative path (or a symlink it reaches)
 * resolving outside it is refused; an absolute path the user typed is read wherever it is.
 */
function findInCwd(paths: readonly string[], cwd: string, what: string): string[] {
  const expanded = paths.map((path) => expand(path, cwd));
  const excludes = expanded.filter((path) => path.startsWith('!'));
  const typedAbsolute = new Set(findFiles([...expanded.filter((path) => isAbsolute(path)), ...excludes], cwd));
  const files = findFiles(expanded, cwd);
  if (files.length === 0)
    throw new UserError(`No ${what} matched ${paths.map((path) => JSON.stringify(path)).join(', ')} in ${cwd}.`);
  try {
    return confineToRoot(files, cwd, (file) => typedAbsolute.has(file));
  } catch (error) {
    if (error instanceof OutsideRoot)
      throw new UserError(
        `${error.file}: resolves outside the current directory; give its absolute path to read it anyway.`,
      );
    throw error;
  }
}

/** `slipway gate`: the gate action's rules over local reports; exit code 1 when the gate fails. */
export async function runGate(paths: string[], flags: GateFlags): Promise<number> {
  const rules = {
    maxFailures: integerFlag('--max-failures', flags.maxFailures, { min: 0 }),
    minPassRate: numberFlag('--min-pass-rate', flags.minPassRate, { min: 0, max: 100 }),
    minTests: integerFlag('--min-tests', flags.minTests, { min: 0 }),
    minCoverage:
      flags.minCoverage === undefined
        ? undefined
        : numberFlag('--min-coverage', flags.minCoverage, { min: 0, max: 100 }),
  };
  const limits = {
    maxAttributes: integerFlag(LIMIT_FLAGS.maxAttributes, flags.maxXmlAttributes, { min: 1 }),
    maxStringLength: integerFlag(LIMIT_FLAGS.maxStringLength, flags.maxStringLength, { min: 1024 }),
  };
  if (rules.minCoverage !== undefined && !flags.coverage?.length)
    throw new UserError(`--min-coverage ${rules.minCoverage} needs --coverage with LCOV or Cobertura files.`);
  const cwd = process.cwd();
  const result = await gateReports({
    files: findInCwd(paths, cwd, 'test report'),
    retryFiles: flags.retryReports?.length ? findInCwd(flags.retryReports, cwd, 'retry report') : [],
    format: flags.format,
    flaky: flags.flaky,
    limits,
    rules,
    quarantine: flags.quarantine ?? [],
    coverageFiles: flags.coverage?.length ? findInCwd(flags.coverage, cwd, 'coverage report') : [],
  }).catch((error: unknown) => {
    if (error instanceof LimitExceeded)
      throw new UserError(`${error.message} Raise it with ${LIMIT_FLAGS[error.limit]} if the report is genuine.`);
    throw error;
  });
  const { verdict, totals, collector } = result;
  if (flags.json) {
    const listed = (tests: typeof collector.failures) =>
      tests.map(({ id, status, message, file, line, reportFile }) => ({ id, status, message, file, line, reportFile }));
    const passRate = verdict.executed === 0 ? null : verdict.passRate;
    const report = {
      passed: verdict.passed,
      reason: verdict.reason,
      totals,
      passRate,
      coverage: verdict.coverage ?? null,
      failures: listed(collector.failures),
      flaky: listed(collector.flaky),
      quarantined: listed(collector.quarantined),
      files: collector.files,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(`${verdict.reason}\n`);
    for (const test of collector.failures.slice(0, SHOWN_FAILURES)) {
      const where = test.file ? ` (${test.file}${test.line ? `:${test.line}` : ''})` : '';
      process.stdout.write(
        `  ✗ ${test.id}${where} in ${test.reportFile}: ${capText(firstLine(test.message ?? test.details), 200) ?? test.status}\n`,
      );
    }
    const more = totals.failed + totals.errored - Math.min(collector.failures.length, SHOWN_FAILURES);
    if (more > 0)
      process.stdout.write(
        `  … and ${formatCount(more)} more failing tests (use --json for the first ${collector.failures.length}).\n`,
      );
  }
  return verdict.passed ? EXIT_OK : EXIT_FAILURE;
}
