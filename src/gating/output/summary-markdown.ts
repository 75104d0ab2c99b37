import { fitSummary, markdownTable } from '../../runtime/summary.js';
import { capText, firstLine } from '../io/capped-text.js';
import type { ListedTest } from '../collector.js';
import type { GateResult } from '../gate.js';
import type { WaitResult } from '../required-checks.js';
import { percent } from '../rules.js';
import { repoPath } from './source-location.js';
import { formatCount } from '../../runtime/count.js';

export interface SummaryContext {
  workspace?: string;
  checks?: WaitResult;
  /** Failing tests with a location that were not annotated because of GitHub's per-step display limit. */
  annotationsCut?: number;
  checkRunUrl?: string;
  /** Why the check run could not be made (a fork's read-only token): the summary then carries everything. */
  checkRunRefused?: string;
  limitBytes?: number;
}

const count = formatCount;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;

function location(test: ListedTest, workspace: string | undefined): string {
  if (!test.file) return '';
  return `${repoPath(test.file, workspace)}${test.line ? `:${test.line}` : ''}`;
}

/** Each failure names the report, and so the job, it came from: a matrix leg's failure is its own. */
function testTable(title: string, tests: readonly ListedTest[], total: number, workspace: string | undefined): string {
  if (total === 0) return '';
  const shown = tests.length < total ? ` (first ${count(tests.length)} of ${count(total)})` : '';
  const rows = tests.map((test) => [
    test.id,
    capText(firstLine(test.message ?? test.details), 300) ?? '',
    location(test, workspace),
    repoPath(test.reportFile, workspace),
  ]);
  return `### ${title}${shown}\n\n${markdownTable(['Test', 'Message', 'Location', 'Report'], rows)}\n`;
}

/** The job summary: verdict and reason first, totals, then failures, flaky, quarantined, suites. */
export function gateSummary(result: GateResult, context: SummaryContext = {}): string {
  const { verdict, totals, collector, coverage } = result;
  const parts = [
    `## ${verdict.passed ? '✅ Gate passed' : '❌ Gate failed'}\n\n${verdict.reason}\n`,
    markdownTable(
      [
        'Total',
        'Passed',
        'Failed',
        'Errored',
        'Skipped',
        'Flaky',
        'Quarantined',
        'Pass rate',
        ...(coverage ? ['Line coverage'] : []),
      ],
      [
        [
          count(totals.total),
          count(totals.passed),
          count(totals.failed),
          count(totals.errored),
          count(totals.skipped),
          count(totals.flaky),
          count(totals.quarantined),
          verdict.executed === 0 ? '—' : percent(verdict.passRate),
          ...(coverage ? [percent(verdict.coverage ?? 0)] : []),
        ],
      ],
    ) + '\n',
  ];
  if (context.checks) {
    const rows = context.checks.checks.map((check) => [check.name, check.state, check.detail]);
    parts.push(
      `### Required checks\n\n${context.checks.reason}\n\n${rows.length ? `${markdownTable(['Check', 'State', 'Detail'], rows)}\n` : ''}`,
    );
  }
  if (context.checkRunUrl) parts.push(`Check run with annotations: ${context.checkRunUrl}\n`);
  if (context.checkRunRefused) {
    parts.push(
      `> **Note:** No check run was created: ${context.checkRunRefused}. This summary and the step's annotations report the same verdict.\n`,
    );
  }
  if (context.annotationsCut) {
    const advice = context.checkRunRefused ? '' : ' Set `check-run` to publish every annotation.';
    parts.push(
      `> **Note:** GitHub shows only 10 annotations per step, so ${count(context.annotationsCut)} more failing test${context.annotationsCut === 1 ? ' was' : 's were'} not annotated; they are listed below.${advice}\n`,
    );
  }
  parts.push(
    testTable('Failures', collector.failures, totals.failed + totals.errored, context.workspace),
    testTable('Flaky tests', collector.flaky, totals.flaky, context.workspace),
    testTable('Quarantined tests', collector.quarantined, totals.quarantined, context.workspace),
    testTable(
      'Already failing on the baseline (allowed)',
      collector.preexisting,
      totals.preexisting,
      context.workspace,
    ),
  );
  const suites = collector.suiteTotals();
  if (suites.length > 0) {
    const rows = suites.map((suite) => [
      suite.name,
      count(suite.total),
      count(suite.passed),
      count(suite.failed),
      count(suite.skipped),
      seconds(suite.durationMs),
    ]);
    parts.push(`### Suites\n\n${markdownTable(['Suite', 'Tests', 'Passed', 'Failed', 'Skipped', 'Time'], rows)}\n`);
  }
  const files = collector.files.map((file) => [
    repoPath(file.file, context.workspace),
    file.format ?? '',
    count(file.tests),
  ]);
  const coverageRows = coverage?.files.map((file) => [repoPath(file.file, context.workspace), file.format, '']) ?? [];
  parts.push(`### Reports\n\n${markdownTable(['File', 'Format', 'Tests'], [...files, ...coverageRows])}\n`);
  return fitSummary(parts.filter(Boolean).join('\n'), context.limitBytes);
}
