/** The two ways the promotion domain talks to GitHub; the runtime client (Octokit) provides both. */
export interface GitHubApi {
  request(route: string, params?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
  graphql(query: string, variables?: Record<string, unknown>): Promise<unknown>;
  /** Backoff unit before looking up a write whose answer was lost (see `createOnce`); default 1 s. */
  writeBackoffMs?: number;
}

export interface Repo {
  owner: string;
  name: string;
}

interface OctokitLike {
  request: (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;
  graphql: (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
}

/** Adapts an Octokit instance (whose overloads are too precise to assign directly). */
export function gitHubApi(client: unknown, options: { writeBackoffMs?: number } = {}): GitHubApi {
  const octokit = client as OctokitLike;
  return { request: (route, params) => octokit.request(route, params), graphql: (query, variables) => octokit.graphql(query, variables), ...options };
}
