import { ROLLED_BACK } from '../deployment-history.js';
import { type Band, failureRateBand, frequencyBand, leadTimeBand, recoveryBand } from './bands.js';
import type { DeploymentRecord } from './record.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface MetricsOptions {
  /** The window's end (now), epoch ms. */
  now: number;
  windowMs: number;
  /** A successful deployment replaced by the next one within this time was fixed forward: a failed change. */
  fixForwardMs: number;
  /** Author times (epoch ms) of the commits each successful deployment delivered, by deployment id; absent when not known. */
  changeTimes?: ReadonlyMap<number, readonly number[]>;
}

export type FailureReason = 'failed' | 'rolled back' | 'fixed forward';

export interface FailedDeployment {
  id: number;
  version: string | null;
  reason: FailureReason;
  /** When the failure began (the failed status, or the bad release going live) and when service was restored; null while not restored. */
  failedAt: string;
  restoredAt: string | null;
}

export interface WeekTrend {
  /** The week's first day, YYYY-MM-DD. */
  start: string;
  deployments: number;
  failures: number;
}

export interface EnvironmentMetrics {
  environment: string;
  deploymentFrequency: { deployments: number; perDay: number; perWeek: number; band: Band; formula: string };
  leadTime: {
    medianMs: number | null;
    changes: number;
    deploymentsWithoutCommitTimes: number;
    band: Band | null;
    formula: string;
  };
  changeFailureRate: {
    rate: number | null;
    failed: number;
    deployments: number;
    band: Band | null;
    formula: string;
    failures: FailedDeployment[];
  };
  recoveryTime: { medianMs: number | null; recovered: number; unrecovered: number; band: Band | null; formula: string };
  weeks: WeekTrend[];
}

export interface DeliveryMetrics {
  window: { start: string; end: string; days: number };
  fixForwardMs: number;
  environments: EnvironmentMetrics[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function firstAt(record: DeploymentRecord, states: readonly string[]): number | undefined {
  return record.statuses.find((s) => states.includes(s.state))?.at;
}

const successAt = (record: DeploymentRecord) => firstAt(record, ['success']);
const failedAt = (record: DeploymentRecord) => firstAt(record, ['failure', 'error']);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Deploy and rollback records of one environment, oldest first. */
function timeline(records: readonly DeploymentRecord[], environment: string): DeploymentRecord[] {
  return records
    .filter((r) => r.environment === environment && r.task.startsWith('deploy'))
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}

/** For each successful `deploy`: the commit range it delivered (from the commit the environment ran before it). */
export function deliveredRanges(
  records: readonly DeploymentRecord[],
  environment: string,
): { id: number; from: string | null; to: string }[] {
  let previous: string | null = null;
  const ranges: { id: number; from: string | null; to: string }[] = [];
  for (const record of timeline(records, environment)) {
    if (successAt(record) === undefined) continue;
    // A rollback's commit is what runs afterwards, so the next deploy's changes are counted from it.
    if (record.task === 'deploy') ranges.push({ id: record.id, from: previous, to: record.sha });
    previous = record.sha;
  }
  return ranges;
}

/** Why a finished deployment counts as a failed change, when it does. */
function failure(
  record: DeploymentRecord,
  later: DeploymentRecord[],
  previousDigest: string | undefined,
  fixForwardMs: number,
): { reason: FailureReason; at: number; restoredAt?: number } | undefined {
  const live = successAt(record);
  const failed = record.statuses.find((s) => s.state === 'failure' || s.state === 'error');
  const rollback = later.find((r) => r.payload?.rolled_back?.deployment_id === record.id && successAt(r) !== undefined);
  if (rollback) return { reason: 'rolled back', at: live ?? record.createdAt, restoredAt: successAt(rollback) };
  if (failed) {
    // A release Slipway rolled back in place (promote's automatic rollback) took traffic at some point after it was
    // created and was restored the moment it was marked: the time since creation bounds the recovery.
    const inPlace = failed.description.startsWith(ROLLED_BACK);
    if (inPlace) return { reason: 'rolled back', at: live ?? record.createdAt, restoredAt: failed.at };
    return { reason: 'failed', at: live ?? failed.at };
  }
  if (live === undefined) return undefined;
  const next = later.find((r) => successAt(r) !== undefined);
  if (!next) return undefined;
  // Re-deploying the release this one replaced is a rollback by hand.
  if (previousDigest && next.payload?.digest === previousDigest)
    return { reason: 'rolled back', at: live, restoredAt: successAt(next) };
  if (next.task === 'deploy' && successAt(next)! - live <= fixForwardMs)
    return { reason: 'fixed forward', at: live, restoredAt: successAt(next) };
  return undefined;
}

function environmentMetrics(
  records: readonly DeploymentRecord[],
  environment: string,
  options: MetricsOptions,
  start: number,
): EnvironmentMetrics {
  const all = timeline(records, environment);
  const days = options.windowMs / DAY;
  const inWindow = (ms: number) => ms >= start && ms <= options.now;
  const deploys: DeploymentRecord[] = [];
  const failures: FailedDeployment[] = [];
  const recoveries: number[] = [];
  const weeks: WeekTrend[] = Array.from({ length: Math.ceil(options.windowMs / WEEK) }, (_, i) => ({
    start: iso(start + i * WEEK).slice(0, 10),
    deployments: 0,
    failures: 0,
  }));
  let previousDigest: string | undefined;
  all.forEach((record, index) => {
    const finished = successAt(record) ?? failedAt(record);
    if (record.task === 'deploy' && finished !== undefined && inWindow(record.createdAt)) {
      deploys.push(record);
      const week = weeks[Math.min(weeks.length - 1, Math.floor((record.createdAt - start) / WEEK))]!;
      if (successAt(record) !== undefined) week.deployments += 1;
      const failed = failure(record, all.slice(index + 1), previousDigest, options.fixForwardMs);
      if (failed) {
        week.failures += 1;
        const restoredAt =
          failed.restoredAt ??
          all
            .slice(index + 1)
            .map(successAt)
            .find((at): at is number => at !== undefined && at > failed.at);
        failures.push({
          id: record.id,
          version: record.payload?.version ?? null,
          reason: failed.reason,
          failedAt: iso(failed.at),
          restoredAt: restoredAt === undefined ? null : iso(restoredAt),
        });
        if (restoredAt !== undefined) recoveries.push(restoredAt - failed.at);
      }
    }
    const rolledBack = record.statuses.some((s) => s.description.startsWith(ROLLED_BACK));
    if (successAt(record) !== undefined && record.payload && !rolledBack) previousDigest = record.payload.digest;
  });
  const successes = deploys.filter((r) => successAt(r) !== undefined);
  const leadTimes: number[] = [];
  let withoutTimes = 0;
  for (const record of successes) {
    const times = options.changeTimes?.get(record.id);
    if (!times) withoutTimes += 1;
    else leadTimes.push(...times.map((t) => successAt(record)! - t));
  }
  const perDay = successes.length / days;
  const leadMedian = median(leadTimes);
  const rate = deploys.length > 0 ? failures.length / deploys.length : null;
  const recoveryMedian = median(recoveries);
  return {
    environment,
    deploymentFrequency: {
      deployments: successes.length,
      perDay,
      perWeek: perDay * 7,
      band: frequencyBand(perDay),
      formula: `successful deployments ÷ ${days} days`,
    },
    leadTime: {
      medianMs: leadMedian,
      changes: leadTimes.length,
      deploymentsWithoutCommitTimes: withoutTimes,
      band: leadMedian === null ? null : leadTimeBand(leadMedian),
      formula:
        'median over changes of (deployment success − commit author time), each change being a commit the deployment delivered',
    },
    changeFailureRate: {
      rate,
      failed: failures.length,
      deployments: deploys.length,
      band: rate === null ? null : failureRateBand(rate),
      formula: `deployments that failed, were rolled back or were fixed forward within ${options.fixForwardMs / 60_000} min ÷ finished deployments`,
      failures,
    },
    recoveryTime: {
      medianMs: recoveryMedian,
      recovered: recoveries.length,
      unrecovered: failures.length - recoveries.length,
      band: recoveryMedian === null ? null : recoveryBand(recoveryMedian),
      formula: 'median over failed deployments of (next success in the environment − start of the failure)',
    },
    weeks,
  };
}

/** The four DORA keys of each environment over the window ending `now`, from its deployment records. */
export function deliveryMetrics(
  records: readonly DeploymentRecord[],
  environments: readonly string[],
  options: MetricsOptions,
): DeliveryMetrics {
  const start = options.now - options.windowMs;
  return {
    window: { start: iso(start), end: iso(options.now), days: options.windowMs / DAY },
    fixForwardMs: options.fixForwardMs,
    environments: environments.map((environment) => environmentMetrics(records, environment, options, start)),
  };
}

/** Environments with a deploy in the records, most deployed first: the default when none is named. */
export function deployedEnvironments(records: readonly DeploymentRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const r of records)
    if (r.task === 'deploy' && r.environment) counts.set(r.environment, (counts.get(r.environment) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}
