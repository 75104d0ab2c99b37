import { symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateReports } from '../../../src/gating/gate.js';
import { confineToRoot, OutsideRoot } from '../../../src/gating/io/confine.js';
import { parseTestReport } from '../../../src/gating/formats/parse-report.js';
import { ResultCollector } from '../../../src/gating/collector.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('gate-trust');
const rules = { maxFailures: 0, minPassRate: 100, minTests: 1 };
const SECRET = 'root:x:0:0:hunter2-secret-value';

describe('reports outside the workspace (issue 16, finding 9)', () => {
  it('an exact path and a symlinked report pointing outside are refused unread; files inside pass', () => {
    const workspace = join(temp.dir, 'ws');
    const inside = temp.write('ws/reports/junit.xml', '<testsuite><testcase name="a"/></testsuite>');
    const outside = temp.write('elsewhere/passwd', SECRET);
    const link = join(workspace, 'reports', 'TEST-link.xml');
    symlinkSync(outside, link);
    expect(confineToRoot([inside], workspace)).toEqual([inside]);
    for (const file of [outside, link, join(workspace, '..', 'elsewhere', 'passwd')]) {
      let error: unknown;
      try {
        confineToRoot([inside, file], workspace);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(OutsideRoot);
      expect((error as OutsideRoot).file).toBe(file);
      expect(String(error)).not.toContain('hunter2');
    }
    // The CLI reads an absolute path its user typed, wherever it is.
    expect(confineToRoot([outside], workspace, (file) => file === outside)).toEqual([outside]);
  });

  it('a file that is not a report is refused without quoting any of its content', async () => {
    const file = temp.write('secret.txt', SECRET);
    await expect(gateReports({ files: [file], rules })).rejects.toThrow(/is not a test report this gate reads/);
    await expect(gateReports({ files: [file], rules })).rejects.not.toThrow(/root|hunter2/);
    const json = temp.write('secret.json', `{"Action":"run"}\n{"token": ${SECRET}}\n`);
    const error = await gateReports({ files: [json], rules }).catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/secret.json:2:\d+: .*\(Unexpected token\)/);
    expect(String(error)).not.toMatch(/hunter2|root:x/);
  });
});

describe('reports that prove nothing ran (issue 16, finding 8)', () => {
  it('a mocha report with "tests":[{}] does not pass', async () => {
    const file = temp.write(
      'empty-test.json',
      JSON.stringify({ stats: { tests: 1 }, tests: [{}], pending: [], failures: [], passes: [] }),
    );
    const result = await gateReports({ files: [file], rules });
    expect(result.verdict.passed).toBe(false);
    expect(result.verdict.reason).toMatch(/^Failed: no tests ran/);
  });

  it('reports older than the job are stale: listed, and failing the gate with failOnStale, naming file and time', async () => {
    const fresh = temp.write('stale/fresh.xml', '<testsuite><testcase name="a"/></testsuite>');
    const old = temp.write('stale/old.xml', '<testsuite><testcase name="b"/></testsuite>');
    const then = new Date('2026-01-02T03:04:05Z');
    utimesSync(old, then, then);
    const notBefore = new Date(Date.now() - 60_000);
    const warned = await gateReports({ files: [fresh, old], rules, notBefore });
    expect(warned.verdict.passed).toBe(true);
    expect(warned.stale).toEqual([{ file: old, modified: then }]);
    const failed = await gateReports({ files: [fresh, old], rules, notBefore, failOnStale: true });
    expect(failed.verdict.passed).toBe(false);
    expect(failed.verdict.reason).toContain(`${old} at 2026-01-02T03:04:05.000Z`);
    expect(failed.verdict.reason).toContain(`before the job started at ${notBefore.toISOString()}`);
  });
});

describe('a format named for a file of another (issue 17)', () => {
  it('tap named for a JUnit XML file says the file is not TAP', async () => {
    const file = temp.write('junit.xml', '<testsuite><testcase name="a"/></testsuite>');
    const collector = new ResultCollector();
    await expect(parseTestReport(file, 'tap', collector.beginFile(file))).rejects.toThrow(
      `${file}: is not tap: its content is junit.`,
    );
  });

  it('a named format is still read when detection cannot tell', async () => {
    const file = join(temp.dir, 'plain.tap');
    writeFileSync(file, '# a comment first\nok 1 - works\n1..1\n');
    const collector = new ResultCollector();
    expect(await parseTestReport(file, 'tap', collector.beginFile(file))).toBe('tap');
    expect(collector.totals).toMatchObject({ total: 1, passed: 1 });
  });
});
