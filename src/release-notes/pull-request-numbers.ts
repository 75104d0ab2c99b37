const MERGE_COMMIT = /^Merge pull request #(\d+) from \S+/;
// The number GitHub appends to a squash-merge subject; a trailing quote (a plain revert of one) does not count.
const SQUASH_SUFFIX = /\(#(\d+)\)\s*$/;

/** The pull request a first-parent commit merged, read from its subject; undefined when it names none. */
export function pullRequestNumber(subject: string): number | undefined {
  const match = MERGE_COMMIT.exec(subject) ?? SQUASH_SUFFIX.exec(subject);
  return match ? Number(match[1]) : undefined;
}

/** The title a commit gives its pull request offline: a merge commit's body line, or the squash subject without `(#n)`. */
export function titleFromCommit(subject: string, body: string): string {
  if (MERGE_COMMIT.test(subject))
    return (
      body
        .split('\n')
        .find((line) => line.trim())
        ?.trim() ?? subject
    );
  return subject.replace(SQUASH_SUFFIX, '').trim();
}
