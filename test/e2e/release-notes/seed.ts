import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RepoHandle } from '../../support/emulator/index.js';
import { TempRepo } from '../../unit/git/temp-repo.js';
import type { SampleHistory } from '../../unit/release-notes/sample-history.js';

/** Each commit of a sample history by subject (the first, newest first, on any branch), with its parents. */
const sampleCommits = new Map<string, Map<string, string[]>>();

/**
 * The sample's commits, read with one git process per test file: every copy of the sample history has
 * the same commits (it is built once and copied), named here by its revert commit.
 */
function commitsBySubject(sample: SampleHistory): Map<string, string[]> {
  let commits = sampleCommits.get(sample.revertCommit);
  if (!commits) {
    commits = new Map();
    const log = execFileSync('git', ['log', '--all', '--format=%s%x00%H %P'], {
      cwd: sample.repo.dir,
      encoding: 'utf8',
    });
    for (const line of log.split('\n').filter(Boolean)) {
      const [subject = '', shas = ''] = line.split('\0');
      if (!commits.has(subject)) commits.set(subject, shas.split(' '));
    }
    sampleCommits.set(sample.revertCommit, commits);
  }
  return commits;
}

/** Seeds the emulator with the pull requests of test/unit/release-notes/sample-history.ts, as GitHub would have them. */
export function seedSamplePullRequests(handle: RepoHandle, sample: SampleHistory): void {
  const commits = commitsBySubject(sample);
  /** The commit with this subject, then its parents. */
  const shaOf = (subject: string) => {
    const shas = commits.get(subject);
    if (!shas) throw new Error(`no commit with subject ${subject}`);
    return shas;
  };
  const squash = (number: number, subject: string, title: string, author: string, labels: string[] = []) => {
    const [sha = '', parent = ''] = shaOf(subject);
    handle.addPullRequest({
      number,
      title,
      author,
      labels,
      mergeCommitSha: sha,
      head: { ref: `topic-${number}`, sha },
      base: { ref: 'main', sha: parent },
    });
  };
  squash(1, 'feat: add login (#1)', 'feat: add login', 'bob');
  const [merge = '', mainParent = '', topicParent = ''] = shaOf('Merge pull request #2 from octo/fix-crash');
  handle.addPullRequest({
    number: 2,
    title: 'fix: crash on empty input',
    author: 'carol',
    labels: ['bug'],
    mergeCommitSha: merge,
    head: { ref: 'fix-crash', sha: topicParent },
    base: { ref: 'main', sha: mainParent },
  });
  const [lastRebased = ''] = shaOf('perf: reuse buffers');
  const [, beforeRebased = ''] = shaOf('perf: cache the parser');
  handle.addPullRequest({
    number: 3,
    title: 'perf: faster parsing',
    author: 'dave',
    mergeCommitSha: lastRebased,
    head: { ref: 'perf', sha: lastRebased },
    base: { ref: 'main', sha: beforeRebased },
  });
  squash(
    4,
    'build(deps): bump yaml from 2.8.0 to 2.9.0 (#4)',
    'build(deps): bump yaml from 2.8.0 to 2.9.0',
    'dependabot[bot]',
    ['dependencies'],
  );
  squash(5, 'feat(api)!: drop the v1 endpoints (#5)', 'feat(api)!: drop the v1 endpoints', 'bob');
  squash(6, 'docs: describe login (#6)', 'docs: describe login', 'carol');
}

/**
 * A repository of `count` squash-merged pull requests (written with `git fast-import`, which is
 * quick), tagged v1.0.0 before them and v1.1.0 after.
 */
export function manyPullRequests(
  count: number,
  title: (n: number) => string,
  authorOf: (n: number) => string,
): TempRepo {
  const repo = TempRepo.create('slipway-many-');
  const lines: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let when = 1_700_000_000;
  const commit = (mark: number, message: string, author: string, from?: number) => {
    when += 60;
    lines.push(
      'commit refs/heads/main',
      `mark :${mark}`,
      `author ${author} <${author.replace(/\W/g, '')}@example.com> ${when} +0000`,
      `committer GitHub <noreply@github.com> ${when} +0000`,
      data(message).trimEnd(),
    );
    if (from) lines.push(`from :${from}`);
    lines.push(`M 644 inline file-${mark}.txt`, data(`${mark}`).trimEnd(), '');
  };
  commit(1, 'chore: initial commit', 'alice');
  for (let n = 1; n <= count; n += 1) commit(n + 1, `${title(n)} (#${n})`, authorOf(n), n);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: `${lines.join('\n')}\n` });
  repo.git('checkout', '-q', '-f', 'main');
  repo.git('tag', 'v1.0.0', 'main~' + count);
  repo.git('tag', 'v1.1.0', 'main');
  return repo;
}

/** Seeds the emulator with the pull requests of a `manyPullRequests` repository. */
export function seedMany(
  handle: RepoHandle,
  repo: TempRepo,
  title: (n: number) => string,
  authorOf: (n: number) => string,
): void {
  const lines = repo.git('rev-list', '--reverse', '--first-parent', '--parents', 'v1.0.0..v1.1.0').trim().split('\n');
  lines.forEach((line, index) => {
    const [sha = '', parent = ''] = line.split(' ');
    const n = index + 1;
    handle.addPullRequest({
      number: n,
      title: title(n),
      author: authorOf(n),
      mergeCommitSha: sha,
      head: { ref: `topic-${n}`, sha },
      base: { ref: 'main', sha: parent },
    });
  });
}

/** One change on main: a squash merge (`… (#n)`), a rebase merge (commits naming no number), or a commit pushed without a pull request. */
export type PlannedChange = { squash: number } | { rebase: number; commits: number } | 'direct';

export interface PlannedHistory {
  repo: TempRepo;
  /** Every commit pushed without a pull request, by subject. */
  directSubjects: string[];
  /** Adds the planned pull requests to the emulator as GitHub has them once merged. */
  seed(handle: RepoHandle): void;
}

/**
 * A root commit, then each release's changes on main and its tag, written with one `git fast-import`.
 * A rebase-merged pull request's commits name no number: GitHub associates them with it.
 */
export function plannedHistory(releases: Array<{ tag: string; changes: PlannedChange[] }>): PlannedHistory {
  const repo = TempRepo.create('slipway-planned-');
  const lines: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
  const pulls: Array<{ number: number; title: string; author: string; marks: number[] }> = [];
  const directSubjects: string[] = [];
  let mark = 0;
  const commit = (message: string, author: string) => {
    mark += 1;
    const when = 1_700_000_000 + mark * 60;
    lines.push(
      'commit refs/heads/main',
      `mark :${mark}`,
      `author ${author} <${author}@example.com> ${when} +0000`,
      `committer GitHub <noreply@github.com> ${when} +0000`,
      data(message),
    );
    if (mark > 1) lines.push(`from :${mark - 1}`);
    lines.push(`M 644 inline file-${mark}.txt`, data(`${mark}\n`), '');
    return mark;
  };
  commit('chore: initial commit', 'alice');
  for (const release of releases) {
    for (const change of release.changes) {
      if (change === 'direct') {
        const subject = `chore: tidy up ${directSubjects.length + 1}`;
        directSubjects.push(subject);
        commit(subject, 'alice');
      } else if ('squash' in change) {
        const title = `feat: change ${change.squash}`;
        const author = `dev${change.squash % 7}`;
        pulls.push({ number: change.squash, title, author, marks: [commit(`${title} (#${change.squash})`, author)] });
      } else {
        const author = `dev${change.rebase % 7}`;
        const marks = Array.from({ length: change.commits }, (_, i) =>
          commit(`fix: part ${i + 1} of change ${change.rebase}`, author),
        );
        pulls.push({ number: change.rebase, title: `fix: change ${change.rebase}`, author, marks });
      }
    }
    lines.push(`reset refs/tags/${release.tag}`, `from :${mark}`, '');
  }
  execFileSync('git', ['fast-import', '--quiet', '--export-marks=.git/planned-marks'], {
    cwd: repo.dir,
    input: `${lines.join('\n')}\n`,
  });
  repo.git('checkout', '-q', '-f', 'main');
  const shas = new Map(
    readFileSync(path.join(repo.dir, '.git/planned-marks'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => [Number(line.split(' ')[0]!.slice(1)), line.split(' ')[1]!] as const),
  );
  return {
    repo,
    directSubjects,
    seed(handle) {
      for (const pull of pulls) {
        // Squash or rebase: the last commit is the merge commit and stands for the head; the base is main before the first.
        const last = shas.get(pull.marks.at(-1)!)!;
        handle.addPullRequest({
          number: pull.number,
          title: pull.title,
          author: pull.author,
          mergeCommitSha: last,
          head: { ref: `topic-${pull.number}`, sha: last },
          base: { ref: 'main', sha: shas.get(pull.marks[0]! - 1)! },
        });
      }
    },
  };
}
