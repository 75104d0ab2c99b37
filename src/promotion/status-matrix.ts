import { markdownTable } from '../runtime/summary.js';
import { currentDeployment, type DeploymentEntry, type History, shortDigest, succeeded } from './deployment-history.js';

/** One environment's row: what runs there, and how far it is behind the environment before it. */
export interface MatrixRow {
  environment: string;
  version: string | null;
  digest: string | null;
  commit: string | null;
  slot: string | null;
  deployedAt: string | null;
  deployedBy: string | null;
  deploymentId: number | null;
  /** The latest status of the newest deployment (e.g. `in_progress` while a promotion runs). */
  status: string;
  url: string | null;
  upstream: string | null;
  /** Releases that succeeded upstream after the one running here; null for the first environment. */
  behind: number | null;
}

/** Distinct digests that succeeded in `entries` after the release `digest` (newest first). */
function releasesAfter(entries: DeploymentEntry[], digest: string | undefined): number {
  const newer = new Set<string>();
  for (const entry of entries) {
    if (entry.payload?.digest === digest) break;
    if (succeeded(entry) && entry.payload && entry.task === 'deploy') newer.add(entry.payload.digest);
  }
  return newer.size;
}

/** The environment × version matrix, in the order given (each environment's upstream is the one before it). */
export function statusMatrix(environments: string[], history: History): MatrixRow[] {
  return environments.map((environment, index) => {
    const entries = history.get(environment) ?? [];
    const live = currentDeployment(entries);
    const upstream = index > 0 ? (environments[index - 1] as string) : null;
    const upstreamEntries = upstream ? (history.get(upstream) ?? []) : [];
    return {
      environment,
      version: live?.payload?.version ?? null,
      digest: live?.payload?.digest ?? null,
      commit: live?.sha ?? null,
      slot: live?.payload?.slot ?? null,
      deployedAt: live ? new Date(live.createdAt).toISOString() : null,
      deployedBy: live?.creator ?? null,
      deploymentId: live?.id ?? null,
      status: entries[0]?.state ?? 'none',
      url: live?.environmentUrl ?? null,
      upstream,
      behind: upstream ? releasesAfter(upstreamEntries, live?.payload?.digest) : null,
    };
  });
}

/** The environments, of those given, with no deployment at all (by Slipway or anything else). */
export function neverDeployed(environments: string[], history: History): string[] {
  return environments.filter((environment) => (history.get(environment) ?? []).length === 0);
}

/** The `status` column for people: `none` (no deployment at all) reads as "never deployed". */
const statusText = (row: MatrixRow) => (row.status === 'none' ? 'never deployed' : row.status);

export function matrixMarkdown(rows: MatrixRow[]): string {
  const behind = (row: MatrixRow) =>
    row.behind === null
      ? '—'
      : row.behind === 0
        ? `up to date with ${row.upstream}`
        : `${row.behind} behind ${row.upstream}`;
  return markdownTable(
    ['Environment', 'Version', 'Digest', 'Commit', 'Slot', 'Deployed at', 'By', 'Status', 'URL', 'Behind'],
    rows.map((r) => [
      r.environment,
      r.version ?? '—',
      r.digest ? shortDigest(r.digest) : '—',
      r.commit?.slice(0, 7) ?? '—',
      r.slot ?? '—',
      r.deployedAt ?? '—',
      r.deployedBy ?? '—',
      statusText(r),
      r.url ?? '—',
      behind(r),
    ]),
  );
}

/** Plain text for the terminal: one aligned line per environment. */
export function matrixText(rows: MatrixRow[]): string {
  const table = [['ENVIRONMENT', 'VERSION', 'DIGEST', 'COMMIT', 'SLOT', 'DEPLOYED', 'BY', 'STATUS', 'BEHIND']].concat(
    rows.map((r) => [
      r.environment,
      r.version ?? '-',
      r.digest ? shortDigest(r.digest) : '-',
      r.commit?.slice(0, 7) ?? '-',
      r.slot ?? '-',
      r.deployedAt ?? '-',
      r.deployedBy ?? '-',
      r.status,
      r.behind === null ? '-' : String(r.behind),
    ]),
  );
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
