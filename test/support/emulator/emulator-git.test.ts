import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../../src/runtime/github-client.js';
import { createGitFixture, type GitFixture } from './git-fixture.js';
import { startEmulator, type GitHubEmulator } from './index.js';

// main: 300 commits (tag v1.0.0 on the 10th), feature: 3 commits branched from main's 300th,
// and one commit on main after the branch point, so that main...feature diverges.
let fixture: GitFixture;
let gh: GitHubEmulator;
let client: GitHubClient;
const repo = { owner: 'octo', repo: 'app' };

beforeAll(async () => {
  const history = Array.from({ length: 300 }, (_, i) => ({
    message: `change ${i + 1}`,
    tag: i === 9 ? 'v1.0.0' : undefined,
  }));
  fixture = await createGitFixture([
    ...history,
    { message: 'feat: first', branch: 'feature', files: { 'src/app.ts': 'export const a = 1;\n' } },
    {
      message: 'feat: second\n\nWith a body.',
      branch: 'feature',
      files: { 'src/app.ts': 'export const a = 2;\nexport const b = 3;\n' },
    },
    { message: 'feat: third', branch: 'feature', files: { 'file-0.txt': null } },
    { message: 'main moves on', files: { 'README.md': 'hello\n' } },
  ]);
  gh = await startEmulator();
  gh.repo('octo/app', { gitDir: fixture.dir });
  client = createGitHubClient({
    token: gh.token,
    apiUrl: gh.url,
    graphqlUrl: gh.graphqlUrl,
    retryBaseMs: 1,
    writeIntervalMs: 0,
  });
});

afterAll(async () => {
  await gh?.close();
  await fixture?.remove();
});

const sha = (index: number) => fixture.shas[index]!;

describe('commits read from the git repository', () => {
  test('list commits pages newest first through the whole history', async () => {
    const first = await client.rest.repos.listCommits({ ...repo, per_page: 5 });
    expect(first.data.map((c) => c.sha)).toEqual([sha(303), sha(299), sha(298), sha(297), sha(296)]);
    expect(first.headers.link).toContain('rel="next"');
    const all = await client.paginate(client.rest.repos.listCommits, { ...repo, per_page: 100 });
    expect(all).toHaveLength(301);
    expect(all.at(-1)?.sha).toBe(sha(0));
    expect(all[0]?.commit.message).toBe('main moves on');
    expect(all[0]?.author?.login).toBe('octocat');
  });

  test('list commits of a branch', async () => {
    const commits = await client.paginate(client.rest.repos.listCommits, { ...repo, sha: 'feature', per_page: 100 });
    expect(commits.slice(0, 3).map((c) => c.commit.message)).toEqual([
      'feat: third',
      'feat: second\n\nWith a body.',
      'feat: first',
    ]);
    expect(commits).toHaveLength(303);
  });

  test('get a commit by branch name with its files and stats', async () => {
    const { data } = await client.rest.repos.getCommit({ ...repo, ref: 'feature' });
    expect(data.sha).toBe(sha(302));
    expect(data.parents.map((p) => p.sha)).toEqual([sha(301)]);
    expect(data.files).toEqual([
      expect.objectContaining({ filename: 'file-0.txt', status: 'removed', deletions: 1, additions: 0 }),
    ]);
    const second = await client.rest.repos.getCommit({ ...repo, ref: sha(301) });
    expect(second.data.stats).toEqual({ additions: 2, deletions: 1, total: 3 });
  });

  test('an unknown commit is 422 "No commit found" as on GitHub', async () => {
    await expect(client.rest.repos.getCommit({ ...repo, ref: 'no-such-branch' })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('No commit found for SHA: no-such-branch'),
    });
    await expect(client.rest.repos.listCommits({ ...repo, sha: 'no-such-branch' })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('compare', () => {
  test('diverged branches: ahead, behind, merge base and files', async () => {
    const { data } = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...feature' });
    expect(data.status).toBe('diverged');
    expect(data.ahead_by).toBe(3);
    expect(data.behind_by).toBe(1);
    expect(data.total_commits).toBe(3);
    expect(data.merge_base_commit.sha).toBe(sha(299));
    expect(data.base_commit.sha).toBe(sha(303));
    expect(data.commits.map((c) => c.commit.message.split('\n')[0])).toEqual([
      'feat: first',
      'feat: second',
      'feat: third',
    ]);
    expect(data.files?.map((f) => [f.filename, f.status])).toEqual([
      ['file-0.txt', 'removed'],
      ['src/app.ts', 'added'],
    ]);
  });

  test('without paging GitHub lists at most 250 commits; paging through gets them all', async () => {
    const unpaged = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${sha(0)}...v1.0.0` });
    expect(unpaged.data.total_commits).toBe(9);
    const big = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${sha(0)}...${sha(299)}` });
    expect(big.data.total_commits).toBe(299);
    expect(big.data.commits).toHaveLength(250);
    expect(big.data.commits[0]?.sha).toBe(sha(1));
    expect(big.headers.link).toBeUndefined();

    const pages: string[][] = [];
    for await (const page of client.paginate.iterator(client.rest.repos.compareCommitsWithBasehead, {
      ...repo,
      basehead: `${sha(0)}...${sha(299)}`,
      per_page: 100,
    })) {
      pages.push((page.data as unknown as { commits: Array<{ sha: string }> }).commits.map((c) => c.sha));
    }
    expect(pages.map((p) => p.length)).toEqual([100, 100, 99]);
    expect(pages.flat()).toEqual(fixture.shas.slice(1, 300));
  });

  test('identical and behind', async () => {
    const same = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'v1.0.0...v1.0.0' });
    expect(same.data.status).toBe('identical');
    const behind = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `main...${sha(5)}` });
    expect(behind.data).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 295 });
  });
});

describe('refs and tags', () => {
  test('tags and refs come from the git repository; API changes overlay it', async () => {
    expect((await client.rest.git.getRef({ ...repo, ref: 'tags/v1.0.0' })).data.object.sha).toBe(sha(9));
    await client.rest.git.createRef({ ...repo, ref: 'refs/tags/v2.0.0', sha: sha(303) });
    const tags = await client.rest.repos.listTags(repo);
    expect(tags.data.map((t) => [t.name, t.commit.sha])).toEqual([
      ['v2.0.0', sha(303)],
      ['v1.0.0', sha(9)],
    ]);
    const heads = await client.rest.git.listMatchingRefs({ ...repo, ref: 'heads/' });
    expect(heads.data.map((r) => r.ref)).toEqual(['refs/heads/feature', 'refs/heads/main']);
    await expect(client.rest.git.createRef({ ...repo, ref: 'refs/tags/v2.0.0', sha: sha(1) })).rejects.toMatchObject({
      status: 422,
    });
    // The git directory itself is untouched: GitHub's state lives in the emulator.
    expect(await fixture.git('tag', '--list')).toBe('v1.0.0\n');
  });

  test('GraphQL lists refs under a prefix with their target commits', async () => {
    type Refs = {
      repository: {
        refs: { totalCount: number; nodes: Array<{ name: string; target: { oid: string; committedDate?: string } }> };
      };
    };
    const result = await client.graphql<Refs>(`query { repository(owner: "octo", name: "app") {
      refs(refPrefix: "refs/heads/", first: 10) { totalCount nodes { name target { oid ... on Commit { committedDate } } } } } }`);
    expect(result.repository.refs.totalCount).toBeGreaterThanOrEqual(2);
    expect(result.repository.refs.nodes).toEqual(
      expect.arrayContaining([
        {
          name: 'feature',
          target: { oid: sha(302), committedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
        },
        { name: 'main', target: expect.objectContaining({ oid: sha(303) }) },
      ]),
    );
  });

  test('moving a branch must be a fast-forward unless forced', async () => {
    await client.rest.git.createRef({ ...repo, ref: 'refs/heads/release', sha: sha(10) });
    await expect(client.rest.git.updateRef({ ...repo, ref: 'heads/release', sha: sha(5) })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('not a fast forward'),
    });
    await client.rest.git.updateRef({ ...repo, ref: 'heads/release', sha: sha(20) });
    await client.rest.git.updateRef({ ...repo, ref: 'heads/release', sha: sha(5), force: true });
    expect((await client.rest.repos.getCommit({ ...repo, ref: 'release' })).data.sha).toBe(sha(5));
    await client.rest.git.deleteRef({ ...repo, ref: 'heads/release' });
    await expect(client.rest.git.getRef({ ...repo, ref: 'heads/release' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('pull requests associated with commits', () => {
  test('REST and GraphQL find the pull request of a branch commit and of its merge commit', async () => {
    gh.repo('octo/app').addPullRequest({
      number: 7,
      title: 'Add the app',
      labels: ['feature'],
      author: { login: 'dependabot[bot]', type: 'Bot' },
      head: { ref: 'feature', sha: sha(302) },
      base: { ref: 'main', sha: sha(299) },
      mergeCommitSha: sha(303),
    });
    const rest = await client.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha(300) });
    expect(rest.data.map((p) => [p.number, p.user?.type, p.labels.map((l) => l.name)])).toEqual([
      [7, 'Bot', ['feature']],
    ]);
    expect(
      (await client.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha(5) })).data,
    ).toEqual([]);

    const associated = async (oid: string) =>
      (
        await client.graphql<{
          repository: {
            object: {
              associatedPullRequests: {
                nodes: Array<{ number: number; author: { login: string; __typename: string } }>;
              };
            };
          };
        }>(
          `query($sha: GitObjectID!) { repository(owner: "octo", name: "app") { object(oid: $sha) { ... on Commit { associatedPullRequests(first: 5) { nodes { number author { login __typename } } } } } } }`,
          { sha: oid },
        )
      ).repository.object.associatedPullRequests.nodes;
    expect(await associated(sha(303))).toEqual([
      { number: 7, author: { login: 'dependabot[bot]', __typename: 'Bot' } },
    ]);
    // The branch's own commits (after its base, up to its head) belong to it; its base and older commits do not.
    for (const index of [300, 301]) expect((await associated(sha(index))).map((p) => p.number)).toEqual([7]);
    for (const index of [299, 5]) expect(await associated(sha(index))).toEqual([]);
  });
});

describe('a git repository written while the emulator serves it', () => {
  test('a commit and a branch written later are found, and a deleted branch is gone', async () => {
    const name = 'written-later';
    await expect(client.rest.repos.getCommit({ ...repo, ref: name })).rejects.toMatchObject({ status: 422 });
    const tree = (await fixture.git('rev-parse', `${sha(303)}^{tree}`)).trim();
    const identity = ['-c', 'user.name=Octo Cat', '-c', 'user.email=octocat@example.com'];
    const commit = (await fixture.git(...identity, 'commit-tree', tree, '-p', sha(303), '-m', name)).trim();
    expect((await client.rest.repos.getCommit({ ...repo, ref: commit })).data.commit.message).toBe(name);
    // Packed refs too: a branch the emulator has already looked up, then packed, then moved.
    await fixture.git('branch', name, sha(303));
    expect((await client.rest.repos.getCommit({ ...repo, ref: name })).data.sha).toBe(sha(303));
    await fixture.git('pack-refs', '--all');
    await fixture.git('update-ref', `refs/heads/${name}`, commit);
    expect((await client.rest.repos.getCommit({ ...repo, ref: name })).data.sha).toBe(commit);
    await fixture.git('branch', '-D', name);
    await expect(client.rest.repos.getCommit({ ...repo, ref: name })).rejects.toMatchObject({ status: 422 });
  });
});
