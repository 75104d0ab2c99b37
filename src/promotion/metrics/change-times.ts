import { type Git, GitError } from '../../git/runner.js';

interface Commit {
  parents: string[];
  authoredAt: number;
}

/**
 * The first commit time of each change `from..to` brought: a change is a commit on the first-parent
 * line (a merged pull request, a squash or a direct push), and its first commit time is the earliest
 * author time among the commits it merged. Without `from`, the deployed commit alone.
 */
export async function changeFirstCommitTimes(git: Git, from: string | null, to: string): Promise<number[]> {
  const range = from ? [`${from}..${to}`] : ['-1', to];
  const output = await git.run(['log', '--format=%H %at %P', ...range, '--']);
  const commits = new Map<string, Commit>();
  for (const line of output.split('\n').filter(Boolean)) {
    const [sha, at, ...parents] = line.split(' ');
    commits.set(sha!, { parents, authoredAt: Number(at) * 1000 });
  }
  const times: number[] = [];
  const onLine = new Set<string>();
  for (let sha: string | undefined = to; sha && commits.has(sha); sha = commits.get(sha)!.parents[0]) onLine.add(sha);
  for (const sha of onLine) {
    let first = commits.get(sha)!.authoredAt;
    const stack = commits.get(sha)!.parents.slice(1);
    const seen = new Set<string>();
    while (stack.length > 0) {
      const next = stack.pop()!;
      const commit = commits.get(next);
      if (!commit || onLine.has(next) || seen.has(next)) continue;
      seen.add(next);
      first = Math.min(first, commit.authoredAt);
      stack.push(...commit.parents);
    }
    times.push(first);
  }
  return times;
}

/**
 * Change times for each delivered range whose commits the checkout has; a range git cannot read
 * (a shallow or foreign checkout) is left out, and the metrics say how many.
 */
export async function changeTimesByDeployment(
  git: Git,
  ranges: readonly { id: number; from: string | null; to: string }[],
): Promise<Map<number, number[]>> {
  const times = new Map<number, number[]>();
  for (const range of ranges) {
    try {
      times.set(range.id, await changeFirstCommitTimes(git, range.from, range.to));
    } catch (error) {
      // Not in this checkout: that deployment's lead time is unknown, not zero.
      if (!(error instanceof GitError)) throw error;
    }
  }
  return times;
}
