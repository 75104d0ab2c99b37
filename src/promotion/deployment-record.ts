import { clipText } from '../runtime/clip.js';
import { createOnce } from '../runtime/create-once.js';
import { UserError } from '../runtime/errors.js';
import type { GitHubApi, Repo } from './github-api.js';
import { type DeploymentEntry, parsePayload, type SlipwayPayload, type StatusState } from './deployment-history.js';

/** GitHub refuses longer deployment and status descriptions. */
export const DESCRIPTION_LIMIT = 140;

const description = (text: string) => clipText(text.replace(/\s+/g, ' ').trim(), DESCRIPTION_LIMIT);

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

/** Sent with each create: the client must not retry a write by itself (its answer may be lost after GitHub applied it). */
const NO_RETRY = { request: { retries: 0 } };

/**
 * The deployment an earlier attempt of this create made, if GitHub applied it but its answer was
 * lost: one of this environment, sha and task whose payload names this run (`run_url`, with the
 * attempt) and this release. Only asked after a failed create, so the common path costs nothing.
 */
async function findCreated(gh: GitHubApi, repo: Repo, deployment: NewDeployment): Promise<number | undefined> {
  const response = await gh.request('GET /repos/{owner}/{repo}/deployments', { owner: repo.owner, repo: repo.name, environment: deployment.environment, sha: deployment.sha, task: deployment.task, per_page: 30 });
  const found = (response.data as { id: number; payload?: unknown }[]).find((d) => {
    const payload = parsePayload(d.payload);
    const wanted = deployment.payload;
    return payload?.slipway === 1 && payload.run_url === wanted.run_url && payload.digest === wanted.digest && payload.version === wanted.version;
  });
  return found?.id;
}

/**
 * Creates the deployment record: never auto-merged, status checks only as asked (gating belongs to
 * `gate`). Exactly once: sent without automatic retries, and after a failure that GitHub may have
 * applied, the record is looked for before creating again.
 */
export async function createDeployment(gh: GitHubApi, repo: Repo, deployment: NewDeployment): Promise<number> {
  const create = async (): Promise<number> => {
    const response = await gh.request('POST /repos/{owner}/{repo}/deployments', {
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
      description: description(deployment.description),
      ...NO_RETRY,
    });
    const id = (response.data as { id?: number }).id;
    if (response.status !== 201 || typeof id !== 'number') {
      throw new UserError(`GitHub did not create the deployment to '${deployment.environment}': ${(response.data as { message?: string }).message ?? `status ${response.status}`}.`);
    }
    return id;
  };
  try {
    return await createOnce({ create, find: () => findCreated(gh, repo, deployment), backoffMs: gh.writeBackoffMs });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 409 || status === 422) throw new UserError(`GitHub refused the deployment to '${deployment.environment}' (${status}): ${(error as Error).message}`);
    throw error;
  }
}

export interface StatusUpdate {
  state: StatusState;
  description: string;
  logUrl?: string;
  environmentUrl?: string;
}

/**
 * Posts a status; `auto_inactive` is off because Slipway retires earlier deployments itself (see
 * `retire`). Exactly once: after a failure GitHub may have applied, a latest status already in the
 * intended state (and description) is taken as this one.
 */
export async function setStatus(gh: GitHubApi, repo: Repo, deploymentId: number, update: StatusUpdate): Promise<void> {
  const params = { owner: repo.owner, repo: repo.name, deployment_id: deploymentId };
  const shown = description(update.description);
  await createOnce({
    create: async () => {
      await gh.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        ...params,
        state: update.state,
        description: shown,
        ...(update.logUrl ? { log_url: update.logUrl } : {}),
        ...(update.environmentUrl ? { environment_url: update.environmentUrl } : {}),
        auto_inactive: false,
        ...NO_RETRY,
      });
      return true;
    },
    find: async () => {
      const response = await gh.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { ...params, per_page: 1 });
      const [latest] = response.data as { state?: string; description?: string | null }[];
      return latest?.state === update.state && (latest.description ?? '') === shown ? true : undefined;
    },
    backoffMs: gh.writeBackoffMs,
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
