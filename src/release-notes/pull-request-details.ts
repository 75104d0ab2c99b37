import { transientErrorCode } from '../runtime/retry.js';
import type { PullRequest } from './notes-model.js';

/** `octokit.graphql`: a query and its variables in, the `data` out (throws on errors). */
export type GraphQL = (query: string, variables?: Record<string, unknown>) => Promise<unknown>;

export const MAX_BATCH = 50;

const PR_FIELDS =
  'number title body url mergedAt mergeCommit { oid } labels(first: 100) { nodes { name } } author { __typename login }';

interface PullRequestNode {
  number: number;
  title: string;
  body: string | null;
  url: string;
  mergedAt: string | null;
  mergeCommit: { oid: string } | null;
  labels: { nodes: Array<{ name: string }> | null } | null;
  author: { __typename: string; login: string } | null;
}

type Lookup = { kind: 'number'; number: number } | { kind: 'commit'; sha: string };

export interface PullRequestLookup {
  byNumber: Map<number, PullRequest>;
  /** For commits with no number in their message: the merged pull request that brought them. */
  byCommit: Map<string, PullRequest>;
  requests: number;
}

function toPullRequest(node: PullRequestNode): PullRequest {
  const author = node.author;
  return {
    number: node.number,
    title: node.title,
    body: node.body ?? '',
    url: node.url,
    labels: (node.labels?.nodes ?? []).map((label) => label.name),
    author: author ? { login: author.login, isBot: author.__typename === 'Bot' } : { login: 'ghost', isBot: false },
  };
}

function alias(lookup: Lookup): string {
  return lookup.kind === 'number' ? `pr${lookup.number}` : `c${lookup.sha}`;
}

/** One aliased query for a batch: `pr12: pullRequest(number: 12)` and `c<sha>: object(oid: …) { associatedPullRequests }`. */
export function batchQuery(lookups: readonly Lookup[]): string {
  const fields = lookups.map((lookup) =>
    lookup.kind === 'number'
      ? `${alias(lookup)}: pullRequest(number: ${lookup.number}) { ...pr }`
      : `${alias(lookup)}: object(oid: "${lookup.sha}") { ... on Commit { associatedPullRequests(first: 5) { nodes { ...pr } } } }`,
  );
  return `query($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n    ${fields.join('\n    ')}\n  }\n}\nfragment pr on PullRequest { ${PR_FIELDS} }`;
}

/** 502s, timeouts and dropped connections: a smaller query may well succeed. */
function isTooBig(error: unknown): boolean {
  const { status, name } = (error ?? {}) as { status?: number; name?: string };
  if (typeof status === 'number') return status === 502 || status === 504;
  return (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    transientErrorCode(error) !== undefined ||
    /timed? ?out/i.test(String((error as Error)?.message))
  );
}

/** GraphQL answers `NOT_FOUND` for numbers that are issues, not pull requests; keep the rest of the data. */
function partialData(error: unknown): unknown {
  const { name, data, errors } = (error ?? {}) as { name?: string; data?: unknown; errors?: Array<{ type?: string }> };
  if (name === 'GraphqlResponseError' && data && errors?.every((item) => item.type === 'NOT_FOUND')) return data;
  throw error;
}

/**
 * Fetches pull-request details for `numbers` and finds the pull requests of `commits` (those with no
 * number in their message) through `associatedPullRequests`, in aliased queries of up to 50 lookups;
 * a batch answered with 502 or a timeout is split in half and retried.
 */
export async function fetchPullRequests(
  graphql: GraphQL,
  repository: { owner: string; name: string },
  numbers: readonly number[],
  commits: readonly string[],
  options: { batchSize?: number; log?: (message: string) => void } = {},
): Promise<PullRequestLookup> {
  const result: PullRequestLookup = { byNumber: new Map(), byCommit: new Map(), requests: 0 };
  const lookups: Lookup[] = [...new Set(numbers)].map((number) => ({ kind: 'number' as const, number }));
  lookups.push(...[...new Set(commits)].map((sha) => ({ kind: 'commit' as const, sha })));
  const size = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);

  const run = async (batch: Lookup[]): Promise<void> => {
    let data: unknown;
    try {
      result.requests += 1;
      data = await graphql(batchQuery(batch), { owner: repository.owner, name: repository.name }).catch(partialData);
    } catch (error) {
      if (batch.length === 1 || !isTooBig(error)) throw error;
      const half = Math.ceil(batch.length / 2);
      options.log?.(
        `GraphQL batch of ${batch.length} failed (${(error as Error).message}); retrying as two of ${half} and ${batch.length - half}.`,
      );
      await run(batch.slice(0, half));
      await run(batch.slice(half));
      return;
    }
    const repo = ((data ?? {}) as { repository?: Record<string, unknown> }).repository ?? {};
    for (const lookup of batch) {
      const value = repo[alias(lookup)];
      if (!value) continue;
      if (lookup.kind === 'number') {
        result.byNumber.set(lookup.number, toPullRequest(value as PullRequestNode));
      } else {
        const nodes =
          (value as { associatedPullRequests?: { nodes?: PullRequestNode[] | null } }).associatedPullRequests?.nodes ??
          [];
        // The pull request whose merge made this commit, else the first merged one that contains it.
        const merged =
          nodes.find((node) => node.mergeCommit?.oid === lookup.sha) ?? nodes.find((node) => node.mergedAt);
        if (merged) result.byCommit.set(lookup.sha, toPullRequest(merged));
      }
    }
  };

  for (let start = 0; start < lookups.length; start += size) await run(lookups.slice(start, start + size));
  return result;
}
