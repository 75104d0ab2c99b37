import type { GitHubApi, Repo } from './github-api.js';
import { nameList } from './name-list.js';

/** What Slipway records in every deployment's payload. */
export interface SlipwayPayload {
  slipway: 1;
  version: string;
  digest: string;
  artifact: ArtefactRef;
  slot: string | null;
  upstream: { environment: string; deployment_id: number } | null;
  run_url: string;
  override_reason?: string;
  /**
   * Set on `deploy:rollback` deployments (by the rollback action, and by promote when a failed
   * verification restored the previous release): the release taken out, how the earlier one was
   * restored, and why. What was rolled back is read from here, never from status descriptions.
   */
  rolled_back?: {
    deployment_id: number;
    version: string;
    digest: string;
    method?: 'switch' | 'redeploy';
    reason?: string;
  };
}

/** Where an artefact came from, so a rollback can fetch it again. */
export interface ArtefactRef {
  name?: string;
  id?: number;
  run_id?: number;
  release_asset?: string;
  path?: string;
}

export type StatusState =
  'success' | 'failure' | 'error' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'waiting';

/** One deployment with its latest status, as read in a single GraphQL request. */
export interface DeploymentEntry {
  id: number;
  environment: string;
  task: string;
  sha: string;
  createdAt: number;
  creator: string;
  /** `pending` when no status was ever posted. */
  state: StatusState;
  stateAt: number;
  /** Who posted the latest status ('' when none was posted). */
  stateBy: string;
  stateDescription: string;
  environmentUrl?: string;
  payload?: SlipwayPayload;
  /** The payload as GitHub holds it, kept only on records that are not releases (such as `task: flags`). */
  raw?: unknown;
}

/** Newest first, per environment. */
export type History = Map<string, DeploymentEntry[]>;

const FIELDS = `nodes { databaseId environment task payload commitOid createdAt creator { login }
  latestStatus { state createdAt description environmentUrl creator { login } } }`;

/** The fields of a GraphQL Deployment node that every reader of deployments asks for. */
export interface DeploymentNodeFields {
  databaseId: number | null;
  environment: string | null;
  task: string | null;
  payload: string | null;
  commitOid: string;
  createdAt: string;
}

interface Node extends DeploymentNodeFields {
  creator: { login: string } | null;
  latestStatus: {
    state: string;
    createdAt: string;
    description: string | null;
    environmentUrl: string | null;
    creator?: { login: string } | null;
  } | null;
}

/**
 * Whether a deployment record is a release (`deploy`, `deploy:rollback`, or any other `deploy:*`
 * task). Other tasks, such as `flags` (a feature-flag change), share the environment's history but
 * are never its current version, a lock holder, a soak start, a slot holder or a rollback target.
 */
export function isReleaseTask(task: string): boolean {
  return task === 'deploy' || task.startsWith('deploy:');
}

/**
 * A deployment's payload if Slipway wrote it: GraphQL gives it as JSON text, REST as the object; some
 * clients double-encode it as a JSON string.
 */
export function parsePayload(value: unknown): SlipwayPayload | undefined {
  try {
    let payload = value;
    for (let depth = 0; typeof payload === 'string' && depth < 2; depth += 1) payload = JSON.parse(payload) as unknown;
    const candidate = payload as Partial<SlipwayPayload> | null | undefined;
    return typeof candidate === 'object' &&
      candidate !== null &&
      candidate.slipway === 1 &&
      typeof candidate.digest === 'string'
      ? (candidate as SlipwayPayload)
      : undefined;
  } catch {
    return undefined;
  }
}

function toEntry(node: Node, environment: string): DeploymentEntry {
  const status = node.latestStatus;
  const task = node.task ?? 'deploy';
  return {
    id: node.databaseId ?? 0,
    environment: node.environment ?? environment,
    task,
    sha: node.commitOid,
    createdAt: Date.parse(node.createdAt),
    creator: node.creator?.login ?? '',
    state: (status?.state.toLowerCase() ?? 'pending') as StatusState,
    stateAt: Date.parse(status?.createdAt ?? node.createdAt),
    stateBy: status?.creator?.login ?? '',
    stateDescription: status?.description ?? '',
    environmentUrl: status?.environmentUrl ?? undefined,
    ...(isReleaseTask(task) ? { payload: parsePayload(node.payload) } : { raw: rawPayload(node.payload) }),
  };
}

function rawPayload(value: string | null): unknown {
  try {
    return value === null ? undefined : (JSON.parse(value) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * Reads the latest `depth` deployments of each environment with their latest statuses, in one
 * GraphQL request (one aliased connection per environment), newest first.
 */
export async function readHistory(gh: GitHubApi, repo: Repo, environments: string[], depth = 30): Promise<History> {
  return (await queryHistory(gh, repo, environments, depth, 0)).history;
}

/** A history, and where else in the repository Slipway has deployed. */
export interface HistoryAndEnvironments {
  /** The releases only: records of other tasks (see `isReleaseTask`) are in `others`. */
  history: History;
  /** Per environment, newest first, the records that are not releases (such as `task: flags`). */
  others: History;
  /** Environments of the repository's newest Slipway deployments (any environment), most recently deployed first. */
  deployedEnvironments: string[];
  /** Who the token is (`github-actions[bot]` for GITHUB_TOKEN): the creator of the records this workflow trusts by default. */
  viewer: string;
}

/** `readHistory`, and who the token is, in the same single request. */
export async function readHistoryAndViewer(
  gh: GitHubApi,
  repo: Repo,
  environments: string[],
  depth = 30,
): Promise<HistoryAndEnvironments> {
  return queryHistory(gh, repo, environments, depth, 0);
}

/**
 * `readHistory`, plus the environments of the repository's newest `recent` deployments that Slipway
 * made, read in the same single request: what a misspelt environment name is told to compare with.
 */
export async function readHistoryAndEnvironments(
  gh: GitHubApi,
  repo: Repo,
  environments: string[],
  depth = 30,
  recent = 50,
): Promise<HistoryAndEnvironments> {
  return queryHistory(gh, repo, environments, depth, recent);
}

/**
 * Records of other tasks (`task: flags`) share an environment's history: when a page of `depth` holds
 * fewer than a third as many releases, older pages are read (100 records each, every such
 * environment in the same request) until it does or the history ends, at most `MORE_PAGES` more
 * requests per read. So dozens of flag changes after a release never hide it from promote, status and
 * rollback, and a history of releases alone costs no extra request.
 */
export const MORE_PAGES = 2;
const MORE_FIRST = 100;

type Connection = { nodes: (Node | null)[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } } | null;

const PAGE = 'pageInfo { hasNextPage endCursor }';

async function queryHistory(
  gh: GitHubApi,
  repo: Repo,
  environments: string[],
  depth: number,
  recent: number,
): Promise<HistoryAndEnvironments> {
  const unique = [...new Set(environments)];
  const vars = unique.map((_, i) => `$e${i}: [String!]`).join(', ');
  const fields = unique.map(
    (_, i) =>
      `e${i}: deployments(environments: $e${i}, first: $first, orderBy: {field: CREATED_AT, direction: DESC}) { ${FIELDS} ${PAGE} }`,
  );
  if (recent > 0)
    fields.push(
      'recent: deployments(first: $recent, orderBy: {field: CREATED_AT, direction: DESC}) { nodes { environment payload } }',
    );
  const query = `query SlipwayHistory($owner: String!, $name: String!, $first: Int!${recent > 0 ? ', $recent: Int!' : ''}, ${vars}) { viewer { login }
  repository(owner: $owner, name: $name) { ${fields.join('\n')} } }`;
  const variables: Record<string, unknown> = {
    owner: repo.owner,
    name: repo.name,
    first: depth,
    ...(recent > 0 ? { recent } : {}),
  };
  unique.forEach((env, i) => (variables[`e${i}`] = [env]));
  const data = await gh.graphql<{
    viewer?: { login: string };
    repository: Record<string, Connection> | null;
  }>(query, variables);
  const nodes = new Map<string, Node[]>();
  const more = new Map<string, string>();
  const wanted = Math.ceil(depth / 3);
  const take = (env: string, connection: Connection) => {
    const list = [...(nodes.get(env) ?? []), ...(connection?.nodes ?? []).filter((n): n is Node => n !== null)];
    nodes.set(env, list);
    const releases = list.filter((n) => isReleaseTask(n.task ?? 'deploy')).length;
    const next = connection?.pageInfo?.hasNextPage ? connection.pageInfo.endCursor : null;
    if (next && releases < wanted) more.set(env, next);
    else more.delete(env);
  };
  unique.forEach((env, i) => take(env, data.repository?.[`e${i}`] ?? null));
  for (let page = 0; page < MORE_PAGES && more.size > 0; page += 1) {
    const pending = [...more];
    const vars = pending.map((_, i) => `$e${i}: [String!], $a${i}: String`).join(', ');
    const pages = pending.map(
      (_, i) =>
        `e${i}: deployments(environments: $e${i}, first: $first, after: $a${i}, orderBy: {field: CREATED_AT, direction: DESC}) { ${FIELDS} ${PAGE} }`,
    );
    const pageVariables: Record<string, unknown> = { owner: repo.owner, name: repo.name, first: MORE_FIRST };
    pending.forEach(([env, after], i) => {
      pageVariables[`e${i}`] = [env];
      pageVariables[`a${i}`] = after;
    });
    const older = await gh.graphql<{ repository: Record<string, Connection> | null }>(
      `query SlipwayOlderHistory($owner: String!, $name: String!, $first: Int!, ${vars}) {
  repository(owner: $owner, name: $name) { ${pages.join('\n')} } }`,
      pageVariables,
    );
    pending.forEach(([env], i) => take(env, older.repository?.[`e${i}`] ?? null));
  }
  const history: History = new Map();
  const others: History = new Map();
  for (const env of unique) {
    const entries = (nodes.get(env) ?? [])
      .map((n) => toEntry(n, env))
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    history.set(
      env,
      entries.filter((e) => isReleaseTask(e.task)),
    );
    others.set(
      env,
      entries.filter((e) => !isReleaseTask(e.task)),
    );
  }
  const elsewhere = (data.repository?.recent?.nodes ?? []).filter(
    (n): n is Node => n !== null && Boolean(n.environment) && parsePayload(n.payload) !== undefined,
  );
  return {
    history,
    others,
    deployedEnvironments: [...new Set(elsewhere.map((n) => n.environment as string))],
    viewer: data.viewer?.login ?? '',
  };
}

/** Where Slipway has deployed in the repository: what a name that matched nothing is told to compare with. */
export function slipwayDeployedTo(environments: readonly string[]): string {
  return environments.length > 0
    ? `Slipway has deployed to ${nameList(environments)}`
    : 'this repository has no Slipway deployments yet';
}

/** Succeeded and not later failed: `success`, or `inactive` (Slipway only retires deployments that succeeded). */
export function succeeded(entry: DeploymentEntry): boolean {
  return entry.state === 'success' || entry.state === 'inactive';
}

/** The release serving the environment now: the newest Slipway deployment whose latest status is `success`. */
export function currentDeployment(entries: DeploymentEntry[]): DeploymentEntry | undefined {
  return entries.find((e) => e.state === 'success' && e.payload);
}

export const ROLLED_BACK = 'Rolled back';

/** The rollback record that took `digest` out of this environment (by the rollback action or an automatic rollback), if any. */
export function wasRolledBack(entries: DeploymentEntry[], digest: string): DeploymentEntry | undefined {
  return entries.find((e) => e.task === 'deploy:rollback' && e.payload?.rolled_back?.digest === digest);
}

/** `v1.2.3 (sha256:0123456789ab…) success` for messages. */
export function describeEntry(entry: DeploymentEntry): string {
  const release = entry.payload
    ? `${entry.payload.version} (${shortDigest(entry.payload.digest)})`
    : `deployment ${entry.id}`;
  return `${release} ${entry.state}`;
}

export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}
