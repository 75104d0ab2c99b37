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
    expect(result.collector.flaky).toEqual([expect.objectContaining({ id: 'com.example.CartTest.checksOut', message: 'Timed out after 1s', file: 'CartTest.java', line: 42 })]);
    expect(result.collector.flaky[0]!.details).not.toContain('attempt 1 output');
    expect(result.collector.failures).toEqual([expect.objectContaining({ id: 'com.example.CartTest.appliesVoucher', message: 'expected: <10> but was: <9>' })]);
    expect(result.verdict.reason).toMatch(/^Failed: 1 test failed \(max-failures is 0\)/);
  });

  it('the same test id failed in one file and passed in a later file of the run is flaky, counted once', async () => {
    const first = temp.write('rerun/1-first.xml', junit('<testcase classname="c" name="a"/><testcase classname="c" name="b"><failure message="boom" /></testcase><testcase classname="c" name="d"><failure message="real"/></testcase>'));
    const second = temp.write('rerun/2-rerun.xml', junit('<testcase classname="c" name="b"/>'));
    const result = await gateReports({ files: [first, second], rules });
    expect(result.totals).toMatchObject({ total: 3, passed: 1, flaky: 1, failed: 1 });
    expect(result.collector.flaky).toEqual([expect.objectContaining({ id: 'c.b', status: 'flaky', message: 'boom' })]);
    expect(result.collector.failures.map((test) => test.id)).toEqual(['c.d']);
    expect(result.collector.suiteTotals()).toEqual([expect.objectContaining({ name: 's', total: 3, passed: 2, failed: 1 })]);
  });

  it('passing first and failing later is not flaky, and duplicates within one file count separately', async () => {
    const first = temp.write('order/1.xml', junit('<testcase classname="c" name="b"/>'));
    const second = temp.write('order/2.xml', junit('<testcase classname="c" name="b"><failure/></testcase><testcase classname="c" name="b"/>'));
    const result = await gateReports({ files: [first, second], rules });
    expect(result.totals).toMatchObject({ total: 3, passed: 2, failed: 1, flaky: 0 });
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
    const result = await gateReports({ files: [file()], rules: { ...rules }, quarantine: ['com.example.NetTest.*', 'com.example.DbTest.migrates'] });
    expect(result.totals).toMatchObject({ total: 4, passed: 1, failed: 0, errored: 0, quarantined: 3 });
    expect(result.verdict.passed).toBe(true);
    expect(result.collector.quarantined.map((test) => test.id)).toEqual(['com.example.NetTest.downloads', 'com.example.NetTest.uploads', 'com.example.DbTest.migrates']);
  });

  it('a glob matches bare test names too; an unmatched failure still fails the gate', async () => {
    const result = await gateReports({ files: [file()], rules, quarantine: ['*loads'] });
    expect(result.totals).toMatchObject({ quarantined: 2, failed: 1, errored: 0 });
    expect(result.verdict.reason).toMatch(/^Failed: 1 test failed \(max-failures is 0\)/);
  });
});
