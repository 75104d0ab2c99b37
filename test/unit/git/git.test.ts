import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLog, readChangedFiles, readLog } from '../../../src/git/log.js';
import { createGit, GitError } from '../../../src/git/runner.js';
import { isShallow } from '../../../src/git/shallow.js';
import { listTags, parseTagRefs, resolveCommit } from '../../../src/git/tags.js';
import { people, TempRepo } from './temp-repo.js';

let repo: TempRepo;

beforeAll(() => {
  repo = TempRepo.create();
  repo.commit('first', people.alice, { 'a.txt': 'a' });
  repo.tag('v1.0.0', true);
  repo.git('checkout', '-q', '-b', 'topic');
  repo.commit('topic work', people.bob, { 'lib/b.txt': 'b' });
  repo.git('checkout', '-q', 'main');
  repo.commit('subject with "quotes"; $(not run) `and` \\ backslash', people.carol, { 'c.txt': 'c' });
  repo.mergePullRequest(7, 'topic', 'Topic title\n\nmulti-line\nbody');
  repo.tag('v1.1.0');
});
afterAll(() => repo.remove());

describe('git log parsing', () => {
  it('reads NUL-separated fields, multi-line bodies and merge parents, first parent only', async () => {
    const commits = await readLog(createGit(repo.dir), 'v1.0.0..v1.1.0');
    expect(commits.map((c) => c.subject)).toEqual([
      'Merge pull request #7 from octo/topic',
      'subject with "quotes"; $(not run) `and` \\ backslash',
    ]);
    expect(commits[0]!.parents).toHaveLength(2);
    expect(commits[0]!.body).toBe('Topic title\n\nmulti-line\nbody');
    expect(commits[1]).toMatchObject({
      authorName: 'Carol',
      authorEmail: 'carol@example.com',
      parents: [expect.stringMatching(/^[0-9a-f]{40}$/)],
    });
  });

  it('follows every parent when asked', async () => {
    const commits = await readLog(createGit(repo.dir), 'v1.0.0..v1.1.0', { firstParent: false });
    expect(commits.map((c) => c.subject).sort()).toEqual(
      [
        'Merge pull request #7 from octo/topic',
        'subject with "quotes"; $(not run) `and` \\ backslash',
        'topic work',
      ].sort(),
    );
  });

  it('parses a record whose body is empty', () => {
    expect(parseLog(['a'.repeat(40), '', 'N', 'n@x', '2024-01-01T00:00:00Z', 's', '', ''].join('\0'))).toEqual([
      {
        sha: 'a'.repeat(40),
        parents: [],
        authorName: 'N',
        authorEmail: 'n@x',
        date: '2024-01-01T00:00:00Z',
        subject: 's',
        body: '',
      },
    ]);
  });

  it('lists the files each first-parent commit changed, merges against their first parent', async () => {
    const files = await readChangedFiles(createGit(repo.dir), 'v1.0.0..v1.1.0');
    expect([...files.values()].sort()).toEqual([['c.txt'], ['lib/b.txt']]);
  });
});

describe('tags and ancestry', () => {
  it('peels annotated tags and filters by ancestry', async () => {
    const git = createGit(repo.dir);
    const tags = await listTags(git);
    expect(tags.find((t) => t.name === 'v1.0.0')!.commit).toBe(repo.head('v1.0.0^{commit}'));
    expect((await listTags(git, { mergedInto: 'v1.0.0' })).map((t) => t.name)).toEqual(['v1.0.0']);
    expect(await resolveCommit(git, 'no-such-tag')).toBeUndefined();
  });

  it('parses for-each-ref lines of lightweight and annotated tags', () => {
    expect(
      parseTagRefs(
        'v1\0aaa\0\0date1\0commit\0\nv2\0tagobj\0bbb\0date2\0tag\0commit\nv3\0tagobj2\0tagobj\0date3\0tag\0tag\n',
      ),
    ).toEqual([
      { name: 'v1', commit: 'aaa', date: 'date1', peeled: true },
      { name: 'v2', commit: 'bbb', date: 'date2', peeled: true },
      // A tag of a tag is peeled once only: its commit is not known from the list.
      { name: 'v3', commit: 'tagobj', date: 'date3', peeled: false },
    ]);
  });

  it('passes arguments without a shell and reports failures on one line', async () => {
    const git = createGit(repo.dir);
    await expect(git.run(['rev-parse', '--verify', '$(touch /tmp/slipway-pwned)'])).rejects.toBeInstanceOf(GitError);
    await expect(git.run(['no-such-command'])).rejects.toThrow(/^git no-such-command failed: /);
  });

  it('never prompts and speaks one locale, whatever the environment says', async () => {
    const env = await createGit(repo.dir, { ...process.env, LC_ALL: 'de_DE.UTF-8', GIT_TERMINAL_PROMPT: '1' }).run([
      '-c',
      'alias.env=!env',
      'env',
    ]);
    expect(env.split('\n')).toEqual(expect.arrayContaining(['LC_ALL=C', 'GIT_TERMINAL_PROMPT=0']));
  });
});

describe('reading git output line by line', () => {
  /** A blob holding `text`, for `git cat-file -p` to print. */
  const blob = (text: string) =>
    execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: text, encoding: 'utf8' }).trim();

  it('hands over every line, and stops git at the line asked for', async () => {
    const git = createGit(repo.dir);
    const seen: string[] = [];
    await git.lines(['cat-file', '-p', blob('a\r\nb\rc\n\nd')], (line) => (seen.push(line), false));
    expect(seen).toEqual(['a', 'b', 'c', '', 'd']);
    const many = blob(Array.from({ length: 100_000 }, (_, i) => `line ${i}\n`).join(''));
    const read: string[] = [];
    await git.lines(['cat-file', '-p', many], (line) => (read.push(line), line === 'line 2'));
    expect(read).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('with `ready`, reads nothing before it settles and loses nothing git wrote and exited after', async () => {
    const git = createGit(repo.dir);
    const marker = `${repo.dir}/.git/said`;
    let release!: () => void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    // The alias prints, then leaves a marker: by then git has written everything and is exiting.
    const done = git.lines(
      ['-c', `alias.say=!printf 'one\\ntwo\\nthree'; touch '${marker}'`, 'say'],
      (line) => (seen.push(line), false),
      ready,
    );
    while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([]);
    release();
    await done;
    expect(seen).toEqual(['one', 'two', 'three']);
  });

  it('with `ready`, stops git at the line asked for and reports a failure', async () => {
    const git = createGit(repo.dir);
    const read: string[] = [];
    const many = blob(Array.from({ length: 100_000 }, (_, i) => `line ${i}\n`).join(''));
    await git.lines(['cat-file', '-p', many], (line) => (read.push(line), true), Promise.resolve());
    expect(read).toEqual(['line 0']);
    await expect(git.lines(['log', 'no-such-ref', '--'], () => false, Promise.resolve())).rejects.toThrow(
      /^git log no-such-ref -- failed: fatal: bad revision 'no-such-ref'$/,
    );
    // Even a `ready` that fails lets git's output be read rather than left waiting.
    const after: string[] = [];
    await git.lines(
      ['cat-file', '-p', blob('x\ny\n')],
      (line) => (after.push(line), false),
      Promise.reject(new Error('no')),
    );
    expect(after).toEqual(['x', 'y']);
  });
});

describe('shallow clones', () => {
  it('detects a shallow clone', async () => {
    const clone = TempRepo.create('slipway-shallow-');
    try {
      clone.git(
        '-c',
        'advice.detachedHead=false',
        'clone',
        '-q',
        '--depth',
        '1',
        '--branch',
        'v1.1.0',
        `file://${repo.dir}`,
        'work',
      );
      const git = createGit(`${clone.dir}/work`);
      expect(await isShallow(git)).toBe(true);
      expect(await isShallow(createGit(repo.dir))).toBe(false);
    } finally {
      clone.remove();
    }
  });
});
