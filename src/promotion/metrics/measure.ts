import type { Git } from '../../git/runner.js';
import type { GitHubApi, Repo } from '../github-api.js';
import { changeTimesByDeployment } from './change-times.js';
import { deliveredRanges, type DeliveryMetrics, deliveryMetrics, deployedEnvironments } from './dora.js';
import { readDeployments } from './read-deployments.js';

export interface MeasureOptions {
  /** Environments to report; empty: every environment deployed to in the window. */
  environments: readonly string[];
  now: number;
  windowMs: number;
  fixForwardMs: number;
  /** The checkout, for commit times; without one (or without the commits) lead time is left out. */
  git?: Git;
}

/** Reads the window's deployments (one GraphQL request per 100) and computes each environment's DORA keys. */
export async function measureDelivery(gh: GitHubApi, repo: Repo, options: MeasureOptions): Promise<DeliveryMetrics> {
  const records = await readDeployments(
    gh,
    repo,
    options.now - options.windowMs,
    options.environments.length > 0 ? options.environments : undefined,
  );
  const environments = options.environments.length > 0 ? options.environments : deployedEnvironments(records);
  const ranges = environments.flatMap((environment) => deliveredRanges(records, environment));
  const changeTimes = options.git ? await changeTimesByDeployment(options.git, ranges) : undefined;
  return deliveryMetrics(records, environments, {
    now: options.now,
    windowMs: options.windowMs,
    fixForwardMs: options.fixForwardMs,
    changeTimes,
  });
}
