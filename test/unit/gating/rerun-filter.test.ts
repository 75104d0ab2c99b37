import { describe, expect, it } from 'vitest';
import { ResultCollector } from '../../../src/gating/collector.js';
import { RerunFilter } from '../../../src/gating/rerun-filter.js';
import type { TestCase } from '../../../src/gating/test-results.js';

const test = (id: string, name: string, status: TestCase['status']): TestCase => ({ id, name, suite: 's', status });

describe('RerunFilter', () => {
  it('never says no to a failed test, and says no to tests unlike every failed one', () => {
    const filter = new RerunFilter();
    const failed = Array.from({ length: 1_000 }, (_, i) => [`com.example.Class${i % 37}.works #${i}`, `works #${i}`]);
    for (const [id, name] of failed) filter.add(id!, name!);
    for (const [id, name] of failed) expect(filter.mayHave(id!, name!)).toBe(true);
    expect(filter.mayHave('com.example.Other.a different name', 'a different name')).toBe(false);
    expect(filter.mayHave('c.', '')).toBe(false);
    filter.clear();
    expect(filter.mayHave(failed[0]![0]!, failed[0]![1]!)).toBe(false);
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
