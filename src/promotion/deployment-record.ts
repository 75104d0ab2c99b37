import { clipText } from '../runtime/clip.js';
import { createOnce } from '../runtime/create-once.js';
import { UserError } from '../runtime/errors.js';
import { type GitHubApi, httpStatus, type Repo, type StatusToCreate } from './github-api.js';
import { type DeploymentEntry, parsePayload, type SlipwayPayload } from './deployment-history.js';

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

/**
 * The deployment an earlier attempt of this create made, if GitHub applied it but its answer was
 * lost: one of this environment, sha and task whose payload names this run (`run_url`, with the
 * attempt) and this release. Only asked after a failed create, so the common path costs nothing.
 */
async function findCreated(gh: GitHubApi, repo: Repo, deployment: NewDeployment): Promise<number | undefined> {
  const listed = await gh.deployments.list(repo, {
    environment: deployment.environment,
    sha: deployment.sha,
    task: deployment.task,
  });
  const found = listed.find((d) => {
    const payload = parsePayload(d.payload);
    const wanted = deployment.payload;
    return (
      payload?.slipway === 1 &&
      payload.run_url === wanted.run_url &&
      payload.digest === wanted.digest &&
      payload.version === wanted.version
    );
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
    const created = await gh.deployments.create(repo, {
      ref: deployment.sha,
      environment: deployment.environment,
      task: deployment.task,
      requiredContexts: deployment.requiredContexts,
      production: deployment.production,
      transient: deployment.transient,
      payload: { ...deployment.payload },
      description: description(deployment.description),
    });
    if ('refused' in created)
      throw new UserError(`GitHub did not create the deployment to '${deployment.environment}': ${created.refused}.`);
    return created.id;
  };
  try {
    return await createOnce({ create, find: () => findCreated(gh, repo, deployment), backoffMs: gh.writeBackoffMs });
  } catch (error) {
    const status = httpStatus(error);
    if (status === 409 || status === 422)
      throw new UserError(
        `GitHub refused the deployment to '${deployment.environment}' (${status}): ${(error as Error).message}`,
      );
    throw error;
  }
}

export interface StatusUpdate {
  state: StatusToCreate['state'];
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
  const shown = description(update.description);
  await createOnce({
    create: async () => {
      await gh.deployments.createStatus(repo, deploymentId, { ...update, description: shown });
      return true;
    },
    find: async () => {
      const latest = await gh.deployments.latestStatus(repo, deploymentId);
      return latest?.state === update.state && latest.description === shown ? true : undefined;
    },
    backoffMs: gh.writeBackoffMs,
  });
}

/**
 * The earlier deployments a new success replaces: those of the same environment still `success`,
 * and with blue/green only those of the same slot, since the other slot stays deployed (warm).
 */
export function supersededBy(entries: DeploymentEntry[], deploymentId: number, slot: string | null): DeploymentEntry[] {
  return entries.filter(
    (e) => e.id !== deploymentId && e.state === 'success' && (slot === null || (e.payload?.slot ?? null) === slot),
  );
}

/** Marks each given deployment `inactive` explicitly (`auto_inactive` skips production environments). */
export async function retire(
  gh: GitHubApi,
  repo: Repo,
  entries: DeploymentEntry[],
  replacement: number,
): Promise<void> {
  for (const entry of entries) {
    await setStatus(gh, repo, entry.id, { state: 'inactive', description: `Replaced by deployment ${replacement}` });
  }
}
