import { gitHubApi, type GitHubApi, type Repo } from '../../promotion/github-api.js';
import { parseRepository } from '../../runtime/action-context.js';
import { UserError } from '../../runtime/errors.js';
import { createGitHubClient } from '../../runtime/github-client.js';

/** GitHub's GraphQL endpoint beside a REST root: api.github.com/graphql, or <host>/api/graphql on GitHub Enterprise Server. */
export function graphqlUrlFor(apiUrl: string): string {
  const root = apiUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(root) ? root.replace(/\/v3$/, '/graphql') : `${root}/graphql`;
}

/**
 * The repository a command reads (its flag, else GITHUB_REPOSITORY) and a client for it with
 * GITHUB_TOKEN; `flag` names the option in errors.
 */
export function gitHubAccess(
  flag: string,
  repository: string | undefined,
  apiUrlFlag: string | undefined,
): { repo: Repo; gh: GitHubApi } {
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new UserError('GITHUB_TOKEN is not set; export a token that can read deployments.');
  const name = repository ?? process.env.GITHUB_REPOSITORY;
  if (!name) throw new UserError(`No repository: pass ${flag} owner/name or set GITHUB_REPOSITORY.`);
  let repo;
  try {
    repo = parseRepository(name);
  } catch {
    throw new UserError(`${flag} must be owner/name; got ${JSON.stringify(name)}.`);
  }
  const apiUrl = apiUrlFlag ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
  const graphqlUrl = apiUrlFlag ? graphqlUrlFor(apiUrl) : (process.env.GITHUB_GRAPHQL_URL ?? graphqlUrlFor(apiUrl));
  const client = createGitHubClient({ token, apiUrl, graphqlUrl });
  return { repo, gh: gitHubApi(client) };
}
