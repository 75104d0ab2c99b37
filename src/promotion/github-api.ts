/** The two ways the promotion domain talks to GitHub; the runtime client (Octokit) provides both. */
export interface GitHubApi {
  request(route: string, params?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
  graphql(query: string, variables?: Record<string, unknown>): Promise<unknown>;
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
export function gitHubApi(client: unknown): GitHubApi {
  const octokit = client as OctokitLike;
  return { request: (route, params) => octokit.request(route, params), graphql: (query, variables) => octokit.graphql(query, variables) };
}

export function parseRepo(text: string): Repo {
  const [owner, name, ...rest] = text.split('/');
  if (!owner || !name || rest.length > 0) throw new Error(`expected owner/name, got '${text}'`);
  return { owner, name };
}
