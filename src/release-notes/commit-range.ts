import { readLog, type CommitRecord } from '../git/log.js';
import type { Git } from '../git/runner.js';

/** A first-parent commit of the range, with the authors of every commit it brought in. */
export interface RangeCommit extends CommitRecord {
  /** Author e-mails of the commit, and for a merge commit of the branch it merged. */
  emails: string[];
  /** For a merge commit: the author of the newest commit on the merged branch (offline credit). */
  branchAuthor?: { name: string; email: string };
  /** For a merge commit: the commits of the branch it merged, newest first (their breaking changes and features count). */
  branch?: CommitRecord[];
}

function mergeOf(commit: CommitRecord, branch: CommitRecord[]): RangeCommit {
  const newest = branch[0];
  const branchAuthor = newest ? { email: newest.authorEmail, name: newest.authorName } : undefined;
  return { ...commit, emails: branch.map((author) => author.authorEmail), branchAuthor, branch };
}

/** `previous..tag` (or all of `tag`'s history for a first release) as a range expression. */
export function rangeOf(previous: string | undefined, tag: string): string {
  return previous ? `${previous}..${tag}` : tag;
}

/**
 * `git log previous..tag --first-parent`, newest first, with merged branches' authors
 * (for a merge, the commits of `git log parent1..parent2`).
 *
 * One `git log previous..tag` of every commit in the range: the first-parent chain is followed in
 * memory, and each merge's branch is found by walking parents from oldest merge to newest, keeping
 * the set of range commits already reachable from the first-parent line. Only when a branch reaches
 * below the range and `previous` is not the chain's base (so that history may not be reachable from
 * the first parent) is that one merge asked of git.
 */
export async function readCommitRange(
  git: Git,
  previous: string | undefined,
  tag: string,
  /** The commit `previous` names, when already known. */
  previousCommit?: string,
): Promise<RangeCommit[]> {
  const all = await readLog(git, rangeOf(previous, tag), { firstParent: false });
  const index = new Map<string, number>();
  all.forEach((commit, i) => index.set(commit.sha, i));
  const chain: CommitRecord[] = [];
  // With one positive ref, git shows it first; its first parents stay in the range until the boundary.
  for (let commit = all[0]; commit && chain.length < all.length;) {
    chain.push(commit);
    const next = commit.parents[0];
    const at = next === undefined ? undefined : index.get(next);
    commit = at === undefined ? undefined : all[at];
  }
  const base = chain.at(-1)?.parents[0];
  let baseIsPrevious: Promise<boolean> | undefined;
  const previousIsBase = (): Promise<boolean> => {
    baseIsPrevious ??=
      !previous || !base
        ? Promise.resolve(!previous)
        : previousCommit
          ? Promise.resolve(previousCommit === base)
          : git.run(['rev-parse', '--verify', '--quiet', `${previous}^{commit}`]).then(
              (out) => out.trim() === base,
              () => false,
            );
    return baseIsPrevious;
  };

  // Range commits reachable from the current first-parent commit (ancestor-closed within the range).
  const reached = new Set<number>();
  /** Marks range commits reachable from `start` and not yet reached; returns their indexes and whether the walk left the range. */
  const walk = (start: string): { found: number[]; outside: boolean } => {
    const found: number[] = [];
    let outside = false;
    const stack = [start];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      const at = index.get(sha);
      if (at === undefined) {
        outside = true;
        continue;
      }
      if (reached.has(at)) continue;
      reached.add(at);
      found.push(at);
      stack.push(...all[at]!.parents);
    }
    return { found, outside };
  };

  const results: RangeCommit[] = new Array<RangeCommit>(chain.length);
  const pending: Promise<void>[] = [];
  for (let position = chain.length - 1; position >= 0; position -= 1) {
    const commit = chain[position]!;
    // Everything the first parent reaches in the range has been walked: it is the previous chain commit.
    reached.add(index.get(commit.sha)!);
    if (commit.parents.length < 2) {
      results[position] = { ...commit, emails: [commit.authorEmail] };
      continue;
    }
    const [first, second, ...others] = commit.parents as [string, string, ...string[]];
    const branch = walk(second);
    for (const other of others) walk(other);
    const fromMemory = (): RangeCommit =>
      mergeOf(
        commit,
        branch.found.sort((a, b) => a - b).map((at) => all[at]!),
      );
    if (!branch.outside) {
      results[position] = fromMemory();
      continue;
    }
    pending.push(
      (async () => {
        if (await previousIsBase()) {
          results[position] = fromMemory();
          return;
        }
        results[position] = mergeOf(commit, await readLog(git, `${first}..${second}`, { firstParent: false }));
      })(),
    );
  }
  await Promise.all(pending);
  return results;
}

/**
 * Which of `emails` (lower-cased) author a commit reachable from `ref` (the history before the
 * range): `git log --format=%aE ref`, newest first, stopped as soon as every one has been seen, so
 * only a first-time contributor makes git read the whole history.
 */
export async function emailsSeenBefore(git: Git, ref: string, emails: ReadonlySet<string>): Promise<Set<string>> {
  if (emails.size === 0) return new Set();
  return startEmailsSeenBefore(git, ref)(emails);
}

/**
 * emailsSeenBefore started before the e-mails are known: git starts now, so that it has opened the
 * repository and written its first lines by the time they are given; until then its output is not
 * read (git waits on the full pipe). The answer is the same and so is what is read. The function
 * returned must be called once, with an empty set if nothing is wanted any more (git is then stopped).
 */
export function startEmailsSeenBefore(git: Git, ref: string): (emails: ReadonlySet<string>) => Promise<Set<string>> {
  const seen = new Set<string>();
  let wanted: ReadonlySet<string> = new Set();
  let give!: (emails: ReadonlySet<string>) => void;
  const given = new Promise<void>((resolve) => (give = (emails) => ((wanted = emails), resolve())));
  const read = git.lines(
    ['log', '--format=%aE', ref, '--'],
    (line) => {
      const email = line.toLowerCase();
      if (wanted.has(email)) seen.add(email);
      return seen.size === wanted.size;
    },
    given,
  );
  // A failure is reported to whoever asks; unasked (stopped), it is not wanted.
  read.catch(() => {});
  return async (emails) => {
    give(emails);
    await read;
    return seen;
  };
}
