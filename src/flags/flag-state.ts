import { UserError } from '../runtime/errors.js';
import { type DeploymentEntry, readHistoryAndViewer } from '../promotion/deployment-history.js';
import type { GitHubApi, Repo } from '../promotion/github-api.js';
import type { Trust } from '../promotion/trust.js';
import type { FlagSet } from './flag-set.js';
import { type FlagsPayload, recordedFlags } from './flag-record.js';
import { carryChoices } from './set-flag.js';

/** An environment's flags now, and where that came from. */
export interface FlagState {
  set: FlagSet;
  /** The `task: flags` record it was read from, if any. */
  recorded?: { deploymentId: number; payload: FlagsPayload };
}

/**
 * The flags an environment serves: the repository's flags for it (`fromRepository`, when a flags file
 * is at hand) with the variants its newest recorded flag change chose, so a flag pulled in production
 * stays pulled until someone turns it back on; the record alone without a file; the file alone before
 * the first change. `trustedCreators` as for releases (empty: the identity the token belongs to).
 */
export async function flagState(
  gh: GitHubApi,
  repo: Repo,
  environment: string,
  fromRepository: FlagSet | undefined,
  trustedCreators: string[] = [],
): Promise<FlagState> {
  const { others, viewer } = await readHistoryAndViewer(gh, repo, [environment]);
  const trust: Trust = { creators: trustedCreators.length ? trustedCreators : [viewer] };
  return stateFrom(others.get(environment) ?? [], trust, environment, fromRepository);
}

/** `flagState` from records already read (an environment's non-release entries, newest first). */
export function stateFrom(
  others: DeploymentEntry[],
  trust: Trust,
  environment: string,
  fromRepository: FlagSet | undefined,
): FlagState {
  const found = recordedFlags(others, trust);
  const recorded = found && { deploymentId: found.entry.id, payload: found.payload };
  if (fromRepository)
    return { set: found ? carryChoices(fromRepository, found.payload.flags) : fromRepository, recorded };
  if (found) return { set: found.payload.flags, recorded };
  throw new UserError(
    `'${environment}' has no recorded flag change and no flags file was given; give the repository's flags file.`,
  );
}
