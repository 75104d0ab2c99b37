import { readLog, type CommitRecord } from '../git/log.js';
import type { Git } from '../git/runner.js';

/** A first-parent commit of the range, with the authors of every commit it brought in. */
export interface RangeCommit extends CommitRecord {
  /** Author e-mails of the commit, and for a merge commit of the branch it merged. */
  emails: string[];
  /** For a merge commit: the author of the newest commit on the merged branch (offline credit). */
  branchAuthor?: { name: string; email: string };
}

/** `previous..tag` (or all of `tag`'s history for a first release) as a range expression. */
export function rangeOf(previous: string | undefined, tag: string): string {
  return previous ? `${previous}..${tag}` : tag;
}

/** `git log previous..tag --first-parent`, newest first, with merged branches' authors. */
export async function readCommitRange(git: Git, previous: string | undefined, tag: string): Promise<RangeCommit[]> {
  const commits = await readLog(git, rangeOf(previous, tag), { firstParent: true });
  return Promise.all(
    commits.map(async (commit): Promise<RangeCommit> => {
      if (commit.parents.length < 2) return { ...commit, emails: [commit.authorEmail] };
      const branch = (await git.run(['log', '--format=%ae%x00%an', `${commit.parents[0]}..${commit.parents[1]}`])).split('\n').filter(Boolean);
      const authors = branch.map((line) => line.split('\0') as [string, string]);
      const newest = authors[0];
      return { ...commit, emails: authors.map(([email]) => email), branchAuthor: newest ? { email: newest[0], name: newest[1] } : undefined };
    }),
  );
}

/** Author e-mails of every commit reachable from `ref` (the history before the range), lower-cased. */
export async function emailsBefore(git: Git, ref: string | undefined): Promise<Set<string> | undefined> {
  if (!ref) return undefined;
  const output = await git.run(['log', '--format=%ae', ref]);
  return new Set(output.split('\n').filter(Boolean).map((email) => email.toLowerCase()));
}
