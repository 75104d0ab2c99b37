import { json, type EmulatorCore, type RouteContext, type Routes } from '../context.js';
import { HttpError, conflict, notFound } from '../errors.js';
import { pagedReply, paginate, pageRequest } from '../pagination.js';
import { resolveCommitish } from '../refs.js';
import { deploymentJson, deploymentStatusJson, environmentJson } from '../representations.js';
import type { Deployment, DeploymentState, DeploymentStatus, Environment } from '../state.js';
import { contextStates } from './statuses.js';

function deploymentsOf(context: RouteContext): Deployment[] {
  return context.core.state.deployments.filter((deployment) => deployment.repository === context.repo.fullName);
}

function findDeployment(context: RouteContext): Deployment {
  const deployment = deploymentsOf(context).find((candidate) => candidate.id === context.params.deployment_id);
  if (!deployment) throw notFound();
  return deployment;
}

/** A deployment's statuses, newest first. */
export function statusesOf(core: EmulatorCore, deploymentId: number): DeploymentStatus[] {
  return core.state.deploymentStatuses
    .filter((status) => status.deploymentId === deploymentId)
    .sort((a, b) => b.id - a.id);
}

export function latestStatus(core: EmulatorCore, deploymentId: number): DeploymentStatus | undefined {
  return statusesOf(core, deploymentId)[0];
}

/** GitHub creates an environment the first time something deploys to it. */
export function ensureEnvironment(context: RouteContext, name: string): Environment {
  const existing = context.core.state.environments.find(
    (environment) => environment.repository === context.repo.fullName && environment.name === name,
  );
  if (existing) return existing;
  const now = context.core.now();
  const environment: Environment = {
    id: context.core.state.nextId(),
    repository: context.repo.fullName,
    name,
    wait_timer: 0,
    prevent_self_review: false,
    deployment_branch_policy: null,
    created_at: now,
    updated_at: now,
  };
  context.core.state.environments.push(environment);
  return environment;
}

/**
 * `required_contexts`: without it every context reported on the commit must have succeeded; with it,
 * the listed ones must (an empty list skips the check). Otherwise GitHub answers 409.
 */
function checkRequiredContexts(context: RouteContext, sha: string, ref: string): void {
  const states = contextStates(context.core, context.repo.fullName, sha);
  const required = Array.isArray(context.body.required_contexts)
    ? (context.body.required_contexts as string[])
    : [...states.keys()];
  const failed = required
    .filter((name) => states.get(name) !== 'success')
    .map((name) => ({ context: name, state: states.get(name) ?? 'missing' }));
  if (failed.length > 0) {
    throw conflict(`Conflict: Commit status checks failed for ${ref}.`, [
      { contexts: failed, resource: 'Deployment', field: 'required_contexts', code: 'invalid' },
    ]);
  }
}

function addStatus(
  context: RouteContext,
  deployment: Deployment,
  fields: Partial<DeploymentStatus> & { state: DeploymentState },
): DeploymentStatus {
  const now = context.core.now();
  const status: DeploymentStatus = {
    id: context.core.state.nextId(),
    deploymentId: deployment.id,
    repository: deployment.repository,
    description: '',
    environment: deployment.environment,
    environment_url: '',
    log_url: '',
    target_url: '',
    creator: context.core.state.actor,
    created_at: now,
    updated_at: now,
    ...fields,
  };
  context.core.state.deploymentStatuses.push(status);
  deployment.updated_at = now;
  return status;
}

/**
 * GitHub's `auto_inactive` (default true), as its REST docs describe it: when a deployment gets a
 * `success` status, every prior non-transient, non-production deployment to the same environment of
 * the repository whose latest status is `success` gets a new `inactive` status.
 */
function inactivatePriorDeployments(context: RouteContext, deployment: Deployment): void {
  for (const prior of deploymentsOf(context)) {
    if (prior.id >= deployment.id || prior.environment !== deployment.environment) continue;
    if (prior.transient_environment || prior.production_environment) continue;
    if (latestStatus(context.core, prior.id)?.state !== 'success') continue;
    addStatus(context, prior, { state: 'inactive', environment: prior.environment });
  }
}

export const deploymentRoutes: Routes = {
  'repos/list-deployments': (context) => {
    const { sha, ref, task, environment } = context.params;
    const matching = deploymentsOf(context)
      .filter(
        (d) =>
          (sha === undefined || d.sha === sha) &&
          (ref === undefined || d.ref === ref) &&
          (task === undefined || d.task === task) &&
          (environment === undefined || environment === null || d.environment === environment),
      )
      .sort((a, b) => b.id - a.id);
    return pagedReply(matching, context.params, context.url, (deployment) =>
      deploymentJson(context.core, context.repo, deployment),
    );
  },

  'repos/create-deployment': async (context) => {
    const body = context.body;
    const ref = String(body.ref);
    const sha = await resolveCommitish(context.repo, ref);
    if (!sha) throw new HttpError(422, `No ref found for: ${ref}`);
    checkRequiredContexts(context, sha, ref);
    const environment = typeof body.environment === 'string' ? body.environment : 'production';
    const now = context.core.now();
    const deployment: Deployment = {
      id: context.core.state.nextId(),
      repository: context.repo.fullName,
      sha,
      ref,
      task: typeof body.task === 'string' ? body.task : 'deploy',
      environment,
      original_environment: environment,
      description: typeof body.description === 'string' ? body.description : '',
      payload: (body.payload as Deployment['payload']) ?? {},
      transient_environment: body.transient_environment === true,
      production_environment:
        typeof body.production_environment === 'boolean' ? body.production_environment : environment === 'production',
      creator: context.core.state.actor,
      created_at: now,
      updated_at: now,
    };
    ensureEnvironment(context, environment);
    context.core.state.deployments.push(deployment);
    return json(deploymentJson(context.core, context.repo, deployment), 201);
  },

  'repos/get-deployment': (context) => json(deploymentJson(context.core, context.repo, findDeployment(context))),

  'repos/delete-deployment': (context) => {
    const deployment = findDeployment(context);
    // GitHub deletes an active deployment only when it is the repository's only one.
    if (deploymentsOf(context).length > 1 && latestStatus(context.core, deployment.id)?.state !== 'inactive') {
      throw new HttpError(
        422,
        'We cannot delete an active deployment unless it is the only deployment in a given environment.',
      );
    }
    const all = context.core.state.deployments;
    all.splice(all.indexOf(deployment), 1);
    return { status: 204 };
  },

  'repos/list-deployment-statuses': (context) => {
    const deployment = findDeployment(context);
    return pagedReply(statusesOf(context.core, deployment.id), context.params, context.url, (status) =>
      deploymentStatusJson(context.core, context.repo, status),
    );
  },

  'repos/create-deployment-status': (context) => {
    const deployment = findDeployment(context);
    const body = context.body;
    if (typeof body.environment === 'string') {
      deployment.environment = body.environment;
      ensureEnvironment(context, body.environment);
    }
    // GitHub keeps target_url and log_url in step: setting either sets both.
    const logUrl =
      typeof body.log_url === 'string' ? body.log_url : typeof body.target_url === 'string' ? body.target_url : '';
    const status = addStatus(context, deployment, {
      state: body.state as DeploymentState,
      description: typeof body.description === 'string' ? body.description : '',
      environment_url: typeof body.environment_url === 'string' ? body.environment_url : '',
      log_url: logUrl,
      target_url: logUrl,
    });
    if (status.state === 'success' && body.auto_inactive !== false) inactivatePriorDeployments(context, deployment);
    return json(deploymentStatusJson(context.core, context.repo, status), 201);
  },

  'repos/get-deployment-status': (context) => {
    const deployment = findDeployment(context);
    const status = statusesOf(context.core, deployment.id).find(
      (candidate) => candidate.id === context.params.status_id,
    );
    if (!status) throw notFound();
    return json(deploymentStatusJson(context.core, context.repo, status));
  },

  'repos/get-all-environments': (context) => {
    const environments = context.core.state.environments
      .filter((environment) => environment.repository === context.repo.fullName)
      .sort((a, b) => a.name.localeCompare(b.name));
    const { page, headers } = paginate(environments, pageRequest(context.params), context.url);
    return json(
      {
        total_count: environments.length,
        environments: page.map((environment) => environmentJson(context.core, context.repo, environment)),
      },
      200,
      headers,
    );
  },

  'repos/get-environment': (context) => {
    const environment = context.core.state.environments.find(
      (candidate) =>
        candidate.repository === context.repo.fullName && candidate.name === context.params.environment_name,
    );
    if (!environment) throw notFound();
    return json(environmentJson(context.core, context.repo, environment));
  },

  'repos/create-or-update-environment': (context) => {
    const environment = ensureEnvironment(context, String(context.params.environment_name));
    const body = context.body;
    if (typeof body.wait_timer === 'number') environment.wait_timer = body.wait_timer;
    if (typeof body.prevent_self_review === 'boolean') environment.prevent_self_review = body.prevent_self_review;
    if (body.deployment_branch_policy !== undefined)
      environment.deployment_branch_policy = body.deployment_branch_policy as Environment['deployment_branch_policy'];
    environment.updated_at = context.core.now();
    return json(environmentJson(context.core, context.repo, environment));
  },
};
