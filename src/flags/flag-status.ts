import type { History } from '../promotion/deployment-history.js';
import { markdownTable } from '../runtime/summary.js';
import type { Trust } from '../promotion/trust.js';
import { recordedFlags } from './flag-record.js';
import { diffFlags, type FlagChange, servedVariants } from './set-flag.js';

/** One environment's recorded flags, and how they differ from the environment before it. */
export interface FlagStatusRow {
  environment: string;
  /** Each flag's served variant, from the newest recorded change; null when none was recorded. */
  flags: Record<string, string> | null;
  deploymentId: number | null;
  changedAt: string | null;
  changedBy: string | null;
  reason: string | null;
  upstream: string | null;
  /** The flags served differently upstream ({flag, from: upstream's, to: this one's}); null without both records. */
  differs: FlagChange[] | null;
}

/** The flags rows of `status`, from the non-release records already read with the history (no extra request). */
export function flagStatus(environments: string[], others: History, trust: Trust): FlagStatusRow[] {
  const found = environments.map((environment) => recordedFlags(others.get(environment) ?? [], trust));
  return environments.map((environment, index) => {
    const mine = found[index];
    const upstream = index > 0 ? (found[index - 1] ?? undefined) : undefined;
    return {
      environment,
      flags: mine ? servedVariants(mine.payload.flags) : null,
      deploymentId: mine?.entry.id ?? null,
      changedAt: mine ? new Date(mine.entry.createdAt).toISOString() : null,
      changedBy: mine ? mine.payload.actor || mine.entry.creator : null,
      reason: mine?.payload.reason || null,
      upstream: index > 0 ? (environments[index - 1] as string) : null,
      differs: mine && upstream ? diffFlags(upstream.payload.flags, mine.payload.flags) : null,
    };
  });
}

/** The summary's flags table: what each environment serves, and what differs from upstream. */
export function flagStatusMarkdown(rows: FlagStatusRow[]): string {
  const list = (flags: Record<string, string>) =>
    Object.entries(flags)
      .map(([flag, variant]) => `${flag}: ${variant}`)
      .join(', ');
  return markdownTable(
    ['Environment', 'Flags', 'Differs from upstream', 'Last change'],
    rows.map((row) => [
      row.environment,
      row.flags ? list(row.flags) || '(none)' : '—',
      row.differs === null
        ? '—'
        : row.differs.length === 0
          ? `same as ${row.upstream}`
          : row.differs
              .map((d) => `${d.flag}: ${d.to ?? 'absent'} (${row.upstream}: ${d.from ?? 'absent'})`)
              .join(', '),
      row.changedAt ? `${row.changedAt} by ${row.changedBy}${row.reason ? `: ${row.reason}` : ''}` : '—',
    ]),
  );
}
