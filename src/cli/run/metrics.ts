import { createGit } from '../../git/runner.js';
import { gitHubApi, parseRepo } from '../../promotion/github-api.js';
import { measureDelivery } from '../../promotion/metrics/measure.js';
import { metricsText } from '../../promotion/metrics/render.js';
import { parseDuration } from '../../runtime/duration.js';
import { UserError } from '../../runtime/errors.js';
import { createGitHubClient } from '../../runtime/github-client.js';
import { graphqlUrlFor } from './status.js';

export interface MetricsOptions {
  repository?: string;
  environment?: string;
  window: string;
  fixWindow: string;
  apiUrl?: string;
  json?: boolean;
}

function duration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new UserError(`${flag} must be a duration such as 30d, 12h or 90m; got ${JSON.stringify(text)}.`);
  return ms;
}

/** `slipway metrics`: the DORA keys per environment, as a table or JSON. */
export async function runMetrics(options: MetricsOptions): Promise<void> {
  const windowMs = duration('--window', options.window);
  const fixForwardMs = duration('--fix-window', options.fixWindow);
  const repository = options.repository ?? process.env.GITHUB_REPOSITORY;
  if (!repository) throw new UserError('No repository: pass --repository owner/name or set GITHUB_REPOSITORY.');
  let repo;
  try {
    repo = parseRepo(repository);
  } catch {
    throw new UserError(`--repository must be owner/name; got ${JSON.stringify(repository)}.`);
  }
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new UserError('GITHUB_TOKEN is not set; export a token that can read deployments.');
  const apiUrl = options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
  const client = createGitHubClient({ token, apiUrl, graphqlUrl: options.apiUrl ? graphqlUrlFor(apiUrl) : (process.env.GITHUB_GRAPHQL_URL ?? graphqlUrlFor(apiUrl)) });
  const environments = (options.environment ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const metrics = await measureDelivery(gitHubApi(client), repo, { environments, now: Date.now(), windowMs, fixForwardMs, git: createGit(process.cwd()) });
  process.stdout.write(options.json ? `${JSON.stringify(metrics, null, 2)}\n` : `${metricsText(metrics)}\n`);
}
