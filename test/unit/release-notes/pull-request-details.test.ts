import { describe, expect, it } from 'vitest';
import { batchQuery, fetchPullRequests } from '../../../src/release-notes/pull-request-details.js';
import { pullRequestNumber, titleFromCommit } from '../../../src/release-notes/pull-request-numbers.js';
import { fakeGraphql, type FakePullRequest } from './fake-graphql.js';

const many = (count: number): FakePullRequest[] =>
  Array.from({ length: count }, (_, i) => ({ number: i + 1, title: `Change ${i + 1}`, login: `dev${i % 7}` }));
const repo = { owner: 'octo', name: 'app' };

describe('pull-request numbers in commit subjects', () => {
  it.each([
    ['Add a thing (#123)', 123],
    ['feat(x): y (#9)  ', 9],
    ['Merge pull request #42 from octo/branch', 42],
    ['Revert "Add a thing (#123)"', undefined],
    ['Revert "Add a thing (#123)" (#130)', 130],
    ['Fixes #12 in passing', undefined],
    ['Merge branch main into topic', undefined],
  ])('%s → %s', (subject, number) => {
    expect(pullRequestNumber(subject)).toBe(number);
  });

  it('titles offline: the merge body line, or the squash subject without its number', () => {
    expect(titleFromCommit('Merge pull request #42 from octo/b', '\nfix: the title\n\nmore')).toBe('fix: the title');
    expect(titleFromCommit('Add a thing (#123)', '')).toBe('Add a thing');
  });
});

describe('pull-request details in aliased GraphQL batches', () => {
  it('fetches 120 pull requests in ⌈120/50⌉ = 3 requests of at most 50', async () => {
    const graphql = fakeGraphql(many(120));
    const result = await fetchPullRequests(
      graphql,
      repo,
      Array.from({ length: 120 }, (_, i) => i + 1),
      [],
    );
    expect(graphql.calls.map((aliases) => aliases.length)).toEqual([50, 50, 20]);
    expect(result.requests).toBe(3);
    expect(result.byNumber.size).toBe(120);
    expect(result.byNumber.get(77)).toMatchObject({
      title: 'Change 77',
      author: { login: 'dev6', isBot: false },
      url: 'https://github.com/octo/app/pull/77',
    });
  });

  it('looks commits up through associatedPullRequests in the same batches', async () => {
    const prs = [...many(3), { number: 9, title: 'Rebased', login: 'dave', commits: ['a'.repeat(40), 'b'.repeat(40)] }];
    const graphql = fakeGraphql(prs);
    const result = await fetchPullRequests(graphql, repo, [1, 2, 3], ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)]);
    expect(graphql.calls).toHaveLength(1);
    expect(result.byCommit.get('a'.repeat(40))?.number).toBe(9);
    expect(result.byCommit.has('c'.repeat(40))).toBe(false);
  });

  it('halves a batch answered with 502 (or a timeout) until it goes through', async () => {
    const graphql = fakeGraphql(many(50), (aliases) =>
      aliases > 13 ? Object.assign(new Error('Bad Gateway'), { status: 502 }) : undefined,
    );
    const log: string[] = [];
    const result = await fetchPullRequests(
      graphql,
      repo,
      Array.from({ length: 50 }, (_, i) => i + 1),
      [],
      { log: (m) => log.push(m) },
    );
    expect(result.byNumber.size).toBe(50);
    expect(graphql.calls.map((aliases) => aliases.length)).toEqual([50, 25, 13, 12, 25, 13, 12]);
    expect(log[0]).toMatch(/GraphQL batch of 50 failed \(Bad Gateway\); retrying as two of 25 and 25\./);
    const timeouts = fakeGraphql(many(4), (aliases) =>
      aliases > 2 ? Object.assign(new Error('request timed out'), { name: 'TimeoutError' }) : undefined,
    );
    expect((await fetchPullRequests(timeouts, repo, [1, 2, 3, 4], [])).byNumber.size).toBe(4);
  });

  it('does not halve other errors, and keeps partial data when a number is an issue (NOT_FOUND)', async () => {
    const denied = fakeGraphql(many(3), () => Object.assign(new Error('Bad credentials'), { status: 401 }));
    await expect(fetchPullRequests(denied, repo, [1, 2, 3], [])).rejects.toThrow('Bad credentials');
    expect(denied.calls).toHaveLength(1);
    const result = await fetchPullRequests(fakeGraphql(many(3)), repo, [1, 2, 99], []);
    expect([...result.byNumber.keys()]).toEqual([1, 2]);
  });

  it('marks bots by author type', async () => {
    const result = await fetchPullRequests(
      fakeGraphql([{ number: 4, title: 'Bump', login: 'dependabot', type: 'Bot' }]),
      repo,
      [4],
      [],
    );
    expect(result.byNumber.get(4)?.author).toEqual({ login: 'dependabot', isBot: true });
  });

  it('builds one query with an alias per look-up and a shared fragment', () => {
    const query = batchQuery([
      { kind: 'number', number: 5 },
      { kind: 'commit', sha: 'f'.repeat(40) },
    ]);
    expect(query).toContain('pr5: pullRequest(number: 5) { ...pr }');
    expect(query).toContain(
      `c${'f'.repeat(40)}: object(oid: "${'f'.repeat(40)}") { ... on Commit { associatedPullRequests(first: 5) { nodes { ...pr } } } }`,
    );
    expect(query).toMatch(
      /fragment pr on PullRequest \{ number title body url mergedAt mergeCommit \{ oid \} labels\(first: 100\)/,
    );
  });
});
