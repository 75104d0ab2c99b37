import { clipText } from '../runtime/clip.js';
import { createOnce } from '../runtime/create-once.js';
import { UserError } from '../runtime/errors.js';
import type { DeploymentEntry } from '../promotion/deployment-history.js';
import { DESCRIPTION_LIMIT } from '../promotion/deployment-record.js';
import type { GitHubApi, Repo } from '../promotion/github-api.js';
import { splitTrusted, type Trust } from '../promotion/trust.js';
import type { FlagSet } from './flag-set.js';
import type { FlagChange } from './set-flag.js';

/** The deployment task of a flag change: in the environment's history, never taken for a release. */
export const FLAGS_TASK = 'flags';

/** What a `task: flags` deployment records: the environment's whole flag state after the change, and the change. */
export interface FlagsPayload {
  slipway_flags: 1;
  flags: FlagSet;
  changed: FlagChange[];
  reason: string;
  /** Who asked for the change (the workflow's actor, the ChatOps sender, or the CLI user). */
  actor: string;
  run_url: string;
  /** Where the flags were written (`dir:…`, `ssh://…`, or `flags-command`). */
  target: string;
}

export function parseFlagsPayload(raw: unknown): FlagsPayload | undefined {
  let value = raw;
  try {
    for (let depth = 0; typeof value === 'string' && depth < 2; depth += 1) value = JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
  const candidate = value as Partial<FlagsPayload> | null;
  return typeof candidate === 'object' &&
    candidate !== null &&
    candidate.slipway_flags === 1 &&
    typeof candidate.flags === 'object' &&
    candidate.flags !== null &&
    typeof candidate.flags.flags === 'object'
    ? (candidate as FlagsPayload)
    : undefined;
}

/** The newest flag change a trusted creator recorded that succeeded, from an environment's non-release records. */
export function recordedFlags(
  others: DeploymentEntry[],
  trust: Trust,
): { entry: DeploymentEntry; payload: FlagsPayload } | undefined {
  for (const entry of splitTrusted(others, trust).trusted) {
    if (entry.task !== FLAGS_TASK || (entry.state !== 'success' && entry.state !== 'inactive')) continue;
    const payload = parseFlagsPayload(entry.raw);
    if (payload) return { entry, payload };
  }
  return undefined;
}

export interface NewFlagsRecord {
  sha: string;
  environment: string;
  production: boolean;
  payload: FlagsPayload;
}

/** `checkout-v2 on → off: incident 4411` */
export function describeChanges(changed: FlagChange[], reason: string): string {
  const what = changed.length
    ? changed.map((c) => `${c.flag} ${c.from ?? 'none'} → ${c.to ?? 'none'}`).join(', ')
    : 'flags rewritten';
  return `${what}${reason ? `: ${reason}` : ''}`;
}

/**
 * Creates the `task: flags` deployment, exactly once: after a failure GitHub may have applied, one of
 * this environment, commit and task whose payload names this run and this change is taken as it.
 */
export async function createFlagsRecord(gh: GitHubApi, repo: Repo, record: NewFlagsRecord): Promise<number> {
  const sameChange = (raw: unknown) => {
    const payload = parseFlagsPayload(raw);
    return (
      payload?.run_url === record.payload.run_url &&
      JSON.stringify(payload.flags) === JSON.stringify(record.payload.flags)
    );
  };
  return createOnce({
    create: async () => {
      const created = await gh.deployments.create(repo, {
        ref: record.sha,
        environment: record.environment,
        task: FLAGS_TASK,
        requiredContexts: [],
        production: record.production,
        transient: false,
        payload: { ...record.payload },
        description: clipText(
          `Slipway flags: ${describeChanges(record.payload.changed, record.payload.reason)}`.replace(/\s+/g, ' '),
          DESCRIPTION_LIMIT,
        ),
      });
      if ('refused' in created)
        throw new UserError(`GitHub did not record the flag change in '${record.environment}': ${created.refused}.`);
      return created.id;
    },
    find: async () => {
      const listed = await gh.deployments.list(repo, {
        environment: record.environment,
        sha: record.sha,
        task: FLAGS_TASK,
      });
      return listed.find((d) => sameChange(d.payload))?.id;
    },
    backoffMs: gh.writeBackoffMs,
  });
}
