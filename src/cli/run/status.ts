import { UserError } from '../../runtime/errors.js';
import { createGitHubClient } from '../../runtime/github-client.js';
import { gitHubApi } from '../../promotion/github-api.js';
import { parseRepository } from '../../runtime/action-context.js';
import { readHistory } from '../../promotion/deployment-history.js';
import { matrixText, statusMatrix } from '../../promotion/status-matrix.js';

export interface StatusOptions {
  repo?: string;
  apiUrl?: string;
  json?: boolean;
}

/** GitHub's GraphQL endpoint beside a REST root: api.github.com/graphql, or <host>/api/graphql on GitHub Enterprise Server. */
export function graphqlUrlFor(apiUrl: string): string {
  const root = apiUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(root) ? root.replace(/\/v3$/, '/graphql') : `${root}/graphql`;
}

/** `slipway status`: the environment × version matrix from GitHub Deployments. */
export async function runStatus(environments: string[], options: StatusOptions): Promise<void> {
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new UserError('GITHUB_TOKEN is not set; export a token that can read deployments.');
  const repository = options.repo ?? process.env.GITHUB_REPOSITORY;
  if (!repository) throw new UserError('No repository: pass --repo owner/name or set GITHUB_REPOSITORY.');
  let repo;
  try {
    repo = parseRepository(repository);
  } catch {
    throw new UserError(`--repo must be owner/name; got ${JSON.stringify(repository)}.`);
  }
  const apiUrl = options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
  const client = createGitHubClient({ token, apiUrl,
    graphqlUrl: options.apiUrl ? graphqlUrlFor(apiUrl) : (process.env.GITHUB_GRAPHQL_URL ?? graphqlUrlFor(apiUrl)) });
  const list = environments.flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
  const rows = statusMatrix(list, await readHistory(gitHubApi(client), repo, list));
  process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${matrixText(rows)}\n`);
}
