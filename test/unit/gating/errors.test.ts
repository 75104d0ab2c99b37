import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/actions/gate/inputs.js';
import { ResultCollector } from '../../../src/gating/collector.js';
import { findReports } from '../../../src/gating/io/find-reports.js';
import { parseCoverageReport, parseTestReport } from '../../../src/gating/formats/parse-report.js';
import { InputReader } from '../../../src/runtime/inputs.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('gate-errors');

const parse = (file: string) => parseTestReport(file, 'auto', new ResultCollector().beginFile(file));

describe('errors people understand', () => {
  it('no file matched: names the globs and the working directory', () => {
    expect(() => findReports(['build/test-results/**/*.xml', 'reports/*.trx'], temp.dir)).toThrow(
      `No test report matched "build/test-results/**/*.xml", "reports/*.trx" in ${temp.dir}. Check the 'reports' globs and that the test step wrote its reports before this step.`,
    );
  });

  it('finds files by glob, skips node_modules, honours !exclusions, and sorts', () => {
    temp.write('found/b/TEST-b.xml', '<testsuite/>');
    temp.write('found/a/TEST-a.xml', '<testsuite/>');
    temp.write('found/a/TEST-skip.xml', '<testsuite/>');
    temp.write('found/node_modules/x/TEST-x.xml', '<testsuite/>');
    const files = findReports(['found/**/TEST-*.xml', '!**/TEST-skip.xml'], temp.dir);
    expect(files.map((file) => file.slice(temp.dir.length + 1))).toEqual(['found/a/TEST-a.xml', 'found/b/TEST-b.xml']);
  });

  it('a file that is not a test report: names the file, line and column and what was found', async () => {
    const text = temp.write('notes.txt', 'hello, this is a changelog\n');
    await expect(parse(text)).rejects.toThrow(`${text}:1:1: is not a test report this gate reads`);
    const pom = temp.write('pom.xml', '<?xml version="1.0"?>\n<project>\n</project>\n');
    await expect(parse(pom)).rejects.toThrow(`${pom}:2:1: is XML but not a test report: its root element is <project>`);
    const empty = temp.write('empty.xml', '');
    await expect(parse(empty)).rejects.toThrow(`${empty}: is empty, so it is not a test report.`);
  });

  it('a truncated XML report: names the file, line and column where it stops', async () => {
    const file = temp.write(
      'cut.xml',
      '<testsuites>\n  <testsuite name="s">\n    <testcase name="a" classname="c"/>\n    <testcase name="b" cla',
    );
    await expect(parse(file)).rejects.toThrow(
      new RegExp(`^${file}:4:\\d+: the report ends early \\(.+\\); it looks truncated\\.`),
    );
  });

  it('malformed XML in the middle: names the position', async () => {
    const file = temp.write('bad.xml', '<testsuite name="s">\n<testcase name="a"></testsuite>\n</testcase>\n');
    await expect(parse(file)).rejects.toThrow(new RegExp(`^${file}:2:\\d+: is not well-formed XML`));
  });

  it('a truncated whole-document JSON report (mocha): names file, line and column', async () => {
    const file = temp.write(
      'mocha-cut.json',
      '{\n  "stats": {"tests": 2},\n  "tests": [\n    {"title": "a", "fullTitle": "a", "duration": 1, "err": {}},\n    {"title": "b", "ful',
    );
    await expect(parse(file)).rejects.toThrow(
      new RegExp(`^${file}:5:\\d+: the report ends early .*it looks truncated\\.`),
    );
  });

  it('invalid JSON inside a document: names the line where it breaks', async () => {
    const file = temp.write(
      'rspec-bad.json',
      '{\n  "version": "3.13.0",\n  "examples": [\n    {"id": "x", "status": "passed",}\n  ]\n}\n',
    );
    await expect(parse(file)).rejects.toThrow(new RegExp(`^${file}:4:\\d+: is not valid JSON`));
  });

  it('a JSON-lines report cut mid-event (go test -json): names the last line', async () => {
    const file = temp.write(
      'go-cut.json',
      '{"Action":"run","Package":"p","Test":"TestA"}\n{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0}\n{"Action":"run","Pack',
    );
    await expect(parse(file)).rejects.toThrow(new RegExp(`^${file}:3:\\d+: the report ends in the middle of an event`));
  });

  it('a TAP stream that stops before its plan is complete', async () => {
    const file = temp.write('cut.tap', 'TAP version 13\n1..3\nok 1 - a\nok 2 - b\n');
    await expect(parse(file)).rejects.toThrow(
      `${file}:4:1: the TAP stream ends early: only 2 of 3 planned tests were reported; it looks truncated.`,
    );
  });

  it('an LCOV file cut inside a record', async () => {
    const file = temp.write('cut.info', 'TN:\nSF:src/a.js\nDA:1,1\nDA:2,0\n');
    await expect(parseCoverageReport(file)).rejects.toThrow(
      `${file}:4:1: the LCOV file ends inside a record (no end_of_record); it looks truncated.`,
    );
  });

  it('a coverage file given as a test report, and the reverse, say where it belongs', async () => {
    const lcov = temp.write('lcov.info', 'TN:\nSF:a.js\nDA:1,1\nLF:1\nLH:1\nend_of_record\n');
    await expect(parse(lcov)).rejects.toThrow(
      `${lcov}: is a coverage report (lcov), not a test report; list it under 'coverage' instead of 'reports'.`,
    );
    const junit = temp.write('junit.xml', '<testsuite name="s"/>');
    await expect(parseCoverageReport(junit)).rejects.toThrow(
      `${junit}: is a test report (junit), not a coverage report; list it under 'reports' instead of 'coverage'.`,
    );
  });
});

describe('rule inputs out of range', () => {
  const read = (values: Record<string, string>) => () =>
    readInputs(new InputReader((name) => ({ reports: 'r.xml', ...values })[name] ?? ''), () => {});

  it.each([
    [{ 'min-pass-rate': '101' }, `Input 'min-pass-rate' must be a number from 0 to 100; got "101".`],
    [{ 'min-pass-rate': 'most' }, `Input 'min-pass-rate' must be a number from 0 to 100; got "most".`],
    [{ 'max-failures': '-1' }, `Input 'max-failures' must be an integer of at least 0; got "-1".`],
    [{ 'min-tests': '1.5' }, `Input 'min-tests' must be an integer of at least 0; got "1.5".`],
    [
      { 'checks-timeout': 'soon' },
      'Input \'checks-timeout\' must be a duration such as `30s`, `10m`, `1h30m` or `0`; got "soon".',
    ],
    [
      { format: 'xunit' },
      'Input \'format\' must be one of `auto`, `junit`, `trx`, `nunit`, `tap`, `go-test-json`, `mocha-json`, `rspec-json`, `dart-json`; got "xunit".',
    ],
    [
      { 'min-coverage': '80' },
      "Input 'min-coverage' is 80 but 'coverage' lists no LCOV or Cobertura files; add their globs to 'coverage' or remove 'min-coverage'.",
    ],
    [
      { 'required-checks': 'build' },
      "Input 'github-token' is empty, but 'required-checks' and 'check-run' need it; leave it at its default `${{ github.token }}`.",
    ],
    [
      { reports: '' },
      "Input required and not supplied: 'reports'. Give newline-separated globs of test report files, e.g. `**/TEST-*.xml`.",
    ],
  ])('%j is refused in one line', (values, message) => {
    expect(read(values)).toThrow(message);
  });

  it('reads defaults: max-failures 0, min-pass-rate 100, min-tests 1, 10m checks timeout', () => {
    const masked: string[] = [];
    const inputs = readInputs(
      new InputReader((name) => ({ 'reports': 'a.xml\nb/**/*.trx', 'github-token': 'ghs_secret' })[name] ?? ''),
      (secret) => masked.push(secret),
    );
    expect(inputs).toMatchObject({
      reports: ['a.xml', 'b/**/*.trx'],
      format: 'auto',
      maxFailures: 0,
      minPassRate: 100,
      minTests: 1,
      checksTimeoutMs: 600_000,
      maxAnnotations: 50,
      summary: true,
    });
    expect(masked).toEqual(['ghs_secret']);
  });
});
