import { UserError } from '../../runtime/errors.js';
import { parseCobertura } from './cobertura.js';
import { detectFormat, formatOfRoot, readHead, RootBeyondHead } from './detect-format.js';
import { parseDartJson } from './dart-json.js';
import { parseGoTestJson } from './go-test-json.js';
import { parseJUnit } from './junit.js';
import { parseLcov } from './lcov.js';
import { parseMochaJson } from './mocha-json.js';
import {
  COVERAGE_FORMATS,
  DEFAULT_LIMITS,
  type CoverageFormat,
  type CoverageTotals,
  type ParseLimits,
  type ReportFormat,
  type TestFormat,
  type TestSink,
} from '../test-results.js';
import { parseNUnit } from './nunit.js';
import { parseRSpecJson } from './rspec-json.js';
import { parseTap } from './tap.js';
import { parseTrx } from './trx.js';
import { xmlRoot } from '../io/xml-stream.js';

const TEST_PARSERS: Record<TestFormat, (file: string, sink: TestSink, limits: ParseLimits) => Promise<void>> = {
  'junit': parseJUnit,
  'trx': parseTrx,
  'nunit': parseNUnit,
  'tap': parseTap,
  'go-test-json': parseGoTestJson,
  'mocha-json': parseMochaJson,
  'rspec-json': parseRSpecJson,
  'dart-json': parseDartJson,
};

const isCoverage = (format: ReportFormat): format is CoverageFormat =>
  (COVERAGE_FORMATS as readonly string[]).includes(format);

/** The format detected from a file's first bytes, or undefined when they say nothing a reader knows. */
async function recognisedFormat(file: string): Promise<ReportFormat | undefined> {
  try {
    return await reportFormat(file, 'auto');
  } catch {
    return undefined;
  }
}

/** A format was named for a file whose content is plainly another: reading it as named would find no tests. */
export class NotOfFormat extends UserError {
  override name = 'NotOfFormat';
  constructor(
    readonly file: string,
    readonly named: ReportFormat,
    readonly found: ReportFormat,
  ) {
    super(
      `${file}: is not ${named}: its content is ${found}. Name ${found} as its format, or let the format be detected (auto).`,
    );
  }
}

/** The format of a file: the one named, or detected from its first bytes when `auto`. */
export async function reportFormat(file: string, format: ReportFormat | 'auto'): Promise<ReportFormat> {
  if (format !== 'auto') {
    const found = await recognisedFormat(file);
    if (found && found !== format) throw new NotOfFormat(file, format, found);
    return format;
  }
  try {
    return detectFormat(file, await readHead(file));
  } catch (error) {
    if (!(error instanceof RootBeyondHead)) throw error;
    const root = await xmlRoot(file);
    return formatOfRoot(file, root.name, root.where);
  }
}

/** Streams one test report into `sink`; returns its format. */
export async function parseTestReport(
  file: string,
  format: TestFormat | 'auto',
  sink: TestSink,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<TestFormat> {
  const found = await reportFormat(file, format);
  if (isCoverage(found))
    throw new UserError(
      `${file}: is a coverage report (${found}), not a test report; list it under 'coverage' instead of 'reports'.`,
    );
  await TEST_PARSERS[found](file, sink, limits);
  return found;
}

/** Reads the line totals of one LCOV or Cobertura file. */
export async function parseCoverageReport(
  file: string,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<{ format: CoverageFormat; totals: CoverageTotals }> {
  const found = await reportFormat(file, 'auto');
  if (!isCoverage(found))
    throw new UserError(
      `${file}: is a test report (${found}), not a coverage report; list it under 'reports' instead of 'coverage'.`,
    );
  return {
    format: found,
    totals: found === 'lcov' ? await parseLcov(file, limits) : await parseCobertura(file, limits),
  };
}
