import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

/** Counts the requests a client makes, per `METHOD /route`, for budgets in tests and benchmarks. */
export class RequestCounter {
  total = 0;
  readonly byRoute = new Map<string, number>();

  record(method: string, route: string): void {
    this.total += 1;
    const key = `${method.toUpperCase()} ${route}`;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
  }
}

export interface GitHubClientOptions {
  token: string;
  /** REST root: `GITHUB_API_URL` (github.com, GitHub Enterprise Server, or the local emulator). */
  apiUrl?: string;
  /** GraphQL endpoint: `GITHUB_GRAPHQL_URL`. */
  graphqlUrl?: string;
  /** Attempts after the first for 5xx answers and dropped connections. */
  retries?: number;
  /** Backoff unit: the n-th retry waits n² times this many milliseconds. */
  retryBaseMs?: number;
  /** Times to retry a request GitHub rate-limited (primary or secondary) before giving up. */
  rateLimitRetries?: number;
  /**
   * Least gap between writes, in milliseconds. Default: GitHub's advice against secondary rate
   * limits, 1 s between writes and 3 s between writes that notify people (releases, comments).
   */
  writeIntervalMs?: number;
  counter?: RequestCounter;
  log?: (message: string) => void;
}

function writePacing(intervalMs: number | undefined) {
  if (intervalMs === undefined) return {};
  const group = (id: string) => new Bottleneck.Group({ id, maxConcurrent: 1, minTime: intervalMs, timeout: 120_000 });
  return { write: group('slipway-write'), notifications: group('slipway-notifications') };
}

/**
 * The one GitHub client every action uses: retries transient failures, waits out rate limits as
 * GitHub asks (`retry-after`, `x-ratelimit-reset`), and counts requests.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const log = options.log ?? (() => {});
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= rateLimitRetries) return false;
      log(`GitHub ${kind} rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`);
      return true;
    };
  const client = getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl?.replace(/\/+$/, ''),
      retry: { retries: options.retries ?? 3, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        ...writePacing(options.writeIntervalMs),
      },
    },
    retry,
    throttling,
  );
  if (options.graphqlUrl) {
    // An absolute url wins over baseUrl; baseUrl is set too so octokit's GHES rule (…/api/v3 →
    // …/api/graphql) cannot replace the URL the runner gave us.
    const url = options.graphqlUrl;
    client.graphql = client.graphql.defaults({ baseUrl: url, url });
  }
  const counter = options.counter;
  if (counter) {
    client.hook.wrap('request', async (request, requestOptions) => {
      counter.record(requestOptions.method, String(requestOptions.url));
      return request(requestOptions);
    });
  }
  return client;
}
