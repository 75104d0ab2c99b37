import { formatDuration } from '../../runtime/duration.js';
import { BANDS_SOURCE } from './bands.js';
import type { DeliveryMetrics, EnvironmentMetrics } from './dora.js';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
const band = (value: string | null) => value ?? 'n/a';

function cells(m: EnvironmentMetrics): string[] {
  return [
    m.environment,
    `${m.deploymentFrequency.perWeek.toFixed(1)}/week (${band(m.deploymentFrequency.band)})`,
    `${duration(m.leadTime.medianMs)} (${band(m.leadTime.band)})`,
    `${percent(m.changeFailureRate.rate)} ${m.changeFailureRate.failed}/${m.changeFailureRate.deployments} (${band(m.changeFailureRate.band)})`,
    `${duration(m.recoveryTime.medianMs)} (${band(m.recoveryTime.band)})`,
  ];
}

const HEADINGS = ['ENVIRONMENT', 'DEPLOYS', 'LEAD TIME', 'CHANGE FAILURE', 'RECOVERY'];

/** The CLI's compact table: one row per environment, each figure with its DORA level, then the window and formulas. */
export function metricsText(metrics: DeliveryMetrics): string {
  const rows = [HEADINGS, ...metrics.environments.map(cells)];
  const widths = HEADINGS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  return [...lines, '', ...notes(metrics)].join('\n');
}

function notes(metrics: DeliveryMetrics): string[] {
  const first = metrics.environments[0];
  const formulas = first
    ? [
        `Deploys: ${first.deploymentFrequency.formula}.`,
        `Lead time: ${first.leadTime.formula}.`,
        `Change failure: ${first.changeFailureRate.formula}.`,
        `Recovery: ${first.recoveryTime.formula}.`,
      ]
    : [];
  const missing = metrics.environments
    .filter((m) => m.leadTime.deploymentsWithoutCommitTimes > 0)
    .map((m) => `${m.environment} (${m.leadTime.deploymentsWithoutCommitTimes})`);
  return [
    `Window: ${metrics.window.days} days, ${metrics.window.start.slice(0, 10)} to ${metrics.window.end.slice(0, 10)}. Levels: ${BANDS_SOURCE}.`,
    ...formulas,
    ...(missing.length > 0
      ? [`Lead time leaves out deployments whose commits this checkout does not have: ${missing.join(', ')}.`]
      : []),
  ];
}

/** A Mermaid xychart of successful deployments (bars) and failed changes (line) per week; GitHub renders it in Markdown. */
export function weeklyChart(m: EnvironmentMetrics): string {
  const labels = m.weeks.map((w) => JSON.stringify(w.start.slice(5)));
  const top = Math.max(1, ...m.weeks.map((w) => Math.max(w.deployments, w.failures)));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${m.environment}: deployments per week"`,
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "deployments" 0 --> ${top}`,
    `  bar [${m.weeks.map((w) => w.deployments).join(', ')}]`,
    `  line [${m.weeks.map((w) => w.failures).join(', ')}]`,
    '```',
  ].join('\n');
}

/** The job-summary section: the table in Markdown, one weekly chart per environment, the window and formulas. */
export function metricsMarkdown(metrics: DeliveryMetrics): string {
  const table = [
    `| ${HEADINGS.map((h) => h.toLowerCase()).join(' | ')} |`,
    `|${HEADINGS.map(() => ' --- ').join('|')}|`,
    ...metrics.environments.map((m) => `| ${cells(m).join(' | ')} |`),
  ];
  const charts = metrics.environments
    .filter((m) => m.deploymentFrequency.deployments > 0 || m.changeFailureRate.failed > 0)
    .map(weeklyChart);
  return [
    `### 📈 Delivery metrics, last ${metrics.window.days} days`,
    '',
    ...table,
    '',
    ...charts.flatMap((chart) => [chart, '']),
    'Bars: successful deployments; line: failed changes.',
    '',
    ...notes(metrics).map((line) => `- ${line}`),
  ].join('\n');
}
