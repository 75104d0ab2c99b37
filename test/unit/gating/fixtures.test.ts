import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultCollector } from '../../../src/gating/collector.js';
import { gateReports } from '../../../src/gating/gate.js';
import { parseTestReport } from '../../../src/gating/formats/parse-report.js';
import { generatedReports, realWorldReports } from './paths.js';

interface Expected {
  file: string;
  format: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

const expected = JSON.parse(readFileSync(join(realWorldReports, 'expected.json'), 'utf8')) as Expected[];
const byFile = new Map(expected.map((entry) => [entry.file, entry]));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const reports = listFiles(realWorldReports)
  .map((file) => relative(realWorldReports, file))
  .filter((file) => file !== 'README.md' && file !== 'expected.json')
  .sort();

describe('every shared real-world report', () => {
  it('is listed in expected.json, and every listed file exists', () => {
    expect(reports.length).toBeGreaterThan(30);
    expect(reports).toEqual([...byFile.keys()].sort());
  });

  it.each(reports)('%s: detected by content and parsed to its documented counts', async (file) => {
    const want = byFile.get(file)!;
    const collector = new ResultCollector();
    const format = await parseTestReport(join(realWorldReports, file), 'auto', collector.beginFile(file));
    const { totals } = collector;
    expect({
      format,
      total: totals.total,
      passed: totals.passed,
      failed: totals.failed + totals.errored,
      skipped: totals.skipped,
    }).toEqual({
      format: want.format,
      total: want.total,
      passed: want.passed,
      failed: want.failed,
      skipped: want.skipped,
    });
  });

  const empty = reports.filter((file) => file.startsWith('empty/'));
  it.each(empty)('%s fails a min-tests: 1 gate saying no tests were found', async (file) => {
    const result = await gateReports({
      files: [join(realWorldReports, file)],
      rules: { maxFailures: 0, minPassRate: 100, minTests: 1 },
    });
    expect(result.verdict.passed).toBe(false);
    expect(result.verdict.reason).toMatch(/^Failed: no tests were found in 1 report file \(min-tests is 1\)/);
  });
});

describe('every report generated here by a real tool (test/fixtures/reports)', () => {
  const generated = JSON.parse(readFileSync(join(generatedReports, 'expected.json'), 'utf8')) as Expected[];
  const files = listFiles(generatedReports)
    .map((file) => relative(generatedReports, file))
    .filter((file) => /\.(xml|json|tap|info)$/.test(file) && file !== 'expected.json')
    .sort();

  it('is listed in expected.json', () => {
    expect(files).toEqual(generated.map((entry) => entry.file).sort());
  });

  it.each(generated)('$file: detected by content and parsed to its counts', async (want) => {
    const collector = new ResultCollector();
    const format = await parseTestReport(join(generatedReports, want.file), 'auto', collector.beginFile(want.file));
    const { totals } = collector;
    expect({
      format,
      total: totals.total,
      passed: totals.passed,
      failed: totals.failed + totals.errored,
      skipped: totals.skipped,
    }).toEqual({
      format: want.format,
      total: want.total,
      passed: want.passed,
      failed: want.failed,
      skipped: want.skipped,
    });
  });
});
