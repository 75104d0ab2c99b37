import type { GraphQL } from '../../../src/release-notes/pull-request-details.js';

export interface FakePullRequest {
  number: number;
  title: string;
  body?: string;
  labels?: string[];
  login: string;
  type?: 'User' | 'Bot';
  /** Commits (no number in their message) that GitHub associates with this pull request. */
  commits?: string[];
}

/**
 * Answers the aliased queries of pull-request-details the way GitHub's GraphQL API does: a
 * pull request per `prN` alias, `NOT_FOUND` (with partial data) for unknown numbers, and
 * `associatedPullRequests` per commit alias. Records every query.
 */
export function fakeGraphql(
  pullRequests: FakePullRequest[],
  fail?: (aliases: number) => Error | undefined,
): GraphQL & { calls: string[][] } {
  const node = (pr: FakePullRequest) => ({
    number: pr.number,
    title: pr.title,
    body: pr.body ?? '',
    url: `https://github.com/octo/app/pull/${pr.number}`,
    mergedAt: '2024-01-01T00:00:00Z',
    mergeCommit: null,
    labels: { nodes: (pr.labels ?? []).map((name) => ({ name })) },
    author: { __typename: pr.type ?? 'User', login: pr.login },
  });
  const calls: string[][] = [];
  const graphql = async (query: string) => {
    const aliases = [...query.matchAll(/(\w+): (?:pullRequest|object)\(/g)].map((m) => m[1]!);
    calls.push(aliases);
    const failure = fail?.(aliases.length);
    if (failure) throw failure;
    const repository: Record<string, unknown> = {};
    const errors: Array<{ type: string; path: string[] }> = [];
    for (const [, alias, number] of query.matchAll(/(\w+): pullRequest\(number: (\d+)\)/g)) {
      const pr = pullRequests.find((candidate) => candidate.number === Number(number));
      repository[alias!] = pr ? node(pr) : null;
      if (!pr) errors.push({ type: 'NOT_FOUND', path: ['repository', alias!] });
    }
    for (const [, alias, sha] of query.matchAll(/(\w+): object\(oid: "([0-9a-f]+)"\)/g)) {
      repository[alias!] = {
        associatedPullRequests: { nodes: pullRequests.filter((pr) => pr.commits?.includes(sha!)).map(node) },
      };
    }
    if (errors.length > 0)
      throw Object.assign(new Error('Could not resolve to a PullRequest'), {
        name: 'GraphqlResponseError',
        data: { repository },
        errors,
      });
    return { repository };
  };
  return Object.assign(graphql, { calls });
}
