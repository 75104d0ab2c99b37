import { describe, expect, it } from 'vitest';
import { stepAnnotations, testAnnotations } from '../../../src/gating/output/annotations.js';
import { gateReports } from '../../../src/gating/gate.js';
import { gateSummary } from '../../../src/gating/output/summary-markdown.js';
import { SUMMARY_LIMIT_BYTES } from '../../../src/runtime/summary.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('gate-summary');
const rules = { maxFailures: 0, minPassRate: 100, minTests: 1 };

const report = (failures: number, passes: number, messageLength = 40) =>
  `<testsuites><testsuite name="web">${Array.from({ length: failures }, (_, i) => `<testcase classname="web.Page" name="renders ${i}" file="/work/app/src/page${i}.ts" line="${i + 1}"><failure message="${'x'.repeat(messageLength)} ${i}"/></testcase>`).join('')}${Array.from({ length: passes }, (_, i) => `<testcase classname="web.Page" name="ok ${i}" time="0.5"/>`).join('')}</testsuite><testsuite name="api"><testcase classname="api.Client" name="gets"/><testcase classname="api.Client" name="later"><skipped/></testcase></testsuite></testsuites>`;

describe('job summary', () => {
  it('puts the verdict and reason first, then totals, failures with id / message / file:line, suites and reports', async () => {
    const file = temp.write('summary.xml', report(2, 3));
    const result = await gateReports({ files: [file], rules, quarantine: [] });
    const markdown = gateSummary(result, { workspace: '/work/app' });
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('## ❌ Gate failed');
    expect(lines[2]).toBe(result.verdict.reason);
    expect(markdown).toContain(
      '| Total | Passed | Failed | Errored | Skipped | Flaky | Quarantined | Pass rate |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n| 7 | 4 | 2 | 0 | 1 | 0 | 0 | 66.66% |',
    );
    expect(markdown).toContain(`| web.Page.renders 1 | ${'x'.repeat(40)} 1 | src/page1.ts:2 |`);
    expect(markdown).toContain(
      '### Suites\n\n| Suite | Tests | Passed | Failed | Skipped | Time |\n| --- | --- | --- | --- | --- | --- |\n| web | 5 | 3 | 2 | 0 | 1.50s |\n| api | 2 | 1 | 0 | 1 | 0.00s |',
    );
    expect(markdown.indexOf('### Failures')).toBeGreaterThan(markdown.indexOf('| Total |'));
  });

  it('keeps only the first failures for display while counting all, and says so', async () => {
    const file = temp.write('many.xml', report(250, 0));
    const result = await gateReports({ files: [file], rules, maxListed: 100 });
    expect(result.totals.failed).toBe(250);
    expect(result.collector.failures).toHaveLength(100);
    expect(gateSummary(result)).toContain('### Failures (first 100 of 250)');
  });

  it('is never over 1 MiB: a huge summary is cut with a visible note', async () => {
    const file = temp.write('huge.xml', report(3_000, 0, 900));
    const result = await gateReports({ files: [file], rules, maxListed: 3_000 });
    const markdown = gateSummary(result);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(markdown.startsWith('## ❌ Gate failed')).toBe(true);
    expect(markdown).toMatch(/> \*\*Summary truncated:\*\* [\d,]+ of [\d,]+ bytes shown/);
  });

  it('says when GitHub would not show every annotation as workflow commands (10 per step)', async () => {
    const file = temp.write('annotated.xml', report(14, 0));
    const result = await gateReports({ files: [file], rules });
    const annotations = testAnnotations(result.collector.failures, result.collector.flaky, {
      workspace: '/work/app',
      max: 50,
    });
    expect(annotations).toHaveLength(14);
    expect(annotations[3]).toMatchObject({
      level: 'failure',
      file: 'src/page3.ts',
      line: 4,
      title: 'web.Page.renders 3',
    });
    const { shown, cut } = stepAnnotations(annotations);
    expect(shown).toHaveLength(10);
    expect(cut).toBe(4);
    expect(gateSummary(result, { annotationsCut: cut })).toContain(
      'GitHub shows only 10 annotations per step, so 4 more failing tests were not annotated',
    );
    expect(gateSummary(result, { annotationsCut: 0 })).not.toContain('GitHub shows only 10');
  });

  it('max-annotations caps annotations; tests without a file get none', async () => {
    const file = temp.write(
      'nofile.xml',
      '<testsuite name="s"><testcase classname="c" name="a"><failure message="no location"/></testcase></testsuite>',
    );
    const result = await gateReports({ files: [file], rules });
    expect(testAnnotations(result.collector.failures, [], { max: 50 })).toEqual([]);
    const many = await gateReports({ files: [temp.write('cap.xml', report(30, 0))], rules });
    expect(testAnnotations(many.collector.failures, [], { max: 12 })).toHaveLength(12);
  });
});
