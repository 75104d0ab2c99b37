import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from '../../../src/git/runner.js';
import { readLog } from '../../../src/git/log.js';
import { readCommitRange, type RangeCommit } from '../../../src/release-notes/commit-range.js';
import { seededRandom, pick } from '../../support/seeded-random.js';
import { people, TempRepo } from '../git/temp-repo.js';

/**
 * The reference `readCommitRange` must agree with: `git log --first-parent previous..tag`, and for
 * each merge the authors of `git log parent1..parent2` — one git process per merge, which is what
 * the in-memory walk replaces.
 */
async function reference(
  dir: string,
  previous: string | undefined,
  tag: string,
): Promise<Pick<RangeCommit, 'sha' | 'emails' | 'branchAuthor'>[]> {
  const git = createGit(dir);
  const chain = await readLog(git, previous ? `${previous}..${tag}` : tag, { firstParent: true });
  return Promise.all(
    chain.map(async (commit) => {
      if (commit.parents.length < 2) return { sha: commit.sha, emails: [commit.authorEmail], branchAuthor: undefined };
      const authors = await branchAuthors(dir, `${commit.parents[0]}..${commit.parents[1]}`);
      const newest = authors[0];
      return {
        sha: commit.sha,
        emails: authors.map(([email]) => email),
        branchAuthor: newest ? { email: newest[0], name: newest[1] } : undefined,
      };
    }),
  );
}

/** `git log parent1..parent2` answers the same for a merge whatever range it is seen in: asked once per merge. */
const branchLogs = new Map<string, Promise<[string, string][]>>();
function branchAuthors(dir: string, range: string): Promise<[string, string][]> {
  const key = `${dir}:${range}`;
  let authors = branchLogs.get(key);
  if (!authors) {
    authors = createGit(dir)
      .run(['log', '--format=%ae%x00%an', range])
      .then((out) =>
        out
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split('\0') as [string, string]),
      );
    branchLogs.set(key, authors);
  }
  return authors;
}

const authors = [people.alice, people.bob, people.carol, people.dave, people.dependabot];

/**
 * A seeded history of feature branches merged with `--no-ff`, some branched from older commits,
 * some merging main back in (criss-cross), some merged twice, with tags on main and on a branch.
 */
function randomHistory(seed: number): { repo: TempRepo; tags: string[] } {
  const random = seededRandom(seed);
  const repo = TempRepo.create('slipway-range-');
  repo.commit('initial', people.alice);
  const mainCommits = [repo.head()];
  const tags: string[] = [];
  for (let round = 0; round < 24; round += 1) {
    const branch = `topic-${round}`;
    const base = random() < 0.3 ? pick(random, mainCommits) : 'main';
    repo.git('checkout', '-q', '-b', branch, base);
    const length = 1 + Math.floor(random() * 3);
    for (let i = 0; i < length; i += 1) {
      repo.commit(`topic ${round} part ${i}`, pick(random, authors));
      if (random() < 0.2) repo.git('merge', '-q', '--no-ff', '-m', `sync main into ${branch}`, 'main');
    }
    if (random() < 0.15) tags.push(tagHere(repo, `side-${round}`));
    repo.git('checkout', '-q', 'main');
    if (random() < 0.5) repo.commit(`direct ${round}`, pick(random, authors));
    repo.mergePullRequest(round + 1, branch, `Topic ${round}`);
    mainCommits.push(repo.head());
    if (random() < 0.2) {
      // The same branch grows and is merged again.
      repo.git('checkout', '-q', branch);
      repo.commit(`topic ${round} follow-up`, pick(random, authors));
      repo.git('checkout', '-q', 'main');
      repo.mergePullRequest(100 + round, branch, `Topic ${round} follow-up`);
    }
    if (round % 4 === 3) tags.push(tagHere(repo, `v1.${round}.0`));
  }
  return { repo, tags };
}

function tagHere(repo: TempRepo, name: string): string {
  repo.tag(name);
  return name;
}

const histories = [11, 42, 2026].map((seed) => ({ seed, ...randomHistory(seed) }));
afterAll(() => histories.forEach(({ repo }) => repo.remove()));

describe('readCommitRange walks merged branches in memory', () => {
  let cases: { seed: number; repo: TempRepo; previous: string | undefined; tag: string }[] = [];
  beforeAll(() => {
    cases = histories.flatMap(({ seed, repo, tags }) => {
      const onMain = tags.filter((tag) => tag.startsWith('v'));
      const latest = onMain.at(-1)!;
      return [
        { seed, repo, previous: undefined, tag: latest },
        ...onMain.slice(0, -1).map((previous) => ({ seed, repo, previous, tag: latest })),
        // A previous tag on a merged branch is not on the first-parent line: the git fallback.
        ...tags.filter((tag) => tag.startsWith('side-')).map((previous) => ({ seed, repo, previous, tag: latest })),
      ];
    });
  });

  it('gives the same commits, authors and branch authors as one git log per merge', async () => {
    expect(cases.length).toBeGreaterThan(12);
    expect(cases.some((c) => c.previous?.startsWith('side-'))).toBe(true);
    for (const { seed, repo, previous, tag } of cases) {
      const fast = await readCommitRange(createGit(repo.dir), previous, tag);
      const expected = await reference(repo.dir, previous, tag);
      expect(
        fast.map(({ sha, emails, branchAuthor }) => ({ sha, emails, branchAuthor })),
        `seed ${seed}: ${previous ?? '(first release)'}..${tag}`,
      ).toEqual(expected);
      // The previous tag's commit, when the caller knows it, answers the same as asking git.
      if (previous)
        expect(await readCommitRange(createGit(repo.dir), previous, tag, repo.head(`${previous}^{commit}`))).toEqual(
          fast,
        );
    }
  });

  it('runs git at most twice when the previous tag is the base of the first-parent line', async () => {
    const { repo, tags } = histories[0]!;
    const onMain = tags.filter((tag) => tag.startsWith('v'));
    const calls: string[][] = [];
    const git = createGit(repo.dir);
    const counting = { ...git, run: (args: string[]) => (calls.push(args), git.run(args)) };
    const commits = await readCommitRange(counting, onMain[0], onMain.at(-1)!);
    expect(commits.filter((commit) => commit.parents.length > 1).length).toBeGreaterThan(5);
    expect(calls.length).toBeLessThanOrEqual(2);
  });
});
