import type { GitHubClient } from '../runtime/github-client.js';

export interface Repo {
  owner: string;
  name: string;
}

/** A deployment as Slipway reads it when looking for the one a lost create made. */
export interface ListedDeployment {
  id: number;
  payload: unknown;
}

export interface DeploymentToCreate {
  ref: string;
  environment: string;
  task: string;
  requiredContexts: string[];
  production: boolean;
  transient: boolean;
  payload: Record<string, unknown>;
  description: string;
}

export interface StatusToCreate {
  state: 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';
  description: string;
  logUrl?: string;
  environmentUrl?: string;
}

/** Deployment records. Writes are sent without the client's automatic retries (see `createOnce`). */
export interface DeploymentsPort {
  /** The newest deployments of this environment, sha and task. */
  list(repo: Repo, filter: { environment: string; sha: string; task: string }): Promise<ListedDeployment[]>;
  /** The new deployment's id, or why GitHub answered without making one (e.g. 202 for an auto-merge). */
  create(repo: Repo, deployment: DeploymentToCreate): Promise<{ id: number } | { refused: string }>;
  createStatus(repo: Repo, deploymentId: number, status: StatusToCreate): Promise<void>;
  latestStatus(repo: Repo, deploymentId: number): Promise<{ state: string; description: string } | undefined>;
}

export interface RunsPort {
  /** False when GitHub answers 404 for this workflow run of `repo`. */
  exists(repo: Repo, runId: number): Promise<boolean>;
}

export interface ReleasesPort {
  /** Tags of the newest non-draft releases among the `count` newest. */
  recentTags(repo: Repo, count: number): Promise<string[]>;
  /** The release tagged `tag`, undefined when GitHub answers 404. */
  byTag(repo: Repo, tag: string): Promise<{ assets: { id: number; name: string }[] } | undefined>;
  downloadAsset(repo: Repo, assetId: number): Promise<Buffer>;
}

export interface AttestationsPort {
  /** The Sigstore bundles GitHub holds for `digest` in `repo`; none when it answers 404. */
  bundles(repo: Repo, digest: string): Promise<unknown[]>;
}

/** How the promotion domain talks to GitHub: narrow typed ports, and GraphQL queries with a declared result type. */
export interface GitHubApi {
  deployments: DeploymentsPort;
  runs: RunsPort;
  releases: ReleasesPort;
  attestations: AttestationsPort;
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Backoff unit before looking up a write whose answer was lost (see `createOnce`); default 1 s. */
  writeBackoffMs?: number;
}

/** Sent with each create: the client must not retry a write by itself (its answer may be lost after GitHub applied it). */
const NO_RETRY = { request: { retries: 0 } };

/** The HTTP status an Octokit error carries, if any. */
export const httpStatus = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status
    : undefined;

const isNotFound = (error: unknown) => httpStatus(error) === 404;

/** `undefined` instead of a 404. */
const unlessNotFound = <T>(error: unknown): T | undefined => {
  if (isNotFound(error)) return undefined;
  throw error;
};

const at = (repo: Repo) => ({ owner: repo.owner, repo: repo.name });

/** The ports on top of the runtime's Octokit client, whose route types check each route and its parameters. */
export function gitHubApi(client: GitHubClient, options: { writeBackoffMs?: number } = {}): GitHubApi {
  const deployments: DeploymentsPort = {
    async list(repo, filter) {
      const { data } = await client.request('GET /repos/{owner}/{repo}/deployments', {
        ...at(repo),
        ...filter,
        per_page: 30,
      });
      return data.map((d) => ({ id: Number(d.id), payload: d.payload }));
    },
    async create(repo, deployment) {
      const { status, data } = await client.request('POST /repos/{owner}/{repo}/deployments', {
        ...at(repo),
        ref: deployment.ref,
        environment: deployment.environment,
        task: deployment.task,
        auto_merge: false,
        required_contexts: deployment.requiredContexts,
        production_environment: deployment.production,
        transient_environment: deployment.transient,
        payload: deployment.payload,
        description: deployment.description,
        ...NO_RETRY,
      });
      if (status === 201 && 'id' in data && typeof data.id === 'number') return { id: data.id };
      return { refused: ('message' in data ? data.message : undefined) ?? `status ${status}` };
    },
    async createStatus(repo, deploymentId, update) {
      await client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        ...at(repo),
        deployment_id: deploymentId,
        state: update.state,
        description: update.description,
        ...(update.logUrl ? { log_url: update.logUrl } : {}),
        ...(update.environmentUrl ? { environment_url: update.environmentUrl } : {}),
        auto_inactive: false,
        ...NO_RETRY,
      });
    },
    async latestStatus(repo, deploymentId) {
      const { data } = await client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        ...at(repo),
        deployment_id: deploymentId,
        per_page: 1,
      });
      const [latest] = data;
      return latest && { state: latest.state, description: latest.description ?? '' };
    },
  };
  const runs: RunsPort = {
    exists: (repo, runId) =>
      client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...at(repo), run_id: runId }).then(
        () => true,
        (error: unknown) => unlessNotFound(error) ?? false,
      ),
  };
  const releases: ReleasesPort = {
    async recentTags(repo, count) {
      const { data } = await client.request('GET /repos/{owner}/{repo}/releases', { ...at(repo), per_page: count });
      return data.filter((r) => !r.draft).map((r) => r.tag_name);
    },
    byTag: (repo, tag) =>
      client.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', { ...at(repo), tag }).then(
        ({ data }) => ({ assets: data.assets.map((a) => ({ id: a.id, name: a.name })) }),
        (error: unknown) => unlessNotFound(error),
      ),
    async downloadAsset(repo, assetId) {
      const { data } = await client.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
        ...at(repo),
        asset_id: assetId,
        headers: { accept: 'application/octet-stream' },
      });
      // Octokit types the JSON description; asked for octet-stream it answers the bytes.
      return Buffer.from(data as unknown as ArrayBuffer);
    },
  };
  const attestations: AttestationsPort = {
    bundles: (repo, digest) =>
      client
        .request('GET /repos/{owner}/{repo}/attestations/{subject_digest}', {
          ...at(repo),
          subject_digest: digest,
          per_page: 100,
        })
        .then(
          ({ data }) => (data.attestations ?? []).map((a) => a.bundle).filter((bundle) => bundle !== undefined),
          (error: unknown) => unlessNotFound<unknown[]>(error) ?? [],
        ),
  };
  return {
    deployments,
    runs,
    releases,
    attestations,
    graphql: (query, variables) => client.graphql(query, variables),
    ...options,
  };
}
