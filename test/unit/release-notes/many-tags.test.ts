import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit, type Git } from '../../../src/git/runner.js';
import { listTagNames, listTags, resolveCommit, tagsMergedInto } from '../../../src/git/tags.js';
import { emailsSeenBefore, startEmailsSeenBefore } from '../../../src/release-notes/commit-range.js';
import { generateNotes } from '../../../src/release-notes/generate.js';
import { choosePreviousTag, findPreviousTag } from '../../../src/release-notes/previous-tag.js';
import { people, TempRepo } from '../git/temp-repo.js';

/**
 * A repository shaped like a busy monorepo: on each of 30 main commits a nightly tag, and tags of
 * `web/v`, `api@`, release candidates and stable `v` releases (annotated) between them; `1.4.0`
 * and `v1.4.0` on one commit; `v1.6.0` on HEAD itself; a tag of a tag; and a maintenance branch
 * from v1.5.0 whose 40 patch tags (ten to a commit) outrank v1.5.0 but are no ancestors of main.
 */
let repo: TempRepo;
let git: Git;
const stable = new Map([
  [5, 'v1.1.0'],
  [10, 'v1.2.0'],
  [15, 'v1.3.0'],
  [20, 'v1.4.0'],
  [25, 'v1.5.0'],
  [30, 'v1.6.0'],
]);

beforeAll(() => {
  repo = TempRepo.create('slipway-many-tags-');
  const refs: string[] = [];
  const lightweight = (name: string) => refs.push(`create refs/tags/${name} ${repo.head()}`);
  // The oldest contributor, never seen again: only a walk of the whole history finds her.
  repo.commit('chore: initial commit', people.carol);
  for (let n = 1; n <= 30; n += 1) {
    repo.commit(`feat: change ${n}`, n % 2 ? people.alice : people.bob);
    lightweight(`nightly-${String(n).padStart(3, '0')}`);
    if (n % 2 === 0) lightweight(`web/v1.0.${n}`);
    if (n % 3 === 0) lightweight(`api@2.${n}.0`);
    if (n % 5 === 3) lightweight(`v1.${Math.ceil(n / 5)}.0-rc.1`);
    if (stable.has(n)) repo.tag(stable.get(n)!, true);
    if (n === 20) lightweight('1.4.0');
    if (n === 25) {
      repo.git('checkout', '-q', '-b', 'maintenance');
      for (let patch = 1; patch <= 40; patch += 1) {
        if (patch % 10 === 1) repo.commit(`fix: backport ${patch}`, people.dave);
        lightweight(`v1.5.${patch}`);
      }
      repo.git('checkout', '-q', 'main');
    }
  }
  execFileSync('git', ['update-ref', '--stdin'], { cwd: repo.dir, input: `${refs.join('\n')}\n` });
  // A tag of the annotated v1.3.0 tag: for-each-ref peels it once only, to a tag.
  repo.git('tag', '-a', '-m', 'Nested', 'v1.3.1', 'v1.3.0');
  git = createGit(repo.dir);
});
afterAll(() => repo.remove());

type Options = { prefix?: string; includePrereleases?: boolean };

/** The previous tag as chosen before: every ancestor tag listed (`for-each-ref --merged`), then ranked. */
async function exhaustive(tag: string, tagCommit: string, options: Options = {}) {
  return choosePreviousTag({ tag, tagCommit, ancestors: await listTags(git, { mergedInto: tagCommit }), ...options });
}

async function found(tag: string, options: Options = {}, counting = git, names?: string[], commit?: string) {
  const tagCommit = commit ?? (await resolveCommit(git, tag))!;
  return findPreviousTag({ tag, tagCommit, ...options }, names ?? (await listTagNames(git)), (candidates) =>
    tagsMergedInto(counting, tagCommit, candidates),
  );
}

describe('previous tag among many tags in several families', () => {
  it('is the same tag the exhaustive ancestor list gives, for every release tag, HEAD and each family', async () => {
    const tags = await listTags(git);
    expect(tags.length).toBeGreaterThan(100);
    // Every v tag, and every third of the other families' (each case costs git processes).
    const named = tags.filter(({ name }, i) => name.startsWith('v') || i % 3 === 0);
    const cases: { tag: string; options: Options; commit?: string }[] = [
      ...['HEAD', 'maintenance'].map((tag) => ({ tag, options: {} })),
      ...named.map(({ name, commit, peeled }) => ({ tag: name, options: {}, commit: peeled ? commit : undefined })),
      { tag: 'HEAD', options: { includePrereleases: true } },
      { tag: 'HEAD', options: { prefix: 'web/v' } },
      { tag: 'HEAD', options: { prefix: 'api@' } },
      { tag: 'maintenance', options: { prefix: 'v', includePrereleases: true } },
    ];
    for (const { tag, options, commit } of cases) {
      const tagCommit = commit ?? (await resolveCommit(git, tag))!;
      const expected = await exhaustive(tag, tagCommit, options);
      const actual = await found(
        tag,
        options,
        git,
        tags.map(({ name }) => name),
        tagCommit,
      );
      expect(actual, `${tag} ${JSON.stringify(options)}`).toEqual(expected);
    }
  }, 300_000);

  it('skips the tag on HEAD, the newer prerelease and 40 higher tags off the branch', async () => {
    const previous = await found('HEAD');
    expect(previous).toMatchObject({ tag: 'v1.5.0', commit: repo.head('v1.5.0^{commit}') });
    expect(previous.reason).toBe(
      "v1.5.0: the highest ancestor of HEAD matching prefix 'v' or none, valid semver; skipped prerelease v1.6.0-rc.1 because HEAD is stable.",
    );
    expect((await found('v1.6.0')).tag).toBe('v1.5.0');
    // v1.5.31 to v1.5.39 share v1.5.40's commit.
    expect((await found('v1.5.40')).tag).toBe('v1.5.30');
    expect((await found('maintenance', { includePrereleases: true })).tag).toBe('v1.5.30');
    // Equal versions on one commit: the first listed wins, as before.
    expect((await found('nightly-022')).tag).toBe('1.4.0');
    expect((await found('v1.5.0')).tag).toBe('v1.4.0');
  });

  it('asks git about the best candidates only, a batch at a time', async () => {
    const asked: string[][] = [];
    const counting = { ...git, run: (args: string[]) => (asked.push(args), git.run(args)) };
    await found('HEAD', {}, counting);
    // v1.6.0-rc.1 and v1.5.40…v1.5.1 come before v1.5.0: two batches, and never a list of every tag.
    expect(asked).toHaveLength(2);
    for (const args of asked) expect(args.filter((arg) => arg.startsWith('refs/tags/')).length).toBeLessThanOrEqual(32);
    expect(asked.flat()).not.toContain('refs/tags');
  });

  it('does not take the commit of a tag of a tag from the list, and resolves it instead', async () => {
    const notes = await generateNotes(
      { git, log: () => {} },
      { tag: 'v1.4.0', tagPrefix: 'v', paths: [], excludeAuthors: [] },
    );
    expect(notes.notes.previousTag).toBe('v1.3.1');
    expect(notes.notes.sections.flatMap((section) => section.changes).length).toBe(5);
  });
});

describe('first-time contributors, from the authors of the range only', () => {
  it('finds an author last seen in the first commit, and stops reading once every author is seen', async () => {
    let read = 0;
    const counting: Git = { ...git, lines: (args, onLine) => git.lines(args, (line) => (read++, onLine(line))) };
    const total = (await git.run(['rev-list', '--count', 'v1.5.0'])).trim();
    expect(await emailsSeenBefore(counting, 'v1.5.0', new Set(['carol@example.com', 'new@example.com']))).toEqual(
      new Set(['carol@example.com']),
    );
    expect(read).toBe(Number(total));
    read = 0;
    expect(await emailsSeenBefore(counting, 'v1.5.0', new Set(['alice@example.com', 'bob@example.com']))).toEqual(
      new Set(['alice@example.com', 'bob@example.com']),
    );
    expect(read).toBe(2);
    expect(await emailsSeenBefore(counting, 'v1.5.0', new Set())).toEqual(new Set());
    expect(read).toBe(2);
  });

  it('started before the e-mails are known, reads nothing until asked, then the same lines for the same answer', async () => {
    let started = 0;
    let read = 0;
    const counting: Git = {
      ...git,
      lines: (args, onLine, ready) => (started++, git.lines(args, (line) => (read++, onLine(line)), ready)),
    };
    const total = Number((await git.run(['rev-list', '--count', 'v1.5.0'])).trim());
    const cases: [string[], string[], number][] = [
      [['carol@example.com', 'new@example.com'], ['carol@example.com'], total],
      [['alice@example.com', 'bob@example.com'], ['alice@example.com', 'bob@example.com'], 2],
      [[], [], 1],
    ];
    for (const [asked, seen, lines] of cases) {
      started = 0;
      read = 0;
      const ask = startEmailsSeenBefore(counting, 'v1.5.0');
      expect(started).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(read).toBe(0);
      expect(await ask(new Set(asked))).toEqual(new Set(seen));
      expect(read).toBe(lines);
    }
  });

  it('names the same newcomers in the notes', async () => {
    const branch = TempRepo.create('slipway-first-time-');
    try {
      branch.commit('chore: initial commit', people.carol);
      for (let n = 0; n < 20; n += 1) branch.commit(`fix: ${n}`, people.alice);
      branch.tag('v1.0.0', true);
      branch.commit('feat: carol is back', people.carol);
      branch.commit('feat: dave arrives', people.dave);
      branch.commit('fix: alice again', people.alice);
      const { notes } = await generateNotes(
        { git: createGit(branch.dir), log: () => {} },
        { tag: 'HEAD', paths: [], excludeAuthors: [] },
      );
      expect(notes.contributors.map((person) => [person.name, person.firstTime])).toEqual([
        ['Alice', false],
        ['Carol', false],
        ['Dave', true],
      ]);
    } finally {
      branch.remove();
    }
  });
});

describe('git processes for notes with the previous tag found automatically', () => {
  it('stays within budget: no walk of every tag, nothing asked twice', async () => {
    const calls: string[] = [];
    const counting: Git = {
      ...git,
      run: (args) => (calls.push(args.join(' ')), git.run(args)),
      lines: (args, onLine) => (calls.push(args.join(' ')), git.lines(args, onLine)),
    };
    const { notes } = await generateNotes(
      { git: counting, log: () => {}, shallow: false },
      {
        tag: 'HEAD',
        paths: [],
        excludeAuthors: [],
      },
    );
    expect(notes.previousTag).toBe('v1.5.0');
    // rev-parse HEAD, the tag list, two batches of candidates, the range, the earlier authors.
    expect(calls.map((call) => call.split(' ')[0])).toEqual([
      'rev-parse',
      'for-each-ref',
      'for-each-ref',
      'for-each-ref',
      'log',
      'log',
    ]);
    expect(calls.filter((call) => call.startsWith('rev-parse'))).toHaveLength(1);
  });
});
