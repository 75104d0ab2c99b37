import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from '../../../src/git/runner.js';
import { readCommitRange } from '../../../src/release-notes/commit-range.js';
import { compareHistory, firstParentChain } from '../../../src/release-notes/compare-history.js';
import { createGitHubClient, RequestCounter } from '../../../src/runtime/github-client.js';
import { startEmulator, type GitHubEmulator } from '../../support/emulator/index.js';
import { sampleHistory, type SampleHistory } from './sample-history.js';

let gh: GitHubEmulator;
let sample: SampleHistory;
beforeAll(async () => {
  sample = sampleHistory();
  gh = await startEmulator();
  gh.repo('octo/app', { gitDir: sample.repo.dir });
});
afterAll(async () => {
  await gh.close();
  sample.repo.remove();
});

describe('history from the compare API (a shallow checkout that cannot be deepened)', () => {
  it('gives the same first-parent commits as local git, and the tags', async () => {
    const counter = new RequestCounter();
    const client = createGitHubClient({
      token: gh.token,
      apiUrl: gh.url,
      graphqlUrl: gh.graphqlUrl,
      counter,
      writeIntervalMs: 0,
    });
    const remote = compareHistory(client, 'octo', 'app');
    const fromApi = await remote.commits('v1.0.0', 'v1.1.0');
    const fromGit = await readCommitRange(createGit(sample.repo.dir), 'v1.0.0', 'v1.1.0');
    expect(fromApi!.map((c) => [c.sha, c.subject, c.authorEmail])).toEqual(
      fromGit.map((c) => [c.sha, c.subject, c.authorEmail]),
    );
    // Merges carry their branch's commits, as from local git: a breaking change in one must not be lost.
    const branches = (commits: typeof fromGit) =>
      commits.map((c) => [c.sha, c.emails, c.branchAuthor, c.branch?.map((b) => [b.sha, b.subject, b.body])]);
    expect(fromGit.some((c) => (c.branch?.length ?? 0) > 1)).toBe(true);
    expect(branches(fromApi!)).toEqual(branches(fromGit));
    expect((await remote.tags()).sort()).toEqual([
      'api/v1.0.0',
      'api/v2.0.0',
      'v1.0.0',
      'v1.0.1',
      'v1.1.0',
      'v1.1.0-rc.1',
    ]);
    expect(counter.total).toBe(2);
    // A backport tag on a release branch is no ancestor: GitHub reports it behind.
    expect(await remote.commits('v1.0.1', 'v1.1.0')).toBeUndefined();
    expect((await remote.commits('v1.0.1', 'v1.1.0', false))!.length).toBeGreaterThan(0);
  });

  it('keeps only the first-parent chain from the head', () => {
    const commit = (sha: string, ...parents: string[]) => ({
      sha,
      parents: parents.map((p) => ({ sha: p })),
      commit: { message: sha, author: null },
    });
    const chain = firstParentChain(
      [commit('a', 'base'), commit('b', 'a'), commit('x', 'base'), commit('m', 'b', 'x')],
      'm',
    );
    expect(chain.map((c) => c.sha)).toEqual(['m', 'b', 'a']);
  });
});
