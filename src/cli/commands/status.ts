import type { Command } from 'commander';
import { UserError } from '../../runtime/errors.js';
import { createGitHubClient } from '../../runtime/github-client.js';
import { gitHubApi, parseRepo } from '../../promotion/github-api.js';
import { readHistory } from '../../promotion/history.js';
import { matrixText, statusMatrix } from '../../promotion/status-matrix.js';

/** GitHub's GraphQL endpoint beside a REST root: api.github.com/graphql, or <host>/api/graphql on GitHub Enterprise Server. */
export function graphqlUrlFor(apiUrl: string): string {
  const root = apiUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(root) ? root.replace(/\/v3$/, '/graphql') : `${root}/graphql`;
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Print the environment × version matrix from GitHub Deployments: what runs where, and how far each environment is behind the one before it.')
    .argument('<environments...>', 'environments in promotion order, e.g. dev staging production')
    .option('--repo <owner/name>', 'repository; default GITHUB_REPOSITORY')
    .option('--api-url <url>', 'GitHub REST API root; default GITHUB_API_URL or https://api.github.com')
    .option('--json', 'print the matrix as JSON')
    .action(async (environments: string[], options: { repo?: string; apiUrl?: string; json?: boolean }) => {
      const token = process.env.GITHUB_TOKEN;
      if (!token) throw new UserError('GITHUB_TOKEN is not set; export a token that can read deployments.');
      const repository = options.repo ?? process.env.GITHUB_REPOSITORY;
      if (!repository) throw new UserError('No repository: pass --repo owner/name or set GITHUB_REPOSITORY.');
      let repo;
      try {
        repo = parseRepo(repository);
      } catch {
        throw new UserError(`--repo must be owner/name; got ${JSON.stringify(repository)}.`);
      }
      const apiUrl = options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
      const client = createGitHubClient({ token, apiUrl, graphqlUrl: options.apiUrl ? graphqlUrlFor(apiUrl) : (process.env.GITHUB_GRAPHQL_URL ?? graphqlUrlFor(apiUrl)) });
      const list = environments.flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
      const rows = statusMatrix(list, await readHistory(gitHubApi(client), repo, list));
      process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${matrixText(rows)}\n`);
    });
}
