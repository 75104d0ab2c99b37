import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from '../../../src/git/runner.js';
import type { RemoteHistory } from '../../../src/release-notes/compare-history.js';
import { lookupsFor } from '../../../src/release-notes/changes.js';
import type { RangeCommit } from '../../../src/release-notes/commit-range.js';
import { generateNotes, type GenerateOptions } from '../../../src/release-notes/generate.js';
import type { ReleaseNotes } from '../../../src/release-notes/notes-model.js';
import { renderMarkdown } from '../../../src/release-notes/render-markdown.js';
import { TempRepo } from '../git/temp-repo.js';
import { fakeGraphql, type FakePullRequest } from './fake-graphql.js';
import { sampleHistory, type SampleHistory } from './sample-history.js';

let sample: SampleHistory;
let pullRequests: FakePullRequest[];

beforeAll(() => {
  sample = sampleHistory();
  pullRequests = [
    { number: 1, title: 'feat: add login', login: 'bob' },
    { number: 2, title: 'fix: crash on empty input', login: 'carol', labels: ['bug'] },
    { number: 3, title: 'perf: faster parsing', login: 'dave', commits: sample.rebaseCommits },
    {
      number: 4,
      title: 'build(deps): bump yaml from 2.8.0 to 2.9.0',
      login: 'dependabot',
      type: 'Bot',
      labels: ['dependencies'],
    },
    { number: 5, title: 'feat(api)!: drop the v1 endpoints', login: 'bob', body: 'Clients must move to v2.' },
    { number: 6, title: 'docs: describe login', login: 'carol' },
    { number: 90, title: 'fix: backport a fix', login: 'alice' },
  ];
});
afterAll(() => sample.repo.remove());

const base: GenerateOptions = {
  tag: 'v1.1.0',
  paths: [],
  excludeAuthors: [],
  repository: 'octo/app',
  serverUrl: 'https://github.com',
};
const numbers = (notes: ReleaseNotes) =>
  notes.sections.flatMap((s) => s.changes.map((c) => c.number ?? c.sha.slice(0, 7)));

async function generate(
  options: Partial<GenerateOptions> = {},
  dir = sample.repo.dir,
  graphql = fakeGraphql(pullRequests),
) {
  const log: string[] = [];
  const result = await generateNotes(
    { git: createGit(dir), graphql, log: (m) => log.push(m) },
    { ...base, ...options },
  );
  return { ...result, log, graphql };
}

describe('notes from a real repository and GraphQL', () => {
  it('finds every pull request: squash, merge commit, rebase merge (by association), a bot; a plain revert stays a commit', async () => {
    const { notes, graphql, log } = await generate();
    expect(notes.previousTag).toBe('v1.0.0');
    expect(numbers(notes).sort()).toEqual([1, 2, 3, 4, 5, 6, sample.revertCommit.slice(0, 7)].sort());
    // Only commits without a number were looked up through associatedPullRequests, in one batch.
    expect(graphql.calls).toHaveLength(1);
    expect(graphql.calls[0]!.filter((alias) => alias.startsWith('c')).sort()).toEqual(
      [...sample.rebaseCommits, sample.revertCommit].map((sha) => `c${sha}`).sort(),
    );
    expect(log).toContain(
      "Previous tag: v1.0.0: the highest ancestor of v1.1.0 matching prefix 'v', valid semver, below 1.1.0; skipped prerelease v1.1.0-rc.1 because v1.1.0 is stable.",
    );
    expect(
      log.some((line) => line.startsWith('History from local git: 8 first-parent commit(s) in v1.0.0..v1.1.0')),
    ).toBe(true);
  });

  it('puts breaking changes first, then conventional sections; next version is a major', async () => {
    const { notes } = await generate();
    expect(notes.sections.map((s) => [s.title, s.changes.map((c) => c.number ?? 'commit')])).toEqual([
      ['Breaking changes', [5]],
      ['Features', [1]],
      ['Fixes', [2]],
      ['Performance', [3]],
      ['Reverts', ['commit']],
      ['Documentation', [6]],
      ['Build and CI', [4]],
    ]);
    expect(notes.nextVersion).toBe('2.0.0');
    expect(notes.version).toBe('1.1.0');
  });

  it('credits people, not bots, and names the first-time contributors', async () => {
    const { notes } = await generate();
    expect(notes.contributors.map((c) => c.login ?? c.name)).toEqual(['Alice', 'bob', 'carol', 'dave']);
    expect(notes.newContributors.map((c) => [c.login, c.firstChange.number])).toEqual([
      ['bob', 1],
      ['carol', 2],
      ['dave', 3],
    ]);
    const markdown = renderMarkdown(notes);
    expect(markdown).toContain('- **api:** drop the v1 endpoints (#5) @bob');
    expect(markdown).toContain('- **deps:** bump yaml from 2.8.0 to 2.9.0 (#4) @dependabot');
    expect(markdown).toContain('@carol made their first contribution in #2');
    expect(markdown).not.toMatch(/Contributors[^#]*dependabot/);
    expect(markdown).toContain('**Full changelog**: https://github.com/octo/app/compare/v1.0.0...v1.1.0');
  });

  it('leaves out entries of excluded authors', async () => {
    const { notes } = await generate({ excludeAuthors: ['dependabot[bot]'] });
    expect(numbers(notes)).not.toContain(4);
  });

  it('keeps only changes touching `paths`, from local git', async () => {
    const { notes, graphql } = await generate({ paths: ['packages/api/**'] });
    expect(numbers(notes)).toEqual([5]);
    expect(graphql.calls).toEqual([['pr5']]);
  });

  it('a prerelease, a second prefix and a first release each get their own range', async () => {
    expect(numbers((await generate({ tag: 'v1.1.0-rc.1' })).notes).sort()).toEqual([1, 2, 3]);
    const api = await generate({ tag: 'api/v2.0.0' });
    expect(api.notes.previousTag).toBe('api/v1.0.0');
    expect(api.notes.version).toBe('2.0.0');
    const first = await generate({ tag: 'v1.0.0' });
    expect(first.notes.previousTag).toBeUndefined();
    expect(first.notes.compareUrl).toBe('https://github.com/octo/app/commits/v1.0.0');
    expect(first.notes.newContributors.map((c) => c.name)).toEqual(['Alice']);
  });

  it('spends no look-up on a first release’s root commit, which no pull request can have merged', async () => {
    const first = await generate({ tag: 'v1.0.0' });
    expect(first.requests).toBe(0);
    expect(first.graphql.calls).toEqual([]);
    expect(first.notes.sections.flatMap((s) => s.changes.map((c) => [c.kind, c.title]))).toEqual([
      ['commit', 'chore: initial commit'],
    ]);
  });

  it('works offline: numbers from messages, titles from subjects and merge bodies', async () => {
    const log: string[] = [];
    const { notes, requests } = await generateNotes(
      { git: createGit(sample.repo.dir), log: (m) => log.push(m) },
      { ...base, repository: undefined },
    );
    expect(requests).toBe(0);
    const titles = notes.sections.flatMap((s) => s.changes.map((c) => `${c.number ?? '-'} ${c.title}`));
    expect(titles).toContain('2 fix: crash on empty input');
    expect(titles).toContain('1 feat: add login');
    expect(titles).toContain('- perf: cache the parser');
    expect(notes.contributors.map((c) => c.name)).toEqual(['Alice', 'Bob', 'Carol', 'Dave']);
  });
});

describe('look-ups for commits with no number', () => {
  const commit = (sha: string, subject: string, parents: string[]): RangeCommit => ({
    sha,
    subject,
    parents,
    body: '',
    authorName: 'A',
    authorEmail: 'a@example.com',
    date: '',
    emails: [],
  });
  const range = [
    commit('c3', 'feat: x (#7)', ['c2']),
    commit('c2', 'fix: pushed directly', ['c1']),
    commit('c1', 'chore: initial commit', []),
  ];

  it('asks about every commit with no number but the root of a whole history', () => {
    expect(lookupsFor(range, { wholeHistory: true })).toEqual({ numbers: [7], commits: ['c2'] });
    // Within a range, or in a shallow clone, a commit showing no parents may have some.
    expect(lookupsFor(range, { wholeHistory: false })).toEqual({ numbers: [7], commits: ['c2', 'c1'] });
  });
});

describe('shallow checkouts', () => {
  function shallowClone(): { work: string; holder: TempRepo } {
    const holder = TempRepo.create('slipway-shallow-');
    holder.git(
      '-c',
      'advice.detachedHead=false',
      'clone',
      '-q',
      '--depth',
      '1',
      '--no-tags',
      '--branch',
      'v1.1.0',
      `file://${sample.repo.dir}`,
      'work',
    );
    return { work: `${holder.dir}/work`, holder };
  }

  it('completes the history and tags (--unshallow --tags), then finds the same previous tag and pull requests', async () => {
    const { work, holder } = shallowClone();
    try {
      const { notes, log } = await generate({}, work);
      expect(notes.previousTag).toBe('v1.0.0');
      expect(numbers(notes).sort()).toEqual([1, 2, 3, 4, 5, 6, sample.revertCommit.slice(0, 7)].sort());
      expect(log.find((line) => line.startsWith('History from'))).toMatch(
        /shallow checkout completed \(git fetch --unshallow --tags\)/,
      );
    } finally {
      holder.remove();
    }
  });

  it('with previous-tag given, fetches only the range (--shallow-exclude, --deepen=1)', async () => {
    const { work, holder } = shallowClone();
    try {
      const { notes, log } = await generate({ previousTag: 'v1.0.0' }, work);
      expect(numbers(notes).sort()).toEqual([1, 2, 3, 4, 5, 6, sample.revertCommit.slice(0, 7)].sort());
      expect(log.find((line) => line.startsWith('History from'))).toMatch(
        /deepened to v1.0.0 \(git fetch --shallow-exclude, --deepen=1\)/,
      );
      // Still shallow: only the range was fetched, its boundary being v1.0.0's commit.
      const git = createGit(work);
      expect((await git.run(['rev-parse', '--is-shallow-repository'])).trim()).toBe('true');
      expect(readFileSync(`${work}/.git/shallow`, 'utf8').trim()).toBe(sample.repo.head('v1.0.0^{commit}'));
    } finally {
      holder.remove();
    }
  });

  it('falls back to the compare API when the checkout cannot be deepened, and says so', async () => {
    const { work, holder } = shallowClone();
    try {
      holder.git('-C', 'work', 'remote', 'set-url', 'origin', `file://${holder.dir}/gone`);
      const compared: string[] = [];
      const remote: RemoteHistory = {
        tags: async () => ['v1.1.0', 'v1.1.0-rc.1', 'v1.0.0', 'api/v2.0.0'],
        commits: async (from, to) => {
          compared.push(`${from}...${to}`);
          const { readCommitRange } = await import('../../../src/release-notes/commit-range.js');
          return readCommitRange(createGit(sample.repo.dir), from, to);
        },
      };
      const log: string[] = [];
      const { notes } = await generateNotes(
        { git: createGit(work), graphql: fakeGraphql(pullRequests), remote, log: (m) => log.push(m) },
        base,
      );
      expect(compared).toEqual(['v1.0.0...v1.1.0']);
      expect(numbers(notes)).toContain(3);
      expect(log.find((line) => line.startsWith('History from'))).toMatch(
        /^History from the compare API \(deepening the shallow checkout failed: git fetch/,
      );
      const first = generateNotes(
        { git: createGit(work), remote: { ...remote, tags: async () => ['v1.1.0'] }, log: () => {} },
        base,
      );
      await expect(first).rejects.toThrow(
        /^No earlier release tag is an ancestor of v1.1.0 among the repository's tags, and the shallow checkout could not fetch the whole history \(.*\); use actions\/checkout with fetch-depth: 0\.$/,
      );
    } finally {
      holder.remove();
    }
  });
});
