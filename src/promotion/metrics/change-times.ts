import { type Git, GitError } from '../../git/runner.js';

interface Commit {
  parents: string[];
  authoredAt: number;
}

type Range = { id: number; from: string | null; to: string };

const FORMAT = '--format=%H %at %P';
/** A full SHA-1 or SHA-256 object id, as git prints it. */
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** `git log` output in FORMAT, in git's order. */
function parseCommits(output: string): Map<string, Commit> {
  const commits = new Map<string, Commit>();
  for (const line of output.split('\n').filter(Boolean)) {
    const [sha, at, ...parents] = line.split(' ');
    commits.set(sha!, { parents, authoredAt: Number(at) * 1000 });
  }
  return commits;
}

/** The first commit time of each change in `commits`, a range's commits ending at `to`. */
function firstCommitTimes(commits: ReadonlyMap<string, Commit>, to: string): number[] {
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
 * The first commit time of each change `from..to` brought: a change is a commit on the first-parent
 * line (a merged pull request, a squash or a direct push), and its first commit time is the earliest
 * author time among the commits it merged. Without `from`, the deployed commit alone.
 */
export async function changeFirstCommitTimes(git: Git, from: string | null, to: string): Promise<number[]> {
  const range = from ? [`${from}..${to}`] : ['-1', to];
  return firstCommitTimes(parseCommits(await git.run(['log', FORMAT, ...range, '--'])), to);
}

/**
 * Change times for each delivered range whose commits the checkout has; a range git cannot read
 * (a shallow or foreign checkout) is left out, and the metrics say how many.
 */
export async function changeTimesByDeployment(git: Git, ranges: readonly Range[]): Promise<Map<number, number[]>> {
  // Full object ids only: they are what git prints back, so each range can be matched to the commits it names.
  if (ranges.every((range) => OBJECT_ID.test(range.to) && (range.from === null || OBJECT_ID.test(range.from)))) {
    try {
      return await changeTimesInOneWalk(git, ranges);
    } catch (error) {
      // A history git cannot walk as a whole (an object missing inside it): each range as git answers it.
      if (!(error instanceof GitError)) throw error;
    }
  }
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

/**
 * What asking git for each range gives, in three git processes however many ranges there are: which
 * ends the checkout has (a range missing one is one git cannot read), the commits every `from` has
 * (below them no range reaches), and the history above those, in which each range is walked.
 */
async function changeTimesInOneWalk(git: Git, ranges: readonly Range[]): Promise<Map<number, number[]>> {
  const ends = new Set(ranges.flatMap((range) => (range.from ? [range.from, range.to] : [range.to])));
  if (ends.size === 0) return new Map();
  const present = parseCommits(await git.run(['log', '--no-walk=unsorted', '--ignore-missing', FORMAT, ...ends, '--']));
  const readable = ranges.filter((range) => present.has(range.to) && (range.from === null || present.has(range.from)));
  const tips = new Set(readable.flatMap((range) => (range.from ? [range.from, range.to] : [])));
  let history = new Map<string, Commit>();
  if (tips.size > 0) {
    const froms = new Set(readable.flatMap((range) => (range.from ? [range.from] : [])));
    const bases = await git.run(['merge-base', '--octopus', '--all', ...froms]).catch((error: unknown) => {
      if (error instanceof GitError && error.exitCode === 1) return ''; // unrelated histories: nothing in common
      throw error;
    });
    // Topological order (children first) is the order the ranges are walked in.
    const walk = ['log', '--topo-order', FORMAT, ...tips, '--not', ...bases.split('\n').filter(Boolean), '--'];
    history = parseCommits(await git.run(walk));
  }
  const order = [...history.keys()];
  const index = new Map(order.map((sha, i) => [sha, i]));
  const times = new Map<number, number[]>();
  for (const range of readable) {
    const commits = range.from
      ? rangeCommits(history, order, index, range.from, range.to)
      : new Map([[range.to, present.get(range.to)!]]);
    times.set(range.id, firstCommitTimes(commits, range.to));
  }
  return times;
}

/**
 * The commits of `from..to` (reachable from `to`, not from `from`) in `history`, whose `order` puts
 * children before parents and which leaves out only commits every range's `from` reaches. Commits are
 * visited in that order, so each is marked by all its children before it is; the walk ends once no
 * commit left to visit is reached from `to` alone.
 */
function rangeCommits(
  history: ReadonlyMap<string, Commit>,
  order: readonly string[],
  index: ReadonlyMap<string, number>,
  from: string,
  to: string,
): Map<string, Commit> {
  const TO = 1;
  const FROM = 2;
  const marks = new Map<number, number>();
  const queue = new MinHeap();
  let open = 0; // queued commits marked TO only
  const mark = (sha: string, flag: number) => {
    const i = index.get(sha);
    if (i === undefined) return; // below the walk: reached from every `from`
    const old = marks.get(i) ?? 0;
    const now = old | flag;
    if (now === old) return;
    if (old === 0) queue.push(i);
    marks.set(i, now);
    open += Number(now === TO) - Number(old === TO);
  };
  mark(to, TO);
  mark(from, FROM);
  const commits = new Map<string, Commit>();
  while (open > 0) {
    const i = queue.pop();
    const flag = marks.get(i)!;
    const commit = history.get(order[i]!)!;
    if (flag === TO) {
      open--;
      commits.set(order[i]!, commit);
    }
    for (const parent of commit.parents) mark(parent, flag);
  }
  return commits;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  push(item: number): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (items[up]! <= item) break;
      items[i] = items[up]!;
      i = up;
    }
    items[i] = item;
  }

  /** The least item; only called when there is one. */
  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && items[child + 1]! < items[child]!) child++;
        if (items[child]! >= last) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
