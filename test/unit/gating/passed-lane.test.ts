import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultCollector, type CollectorOptions } from '../../../src/gating/collector.js';
import { parseJUnit } from '../../../src/gating/formats/junit.js';
import type { TestSink } from '../../../src/gating/test-results.js';
import { repoRoot } from './paths.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('passed-lane');
const realWorld = join(repoRoot, 'test/fixtures/real-world-reports');

/** Everything a collector shows, after reading `files` (the last `retries` of them as retry files). */
async function collect(files: string[], options: CollectorOptions, lane: boolean, retries = 0) {
  const collector = new ResultCollector({ ...options, retryFilesFollow: retries > 0 });
  let accepted = 0;
  for (const [i, file] of files.entries()) {
    const sink = collector.beginFile(file, 'junit', { retry: i >= files.length - retries });
    // Without the lane, the parser hands every test case over whole, as other parsers do.
    const used: TestSink = lane
      ? Object.assign((...args: Parameters<TestSink>) => sink(...args), {
          passed: (...args: Parameters<NonNullable<TestSink['passed']>>) => {
            const taken = sink.passed!(...args);
            if (taken) accepted += 1;
            return taken;
          },
        })
      : (...args: Parameters<TestSink>) => sink(...args);
    await parseJUnit(file, used);
  }
  const { totals, failures, flaky, quarantined, preexisting, failingIds, files: read } = collector;
  return {
    accepted,
    shown: {
      totals,
      failures,
      flaky,
      quarantined,
      preexisting,
      failingIds: [...failingIds],
      read,
      suites: collector.suiteTotals(),
    },
  };
}

const testcase = (owner: string, name: string, body = '') =>
  `<testcase classname="${owner}" name="${name}" time="0.25" file="src/${owner}.ts" line="3"${body ? `>${body}</testcase>` : '/>'}`;
const failure = '<failure message="boom">Error: boom\n    at src/x.ts:7:3</failure>';

describe('the passed-test lane counts exactly what handing each test case over whole counts', () => {
  const reports: Record<string, string> = {
    reruns: `<testsuites><testsuite name="s1">${[
      testcase('a.A', 'works'),
      testcase('a.A', 'fails then passes', failure),
      testcase('b.B', 'fails then passes'), // same name, another class: a pass, not a rerun
      testcase('a.A', 'fails then passes'), // the rerun: flaky
      testcase('a.A', 'fails for good', failure),
      testcase('a.A', 'skipped by status').replace('/>', ' status="skipped"/>'),
      testcase('a.A', 'surefire flaky', '<flakyFailure message="once"/>'),
      testcase('c.C', 'quarantined', failure),
    ].join(
      '',
    )}</testsuite><testsuite name="s2">${testcase('', 'no owner')}${testcase('', 'no owner fails', failure)}${testcase('', 'no owner fails')}</testsuite></testsuites>`,
    retry: `<testsuite name="s1">${testcase('a.A', 'fails for good')}${testcase('z.Z', 'only here')}</testsuite>`,
  };

  it.each([
    ['reruns in one file', ['reruns'], {}, 0],
    ['a retry file after it', ['reruns', 'retry'], {}, 1],
    ['flaky off', ['reruns', 'retry'], { flaky: 'off' as const }, 1],
    [
      'quarantine and a baseline',
      ['reruns'],
      { quarantine: ['c.C.*'], baselineFailures: new Set(['a.A.fails for good']) },
      0,
    ],
    ['every test written out', ['reruns'], { onTest: () => {} }, 0],
  ])('%s', async (_case, names, options, retries) => {
    const files = names.map((name) => temp.write(`${name}.xml`, reports[name]!));
    const lane = await collect(files, options, true, retries);
    const whole = await collect(files, options, false, retries);
    expect(lane.shown).toEqual(whole.shown);
    expect(whole.shown.totals.total).toBeGreaterThan(0);
    if (!('onTest' in options)) expect(lane.accepted).toBeGreaterThan(0);
    else expect(lane.accepted).toBe(0);
  });

  it('on every real-world JUnit report in the fixtures', async () => {
    const files = readdirSync(realWorld)
      .filter((name) => name.endsWith('.xml') && !name.includes('nunit'))
      .map((name) => join(realWorld, name));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      const lane = await collect([file], {}, true);
      expect(lane.shown, file).toEqual((await collect([file], {}, false)).shown);
    }
  });
});
