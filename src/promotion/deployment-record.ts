import { UserError } from '../runtime/errors.js';
import type { GitHubApi, Repo } from './github-api.js';
import type { DeploymentEntry, SlipwayPayload, StatusState } from './history.js';

/** GitHub refuses longer deployment and status descriptions. */
export const DESCRIPTION_LIMIT = 140;

export function clip(text: string, limit = DESCRIPTION_LIMIT): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}

export interface NewDeployment {
  sha: string;
  environment: string;
  task: 'deploy' | 'deploy:rollback';
  production: boolean;
  transient: boolean;
  requiredContexts: string[];
  payload: SlipwayPayload;
  description: string;
}

/** Creates the deployment record: never auto-merged, status checks only as asked (gating belongs to `gate`). */
export async function createDeployment(gh: GitHubApi, repo: Repo, deployment: NewDeployment): Promise<number> {
  let response: { status: number; data: unknown };
  try {
    response = await gh.request('POST /repos/{owner}/{repo}/deployments', {
      owner: repo.owner,
      repo: repo.name,
      ref: deployment.sha,
      environment: deployment.environment,
      task: deployment.task,
      auto_merge: false,
      required_contexts: deployment.requiredContexts,
      production_environment: deployment.production,
      transient_environment: deployment.transient,
      payload: deployment.payload,
      description: clip(deployment.description),
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 409 || status === 422) throw new UserError(`GitHub refused the deployment to '${deployment.environment}' (${status}): ${(error as Error).message}`);
    throw error;
  }
  const id = (response.data as { id?: number }).id;
  if (response.status !== 201 || typeof id !== 'number') {
    throw new UserError(`GitHub did not create the deployment to '${deployment.environment}': ${(response.data as { message?: string }).message ?? `status ${response.status}`}.`);
  }
  return id;
}

export interface StatusUpdate {
  state: StatusState;
  description: string;
  logUrl?: string;
  environmentUrl?: string;
}

/** Posts a status; `auto_inactive` is off because Slipway retires earlier deployments itself (see `retire`). */
export async function setStatus(gh: GitHubApi, repo: Repo, deploymentId: number, update: StatusUpdate): Promise<void> {
  await gh.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
    owner: repo.owner,
    repo: repo.name,
    deployment_id: deploymentId,
    state: update.state,
    description: clip(update.description),
    ...(update.logUrl ? { log_url: update.logUrl } : {}),
    ...(update.environmentUrl ? { environment_url: update.environmentUrl } : {}),
    auto_inactive: false,
  });
}

/**
 * The earlier deployments a new success replaces: those of the same environment still `success`,
 * and with blue/green only those of the same slot, since the other slot stays deployed (warm).
 */
export function supersededBy(entries: DeploymentEntry[], deploymentId: number, slot: string | null): DeploymentEntry[] {
  return entries.filter((e) => e.id !== deploymentId && e.state === 'success' && (slot === null || (e.payload?.slot ?? null) === slot));
}

/** Marks each given deployment `inactive` explicitly (`auto_inactive` skips production environments). */
export async function retire(gh: GitHubApi, repo: Repo, entries: DeploymentEntry[], replacement: number): Promise<void> {
  for (const entry of entries) {
    await setStatus(gh, repo, entry.id, { state: 'inactive', description: `Replaced by deployment ${replacement}` });
  }
}
