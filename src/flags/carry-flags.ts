import type { DeploymentEntry } from '../promotion/deployment-history.js';
import type { GitHubApi, Repo } from '../promotion/github-api.js';
import type { ReleaseTarget } from '../promotion/release-target.js';
import type { Trust } from '../promotion/trust.js';
import { applyFlags } from './apply-flags.js';
import type { FlagSet } from './flag-set.js';
import { recordedFlags } from './flag-record.js';
import { stateFrom } from './flag-state.js';

export interface CarryFlags {
  gh: GitHubApi;
  repo: Repo;
  environment: string;
  /** The repository's flags for the environment, when its flags file is in the workspace. */
  fromRepository?: FlagSet;
  actor: string;
  runUrl: string;
  sha: string;
  production: boolean;
}

/**
 * Promote's `carryFlags`: writes the environment's flags (its last recorded change over the repository's
 * definitions, else the repository's) to the target with the release, so a redeploy never resets a
 * pulled feature. Nothing is written or recorded when the target already holds them, or when the
 * environment has neither a flags file nor a recorded change.
 */
export function carryFlags(carry: CarryFlags) {
  return async (others: DeploymentEntry[], trust: Trust, target: ReleaseTarget): Promise<void> => {
    if (!carry.fromRepository && !recordedFlags(others, trust)) return;
    const { set } = stateFrom(others, trust, carry.environment, carry.fromRepository);
    await applyFlags(carry.gh, carry.repo, {
      environment: carry.environment,
      set,
      changed: [],
      reason: 'carried with the release',
      actor: carry.actor,
      runUrl: carry.runUrl,
      sha: carry.sha,
      production: carry.production,
      destination: { kind: 'target', target },
    });
  };
}
