import { describe, expect, it } from 'vitest';
import { gateReports } from '../../../src/gating/gate.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('gate-flaky');
const rules = { maxFailures: 0, minPassRate: 100, minTests: 1 };

/** Surefire's rerun elements, shaped as maven-surefire-plugin writes them with rerunFailingTestsCount. */
const SUREFIRE = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" version="3.0" name="com.example.CartTest" time="2.1" tests="3" errors="0" skipped="0" failures="1">
  <testcase name="addsItem" classname="com.example.CartTest" time="0.01"/>
  <testcase name="checksOut" classname="com.example.CartTest" time="1.2">
    <flakyFailure message="Timed out after 1s" type="java.util.concurrent.TimeoutException">
      <stackTrace>java.util.concurrent.TimeoutException: Timed out after 1s
	at com.example.CartTest.checksOut(CartTest.java:42)</stackTrace>
      <system-out><![CDATA[attempt 1 output]]></system-out>
    </flakyFailure>
  </testcase>
  <testcase name="appliesVoucher" classname="com.example.CartTest" time="0.3">
    <failure message="expected: &lt;10&gt; but was: &lt;9&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: &lt;10&gt; but was: &lt;9&gt;
	at com.example.CartTest.appliesVoucher(CartTest.java:57)</failure>
    <rerunFailure message="expected: &lt;10&gt; but was: &lt;9&gt;" type="org.opentest4j.AssertionFailedError">
      <stackTrace>org.opentest4j.AssertionFailedError
	at com.example.CartTest.appliesVoucher(CartTest.java:57)</stackTrace>
    </rerunFailure>
  </testcase>
</testsuite>
`;

const junit = (cases: string) => `<testsuites><testsuite name="s">${cases}</testsuite></testsuites>`;

describe('flaky tests', () => {
  it('surefire flakyFailure counts as flaky (listed, not failed); failure with rerunFailure stays failed', async () => {
    const file = temp.write('TEST-com.example.CartTest.xml', SUREFIRE);
    const result = await gateReports({ files: [file], rules });
    expect(result.totals).toMatchObject({ total: 3, passed: 1, flaky: 1, failed: 1 });
    expect(result.collector.flaky).toEqual([
      expect.objectContaining({
        id: 'com.example.CartTest.checksOut',
        message: 'Timed out after 1s',
        file: 'CartTest.java',
        line: 42,
      }),
    ]);
    expect(result.collector.flaky[0]!.details).not.toContain('attempt 1 output');
    expect(result.collector.failures).toEqual([
      expect.objectContaining({ id: 'com.example.CartTest.appliesVoucher', message: 'expected: <10> but was: <9>' }),
    ]);
    expect(result.verdict.reason).toMatch(/^Failed: 1 test failed \(max-failures is 0\)/);
  });

  // Issue 17: 10 real failures in one matrix job became "1 failed, 9 flaky" because another job passed them.
  it('two matrix jobs: failures in one job count even where the other job passed the same tests', async () => {
    const failing = Array.from(
      { length: 10 },
      (_, i) => `<testcase classname="c" name="t${i}"><failure message="broken on 18"/></testcase>`,
    ).join('');
    const passing = Array.from({ length: 10 }, (_, i) => `<testcase classname="c" name="t${i}"/>`).join('');
    // Either order of folder names gives the same verdict: no file's pass can excuse another's failure.
    for (const [first, second] of [
      ['node-18', 'node-22'],
      ['node-22', 'node-18'],
    ] as const) {
      const a = temp.write(`m-${first}/${first}/junit.xml`, junit(first === 'node-18' ? failing : passing));
      const b = temp.write(`m-${first}/${second}/junit.xml`, junit(second === 'node-18' ? failing : passing));
      const result = await gateReports({ files: [a, b], rules });
      expect(result.totals).toMatchObject({ total: 20, passed: 10, failed: 10, flaky: 0 });
      expect(result.verdict.passed).toBe(false);
      expect(result.collector.failures.every((test) => test.reportFile.endsWith('node-18/junit.xml'))).toBe(true);
    }
  });

  it('the same test failed and then passed within one report file (a JUnit rerun) is flaky, counted once', async () => {
    const file = temp.write(
      'rerun/junit.xml',
      junit(
        '<testcase classname="c" name="a"/><testcase classname="c" name="b"><failure message="boom" /></testcase><testcase classname="c" name="d"><failure message="real"/></testcase><testcase classname="c" name="b"/>',
      ),
    );
    const result = await gateReports({ files: [file], rules });
    expect(result.totals).toMatchObject({ total: 3, passed: 1, flaky: 1, failed: 1 });
    expect(result.collector.flaky).toEqual([
      expect.objectContaining({ id: 'c.b', status: 'flaky', message: 'boom', reportFile: file }),
    ]);
    expect(result.collector.failures.map((test) => test.id)).toEqual(['c.d']);
    expect(result.collector.suiteTotals()).toEqual([
      expect.objectContaining({ name: 's', total: 3, passed: 2, failed: 1 }),
    ]);
  });

  it('retry-reports: a pass in a retry file of a test that failed in an earlier report is flaky', async () => {
    const first = temp.write(
      'retry/a.xml',
      junit(
        '<testcase classname="c" name="b"><failure message="boom"/></testcase><testcase classname="c" name="d"><failure message="real"/></testcase>',
      ),
    );
    const other = temp.write('retry/b.xml', junit('<testcase classname="c" name="e"/>'));
    const retry = temp.write(
      'retry/rerun.xml',
      junit('<testcase classname="c" name="b"/><testcase classname="c" name="d"><failure message="real"/></testcase>'),
    );
    const result = await gateReports({ files: [first, other, retry], retryFiles: [retry], rules });
    expect(result.totals).toMatchObject({ flaky: 1, failed: 2, passed: 1 });
    expect(result.collector.flaky.map((test) => test.id)).toEqual(['c.b']);
  });

  it('passing first and failing later in one file is not flaky', async () => {
    const file = temp.write(
      'order/1.xml',
      junit('<testcase classname="c" name="b"/><testcase classname="c" name="b"><failure/></testcase>'),
    );
    const result = await gateReports({ files: [file], rules });
    expect(result.totals).toMatchObject({ total: 2, passed: 1, failed: 1, flaky: 0 });
  });

  it('flaky: off counts every failed attempt as a failure (surefire flakyFailure, an in-file rerun)', async () => {
    const surefire = temp.write('off/TEST-cart.xml', SUREFIRE);
    const rerun = temp.write(
      'off/junit.xml',
      junit('<testcase classname="c" name="b"><failure message="boom"/></testcase><testcase classname="c" name="b"/>'),
    );
    const result = await gateReports({ files: [surefire, rerun], rules, flaky: 'off' });
    expect(result.totals).toMatchObject({ flaky: 0, failed: 3, passed: 2 });
    expect(result.collector.failures.map((test) => test.id)).toEqual([
      'com.example.CartTest.checksOut',
      'com.example.CartTest.appliesVoucher',
      'c.b',
    ]);
  });
});

describe('quarantine', () => {
  const file = () =>
    temp.write(
      'quarantine.xml',
      junit(
        '<testcase classname="com.example.NetTest" name="downloads"><failure message="ECONNRESET"/></testcase>' +
          '<testcase classname="com.example.NetTest" name="uploads"><error message="timeout"/></testcase>' +
          '<testcase classname="com.example.DbTest" name="migrates"><failure message="locked"/></testcase>' +
          '<testcase classname="com.example.DbTest" name="reads"/>',
      ),
    );

  it('quarantined failures (exact id or glob) are counted and listed apart, not failed', async () => {
    const result = await gateReports({
      files: [file()],
      rules: { ...rules },
      quarantine: ['com.example.NetTest.*', 'com.example.DbTest.migrates'],
    });
    expect(result.totals).toMatchObject({ total: 4, passed: 1, failed: 0, errored: 0, quarantined: 3 });
    expect(result.verdict.passed).toBe(true);
    expect(result.collector.quarantined.map((test) => test.id)).toEqual([
      'com.example.NetTest.downloads',
      'com.example.NetTest.uploads',
      'com.example.DbTest.migrates',
    ]);
  });

  it('a glob matches bare test names too; an unmatched failure still fails the gate', async () => {
    const result = await gateReports({ files: [file()], rules, quarantine: ['*loads'] });
    expect(result.totals).toMatchObject({ quarantined: 2, failed: 1, errored: 0 });
    expect(result.verdict.reason).toMatch(/^Failed: 1 test failed \(max-failures is 0\)/);
  });
});
