import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultCollector } from '../../../src/gating/collector.js';
import { DETAILS_CAP, MESSAGE_CAP } from '../../../src/gating/test-results.js';
import { parseTestReport } from '../../../src/gating/formats/parse-report.js';
import { generatedReports } from './paths.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('gate-formats');

async function parse(name: string, content: string) {
  const file = temp.write(name, content);
  const collector = new ResultCollector();
  const format = await parseTestReport(file, 'auto', collector.beginFile(file));
  return { format, totals: collector.totals, failures: collector.failures };
}

describe('format detection reads content, not names', () => {
  it.each([
    ['report.json', '<?xml version="1.0"?>\n<testsuite name="s"><testcase name="a"/></testsuite>', 'junit'],
    ['results.xml', 'TAP version 14\n1..1\nok 1 - a\n', 'tap'],
    [
      'TEST-go.xml',
      '{"Action":"run","Package":"p","Test":"TestA"}\n{"Action":"pass","Package":"p","Test":"TestA"}\n',
      'go-test-json',
    ],
    [
      'out.txt',
      '\uFEFF<?xml version="1.0" encoding="utf-8"?><TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results/></TestRun>',
      'trx',
    ],
    [
      'nunit.trx',
      '<test-run id="0"><test-suite><test-case name="a" fullname="A.a" result="Passed"/></test-suite></test-run>',
      'nunit',
    ],
  ])('%s holding %s is read as %s', async (name, content, format) => {
    expect((await parse(name, content)).format).toBe(format);
  });
});

describe('TAP 13/14', () => {
  it('reads nested subtests, directives, YAML diagnostics and Bail out!', async () => {
    const tap = [
      'TAP version 14',
      '1..4',
      '# Subtest: parser',
      '    1..2',
      '    ok 1 - reads numbers',
      '    not ok 2 - reads strings',
      '      ---',
      '      message: expected "a" got "b"',
      '      at:',
      '        file: test/parser.js',
      '        line: 17',
      '      ...',
      'not ok 1 - parser',
      'ok 2 - lexer # SKIP no input',
      'not ok 3 - emitter # TODO not written',
      'ok 4 - printer',
    ].join('\n');
    const { totals, failures } = await parse('nested.tap', `${tap}\n`);
    expect(totals).toMatchObject({ total: 5, passed: 2, failed: 1, skipped: 2 });
    expect(failures).toEqual([
      expect.objectContaining({
        id: 'parser > reads strings',
        message: 'expected "a" got "b"',
        file: 'test/parser.js',
        line: 17,
      }),
    ]);
  });

  it('a parent that fails with no failing child (a hook) is an error; Bail out! is an error', async () => {
    const { totals, failures } = await parse(
      'hook.tap',
      [
        'TAP version 13',
        '# Subtest: db',
        '    ok 1 - connects',
        '    1..1',
        'not ok 1 - db',
        '  ---',
        "  error: 'after hook failed'",
        '  ...',
        'Bail out! database gone',
        '1..1',
      ].join('\n'),
    );
    expect(totals).toMatchObject({ total: 3, passed: 1, errored: 2 });
    expect(failures.map((test) => [test.id, test.message])).toEqual([
      ['db', 'after hook failed'],
      ['Bail out!', 'Bail out! database gone'],
    ]);
  });
});

describe('whole-run failures that are not one test still fail the gate', () => {
  it('go test -json: a package that fails without a failing test (build error) is an error', async () => {
    const events = [
      { Action: 'start', Package: 'example.com/app' },
      { Action: 'output', Package: 'example.com/app', Output: '# example.com/app\n' },
      { Action: 'output', Package: 'example.com/app', Output: './main.go:3:2: undefined: fmt\n' },
      { Action: 'output', Package: 'example.com/app', Output: 'FAIL\texample.com/app [build failed]\n' },
      { Action: 'fail', Package: 'example.com/app', Elapsed: 0 },
    ];
    const { totals, failures } = await parse('build.json', events.map((event) => JSON.stringify(event)).join('\n'));
    expect(totals).toMatchObject({ total: 1, errored: 1 });
    expect(failures[0]).toMatchObject({ id: 'example.com/app.(package)', file: './main.go', line: 3 });
  });

  // Issue 17: before Go 1.24 a package that does not compile is only a plain-text line among the events.
  it('go test -json before 1.24: a package that fails to compile (plain-text FAIL line) is an error naming it', async () => {
    const lines = [
      JSON.stringify({ Action: 'start', Package: 'example.com/m/good' }),
      JSON.stringify({ Action: 'run', Package: 'example.com/m/good', Test: 'TestA' }),
      JSON.stringify({ Action: 'pass', Package: 'example.com/m/good', Test: 'TestA' }),
      JSON.stringify({ Action: 'pass', Package: 'example.com/m/good' }),
      '# example.com/m/bad',
      'bad/bad.go:3:9: undefined: missing',
      'FAIL\texample.com/m/bad [build failed]',
    ];
    const { totals, failures } = await parse('go-old.json', lines.join('\n'));
    expect(totals).toMatchObject({ total: 2, passed: 1, errored: 1 });
    expect(failures).toEqual([
      expect.objectContaining({ id: 'example.com/m/bad.(build)', file: 'bad/bad.go', line: 3 }),
    ]);
    expect(failures[0]!.message).toMatch(
      /^package example\.com\/m\/bad failed to build: bad\/bad\.go:3:9: undefined: missing/,
    );
  });

  it('go test -json 1.24+: build events and FailedBuild give one error naming the package', async () => {
    const events = [
      {
        ImportPath: 'example.com/m/bad [example.com/m/bad.test]',
        Action: 'build-output',
        Output: '# example.com/m/bad [example.com/m/bad.test]\n',
      },
      {
        ImportPath: 'example.com/m/bad [example.com/m/bad.test]',
        Action: 'build-output',
        Output: 'bad/bad.go:3:9: undefined: missing\n',
      },
      { ImportPath: 'example.com/m/bad [example.com/m/bad.test]', Action: 'build-fail' },
      { Action: 'start', Package: 'example.com/m/bad' },
      { Action: 'output', Package: 'example.com/m/bad', Output: 'FAIL\texample.com/m/bad [build failed]\n' },
      {
        Action: 'fail',
        Package: 'example.com/m/bad',
        Elapsed: 0,
        FailedBuild: 'example.com/m/bad [example.com/m/bad.test]',
      },
    ];
    const { totals, failures } = await parse('go-new.json', events.map((event) => JSON.stringify(event)).join('\n'));
    expect(totals).toMatchObject({ total: 1, errored: 1 });
    expect(failures[0]).toMatchObject({ id: 'example.com/m/bad.(build)', file: 'bad/bad.go', line: 3 });
    expect(failures[0]!.message).toMatch(/^package example\.com\/m\/bad failed to build/);
  });

  // Issue 17: a test that called this.skip() has a duration and no error in `tests`; only `pending` says it was skipped.
  it('mocha JSON: pending tests (it.skip, this.skip()) are skipped, not passed', async () => {
    const report = {
      stats: { tests: 3, passes: 1, pending: 2, failures: 0 },
      tests: [
        { title: 'works', fullTitle: 'db works', duration: 2, err: {} },
        { title: 'later', fullTitle: 'db later', err: {} },
        { title: 'skips itself', fullTitle: 'db skips itself', duration: 5, err: {} },
      ],
      pending: [
        { title: 'later', fullTitle: 'db later', err: {} },
        { title: 'skips itself', fullTitle: 'db skips itself', duration: 5, err: {} },
      ],
      failures: [],
      passes: [{ title: 'works', fullTitle: 'db works', duration: 2, err: {} }],
    };
    expect((await parse('pending.json', JSON.stringify(report))).totals).toMatchObject({
      total: 3,
      passed: 1,
      skipped: 2,
    });
  });

  it('mocha JSON: a failing "before all" hook counts as an error', async () => {
    const report = {
      stats: { tests: 1, passes: 1, failures: 1 },
      tests: [{ title: 'works', fullTitle: 'db works', duration: 2, err: {} }],
      failures: [
        {
          title: '"before all" hook for "reads"',
          fullTitle: 'db "before all" hook for "reads"',
          err: { message: 'ECONNREFUSED', stack: 'Error: ECONNREFUSED\n    at test/db.spec.js:4:11' },
        },
      ],
      passes: [{ title: 'works', fullTitle: 'db works', duration: 2, err: {} }],
    };
    const { totals, failures } = await parse('hook.json', JSON.stringify(report));
    expect(totals).toMatchObject({ total: 2, passed: 1, errored: 1 });
    expect(failures[0]).toMatchObject({ message: 'ECONNREFUSED', file: 'test/db.spec.js', line: 4 });
  });

  it('RSpec JSON: errors outside examples (a spec that failed to load) count as an error', async () => {
    const report = {
      version: '3.13.0',
      messages: ['An error occurred while loading ./spec/a_spec.rb.'],
      examples: [],
      summary: { example_count: 0, failure_count: 0, errors_outside_of_examples_count: 1 },
    };
    const { totals } = await parse('load.json', JSON.stringify(report));
    expect(totals).toMatchObject({ total: 1, errored: 1 });
  });
});

describe('bounded per test', () => {
  it('caps messages and stack traces per test, keeping the start', async () => {
    const huge = 'y'.repeat(500_000);
    const { failures } = await parse(
      'big-failure.xml',
      `<testsuite name="s"><testcase classname="c" name="a"><failure message="${'m'.repeat(50_000)}">${huge}</failure></testcase></testsuite>`,
    );
    expect(failures[0]!.message).toHaveLength(MESSAGE_CAP + 1);
    expect(failures[0]!.details).toHaveLength(DETAILS_CAP + 1);
    expect(failures[0]!.details!.endsWith('…')).toBe(true);
  });

  it('TRX: data-driven inner results are not counted twice', async () => {
    const trx = `<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>
      <UnitTestResult testName="Ns.T.Rows" outcome="Failed" resultType="DataDrivenTest"><InnerResults>
        <UnitTestResult testName="Ns.T.Rows (1)" outcome="Passed"/><UnitTestResult testName="Ns.T.Rows (2)" outcome="Failed"/>
      </InnerResults><Output><ErrorInfo><Message>row 2 failed</Message><StackTrace>at Ns.T.Rows() in /src/T.cs:line 9</StackTrace></ErrorInfo></Output></UnitTestResult>
      <UnitTestResult testName="Ns.T.Other" outcome="Passed"/></Results></TestRun>`;
    const { totals, failures } = await parse('rows.trx', trx);
    expect(totals).toMatchObject({ total: 2, passed: 1, failed: 1 });
    expect(failures[0]).toMatchObject({ suite: 'Ns.T', message: 'row 2 failed', file: '/src/T.cs', line: 9 });
  });
});

describe('JUnit dialects', () => {
  it('CTest: the failure text lives in system-out, and is used when <failure> is empty', async () => {
    const { failures } = await parse(
      'ctest.xml',
      readFileSync(join(generatedReports, 'ctest/ctest-junit.xml'), 'utf8'),
    );
    expect(failures.map((test) => [test.id, test.message, test.file, test.line])).toEqual([
      ['fails.fails', undefined, undefined, undefined],
      ['prints_and_fails.prints_and_fails', 'src/parser.c:42: expected 3, got 4', 'src/parser.c', 42],
    ]);
  });

  it('Catch2 (-r junit) and go-junit-report shapes: status, skipped with message, failure text', async () => {
    // Shaped as Catch2 v3 `-r junit` and go-junit-report v2 write them (tools not installable here).
    const catch2 = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="tests" errors="0" failures="1" skipped="1" tests="3" hostname="tbd" time="0.01" timestamp="2024-01-01T00:00:00Z">
    <testcase classname="tests.global" name="vectors can be sized and resized" time="0.001" status="run"/>
    <testcase classname="tests.global" name="parses numbers" time="0.001" status="run">
      <failure message="x == 3" type="REQUIRE">FAILED:
  REQUIRE( x == 3 )
with expansion:
  4 == 3
at /src/tests/parse.cpp:27
      </failure>
    </testcase>
    <testcase classname="tests.global" name="not yet" time="0" status="run"><skipped message="SKIP"/></testcase>
  </testsuite>
</testsuites>`;
    const c = await parse('catch2.xml', catch2);
    expect(c.totals).toMatchObject({ total: 3, passed: 1, failed: 1, skipped: 1 });
    expect(c.failures[0]).toMatchObject({ message: 'x == 3', file: '/src/tests/parse.cpp', line: 27 });
    const goJunit = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="3" failures="1" skipped="1">
  <testsuite name="example.com/calc" tests="3" failures="1" errors="0" id="0" hostname="ci" skipped="1" time="0.004" timestamp="2024-01-01T00:00:00Z">
    <properties><property name="go.version" value="go1.22.0 linux/amd64"></property></properties>
    <testcase name="TestAdd" classname="example.com/calc" time="0.000"></testcase>
    <testcase name="TestDiv" classname="example.com/calc" time="0.000"><failure message="Failed"><![CDATA[    calc_test.go:19: expected 2, got 0]]></failure></testcase>
    <testcase name="TestSkip" classname="example.com/calc" time="0.000"><skipped message="calc_test.go:25: later"></skipped></testcase>
  </testsuite>
</testsuites>`;
    const g = await parse('go-junit.xml', goJunit);
    expect(g.totals).toMatchObject({ total: 3, passed: 1, failed: 1, skipped: 1 });
    expect(g.failures[0]).toMatchObject({ id: 'example.com/calc.TestDiv', file: 'calc_test.go', line: 19 });
  });
});
