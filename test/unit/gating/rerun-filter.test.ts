import { describe, expect, it } from 'vitest';
import { ResultCollector } from '../../../src/gating/collector.js';
import { parseJUnit } from '../../../src/gating/formats/junit.js';
import { prefixKey, RerunFilter } from '../../../src/gating/rerun-filter.js';
import type { TestCase } from '../../../src/gating/test-results.js';
import { useTempDir } from './support/temp-dir.js';

const test = (id: string, name: string, status: TestCase['status']): TestCase => ({ id, name, suite: 's', status });

describe('RerunFilter', () => {
  it('never says no to a failed test, and says no to tests unlike every failed one', () => {
    const filter = new RerunFilter();
    const failed = Array.from({ length: 1_000 }, (_, i) => [`com.example.Class${i % 37}.works #${i}`, `works #${i}`]);
    for (const [id, name] of failed) filter.add(id!, name!);
    for (const [id, name] of failed) expect(filter.mayHave(id!.length, name!)).toBe(true);
    expect(filter.mayHave('com.example.Other.a different name'.length, 'a different name')).toBe(false);
    expect(filter.mayHave('c.'.length, '')).toBe(false);
    filter.clear();
    expect(filter.mayHave(failed[0]![0]!.length, failed[0]![1]!)).toBe(false);
  });
});

describe('reruns within one file, behind the filter', () => {
  it('a pass whose id and name look like a failed test but are not it stays a pass; the real rerun is flaky', () => {
    const collector = new ResultCollector();
    const sink = collector.beginFile('junit.xml', 'junit');
    // Same name and id length as the failure: the filter must let it through, and the id look-up say no.
    sink(test('a.b', 'b', 'failed'));
    sink(test('c.b', 'b', 'passed'));
    sink(test('a.b', 'b', 'passed'));
    expect(collector.totals).toMatchObject({ total: 2, passed: 1, flaky: 1, failed: 0 });
    expect(collector.flaky.map((listed) => listed.id)).toEqual(['a.b']);
  });

  it('failures of an earlier file are forgotten with the filter: a pass in the next file is not flaky', () => {
    const collector = new ResultCollector();
    collector.beginFile('one.xml', 'junit')(test('a.b', 'b', 'failed'));
    collector.beginFile('two.xml', 'junit')(test('a.b', 'b', 'passed'));
    expect(collector.totals).toMatchObject({ total: 2, passed: 1, failed: 1, flaky: 0 });
  });
});

describe('the prefix key a parser hands over with a test', () => {
  const failed = [
    ['com.example.api.PagingTest.returns 404 #3', 'returns 404 #3'],
    ['returns 404 #3', 'returns 404 #3'],
    ['com.example.api.PagingTest.', ''],
  ] as const;

  it('lets every failed test through, and stops a same-named test of another owner the coarse slot lets through', () => {
    const filter = new RerunFilter();
    for (const [id, name] of failed) filter.add(id, name, prefixKey(id, name));
    for (const [id, name] of failed) expect(filter.mayHave(id.length, name, prefixKey(id, name))).toBe(true);
    // Same name, and an owner of the same length: only the owner tells it apart.
    const other = 'com.example.api.LookupTest.returns 404 #3';
    expect(filter.mayHave(other.length, 'returns 404 #3')).toBe(true);
    expect(filter.mayHave(other.length, 'returns 404 #3', prefixKey(other, 'returns 404 #3'))).toBe(false);
  });

  it('after a failure that came without one, a test with a prefix key is checked by the coarse slot', () => {
    const filter = new RerunFilter();
    const [id, name] = failed[0];
    filter.add(id, name);
    expect(filter.mayHave(id.length, name, prefixKey(id, name))).toBe(true);
    filter.clear();
    filter.add(id, name, prefixKey(id, name));
    expect(filter.mayHave(id.length, name)).toBe(true);
  });
});

describe('JUnit hands over the prefix key of each test', () => {
  const temp = useTempDir('rerun-prefix');

  it('equals prefixKey(id, name) with a class, a suite as owner, no owner, an empty name and astral characters', async () => {
    const file = temp.write(
      'prefix.xml',
      `<testsuites>
        <testcase name="at the root"/>
        <testsuite name="suite">
          <testcase classname="a.B" name="one"/><testcase classname="a.B" name="two"><failure/></testcase>
          <testcase classname="a.C" name="one"/><testcase name="suite owns me"/><testcase classname="a.B" name=""/>
          <testcase classname="\u{1F600}.x" name="\u{1F600} smile"/>
        </testsuite>
      </testsuites>`,
    );
    const seen: [TestCase, number | undefined][] = [];
    await parseJUnit(file, (test, prefix) => seen.push([test, prefix]));
    expect(seen.map(([test]) => test.id)).toEqual([
      'at the root',
      'a.B.one',
      'a.B.two',
      'a.C.one',
      'suite.suite owns me',
      'a.B.',
      '\u{1F600}.x.\u{1F600} smile',
    ]);
    for (const [test, prefix] of seen) expect(prefix, test.id).toBe(prefixKey(test.id, test.name));
    expect(new Set(seen.map(([, prefix]) => prefix)).size).toBe(5);
  });

  it('a rerun under another suite name, same class, is still flaky; the same name in another class stays a pass', async () => {
    const file = temp.write(
      'cross-suite.xml',
      `<testsuites>
        <testsuite name="first"><testcase classname="com.example.A" name="works"><failure message="boom"/></testcase></testsuite>
        <testsuite name="second"><testcase classname="com.example.B" name="works"/></testsuite>
        <testsuite name="retried"><testcase classname="com.example.A" name="works"/></testsuite>
      </testsuites>`,
    );
    const collector = new ResultCollector();
    await parseJUnit(file, collector.beginFile(file, 'junit'));
    expect(collector.totals).toMatchObject({ total: 2, passed: 1, flaky: 1, failed: 0 });
    expect(collector.flaky.map((listed) => [listed.id, listed.message])).toEqual([['com.example.A.works', 'boom']]);
    expect(collector.suiteTotals()).toEqual([
      expect.objectContaining({ name: 'first', total: 1, passed: 1, failed: 0 }),
      expect.objectContaining({ name: 'second', total: 1, passed: 1, failed: 0 }),
    ]);
  });

  it('a retry file read by a parser without prefix keys still finds a JUnit failure, and the other way round', () => {
    for (const keyedFirst of [true, false]) {
      const collector = new ResultCollector({ retryFilesFollow: true });
      const id = 'com.example.A.works';
      const keyed = (status: TestCase['status']) => [test(id, 'works', status), prefixKey(id, 'works')] as const;
      const first = collector.beginFile('junit.xml', 'junit');
      if (keyedFirst) first(...keyed('failed'));
      else first(test(id, 'works', 'failed'));
      const retry = collector.beginFile('retry.json', 'mocha-json', { retry: true });
      if (keyedFirst) retry(test(id, 'works', 'passed'));
      else retry(...keyed('passed'));
      expect(collector.totals, `keyed first: ${keyedFirst}`).toMatchObject({ total: 1, flaky: 1, failed: 0 });
    }
  });
});
