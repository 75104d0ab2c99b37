import { UserError } from '../runtime/errors.js';
import type { GitHubApi, Repo } from './github-api.js';
import type { DeploymentEntry } from './deployment-history.js';
import { nameList } from './name-list.js';

/**
 * Any token with `deployments: write` can post a deployment with Slipway's payload and a `success`
 * status. Slipway believes only records made by a trusted creator (by default the identity running
 * the workflow) whose payload names an existing workflow run of this repository.
 */
export interface Trust {
  /** Logins whose records are believed. */
  creators: string[];
}

/** GraphQL names a bot `github-actions`, REST `github-actions[bot]`: compare without the suffix. */
const loginKey = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '');

const trustedLogin = (login: string, trust: Trust) =>
  loginKey(login) !== '' && trust.creators.some((creator) => loginKey(creator) === loginKey(login));

export function isTrusted(entry: DeploymentEntry, trust: Trust): boolean {
  return trustedLogin(entry.creator, trust);
}

/**
 * The entries a trusted creator made, and the Slipway-looking ones ignored (for messages). Slipway
 * retires its records itself (`auto_inactive: false`), so an `inactive` status someone else posted
 * (GitHub marks the live record inactive when a forged one reports success) leaves the record live.
 */
export function splitTrusted(
  entries: DeploymentEntry[],
  trust: Trust,
): { trusted: DeploymentEntry[]; ignored: DeploymentEntry[] } {
  const trusted = entries
    .filter((e) => isTrusted(e, trust))
    .map((e): DeploymentEntry =>
      e.state === 'inactive' && !trustedLogin(e.stateBy, trust) ? { ...e, state: 'success' } : e,
    );
  return { trusted, ignored: entries.filter((e) => e.payload && !isTrusted(e, trust)) };
}

/** What to tell a user whose records were ignored: who made them and how to trust them. */
export function describeIgnored(ignored: DeploymentEntry[], trust: Trust): string {
  if (ignored.length === 0) return '';
  const by = nameList([...new Set(ignored.map((e) => e.creator || 'an unknown creator'))]);
  const fix = "list their creator in 'trusted-creators' to believe them";
  return ` (ignored ${ignored.length} deployment record(s) made by ${by}, not by ${nameList(trust.creators)}; ${fix})`;
}

const RUN_URL = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)(?:\/attempts\/\d+)?\/?$/;

/** The run id a payload's `run_url` names, when it is a run of `repo`. */
export function runIdIn(runUrl: string | undefined, repo: Repo): number | undefined {
  const match = RUN_URL.exec(runUrl ?? '');
  if (
    !match ||
    match[1]?.toLowerCase() !== repo.owner.toLowerCase() ||
    match[2]?.toLowerCase() !== repo.name.toLowerCase()
  )
    return undefined;
  return Number(match[3]);
}

/**
 * Confirms, just before a record is believed, that its payload names a workflow run of this
 * repository that exists: one request. Throws a UserError naming the record otherwise.
 */
export async function confirmRecord(gh: GitHubApi, repo: Repo, entry: DeploymentEntry): Promise<void> {
  const runId = runIdIn(entry.payload?.run_url, repo);
  const refuse = (why: string) =>
    new UserError(
      `Deployment ${entry.id} in '${entry.environment}' ${why}, so it was not made by Slipway in this repository and is not trusted.`,
    );
  if (runId === undefined)
    throw refuse(
      `names no workflow run of ${repo.owner}/${repo.name} (run_url ${JSON.stringify(entry.payload?.run_url ?? null)})`,
    );
  if (!(await gh.runs.exists(repo, runId)))
    throw refuse(`names workflow run ${runId}, which does not exist in ${repo.owner}/${repo.name}`);
}
