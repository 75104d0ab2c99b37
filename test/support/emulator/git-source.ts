import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FULL_SHA = /^[0-9a-f]{40}$/;
const FIELD = '\x1f';
const RECORD = '\x1e';
const COMMIT_FORMAT = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x1f') + '%x1e';

export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  message: string;
}

export interface GitRef {
  ref: string;
  /** What the ref points at: a commit, or an annotated tag object. */
  sha: string;
  type: 'commit' | 'tag';
}

export interface FileChange {
  filename: string;
  previous_filename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  sha: string | null;
}

/**
 * GitHub's copy of a repository, read from a real git repository on disk with `git`. The emulator
 * never writes to it: refs changed through the API live in the emulator's overlay.
 */
export class GitSource {
  /** Answers about objects named by full SHA never change (objects are immutable): asked of git once. */
  private readonly byObjectId = new Map<string, Promise<unknown>>();

  constructor(readonly gitDir: string) {}

  /** `compute()` once for `key` when every name in it is a full SHA; an answer of nothing is not kept (it may come). */
  private once<T>(names: (string | undefined)[], key: string, compute: () => Promise<T>): Promise<T> {
    if (!names.every((name) => name === undefined || FULL_SHA.test(name))) return compute();
    const known = this.byObjectId.get(key) as Promise<T> | undefined;
    if (known) return known;
    const answer = compute();
    this.byObjectId.set(key, answer);
    void answer.then(
      (value) => (value === undefined ? this.byObjectId.delete(key) : undefined),
      () => this.byObjectId.delete(key),
    );
    return answer;
  }

  async git(args: string[]): Promise<string> {
    const { stdout } = await run('git', args, {
      cwd: this.gitDir,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    return stdout;
  }

  /** The commit a revision names, or undefined when there is none. */
  async resolveCommit(revision: string): Promise<string | undefined> {
    if (revision.startsWith('-')) return undefined;
    return this.once([revision], `commit-of:${revision}`, async () => (await this.name(`${revision}^{commit}`))?.oid);
  }

  async objectType(sha: string): Promise<string | undefined> {
    return this.once([sha], `type:${sha}`, async () => (await this.name(sha))?.type);
  }

  /** Stops the process that names objects; the next question starts another. */
  close(): void {
    this.names?.close();
    this.names = undefined;
  }

  private names: ObjectNames | undefined;

  /** The object `name` names, as `git rev-parse --verify` reads a name; undefined when it names none. */
  private async name(name: string): Promise<{ oid: string; type: string } | undefined> {
    if (/[\r\n]/.test(name)) return undefined; // no object name holds a line break
    // A resolver that has stopped (its directory gone, say) is replaced: each question gets git's answer.
    if (!this.names || this.names.closed) this.names = new ObjectNames(this.gitDir);
    return this.names.ask(name);
  }

  async refs(): Promise<GitRef[]> {
    const out = await this.git([
      'for-each-ref',
      `--format=%(refname)${FIELD}%(objectname)${FIELD}%(objecttype)`,
      'refs/heads',
      'refs/tags',
    ]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ref = '', sha = '', type] = line.split(FIELD);
        return { ref, sha, type: type === 'tag' ? 'tag' : 'commit' };
      });
  }

  /** Commits reachable from `revision`, newest first (what GET /commits lists). */
  async log(
    revision: string,
    options: { path?: string; since?: string; until?: string; author?: string } = {},
  ): Promise<GitCommit[]> {
    const args = ['log', `--format=${COMMIT_FORMAT}`];
    if (options.since) args.push(`--since=${options.since}`);
    if (options.until) args.push(`--until=${options.until}`);
    if (options.author) args.push(`--author=${options.author}`);
    args.push(revision, '--');
    if (options.path) args.push(options.path);
    return parseCommits(await this.git(args));
  }

  async commit(sha: string): Promise<GitCommit | undefined> {
    const resolved = await this.resolveCommit(sha);
    if (!resolved) return undefined;
    return this.once([resolved], `commit:${resolved}`, async () =>
      parseCommits(await this.git(['log', '-1', `--format=${COMMIT_FORMAT}`, resolved])).at(0),
    );
  }

  /** Commits in head that are not in base, oldest first (the order compare returns them in). */
  async range(base: string, head: string): Promise<GitCommit[]> {
    return this.once([base, head], `range:${base}..${head}`, async () =>
      parseCommits(await this.git(['log', '--reverse', `--format=${COMMIT_FORMAT}`, `${base}..${head}`, '--'])),
    );
  }

  async count(range: string): Promise<number> {
    return Number((await this.git(['rev-list', '--count', range, '--'])).trim());
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    return this.once([a, b], `merge-base:${a}:${b}`, async () => {
      try {
        return (await this.git(['merge-base', a, b])).trim() || undefined;
      } catch {
        return undefined;
      }
    });
  }

  /** Files changed between two commits; with one commit, what it changed against its first parent. */
  async changes(from: string | undefined, to: string): Promise<FileChange[]> {
    return this.once([from, to], `changes:${from}:${to}`, () => this.readChanges(from, to));
  }

  private async readChanges(from: string | undefined, to: string): Promise<FileChange[]> {
    const spec = from ? [from, to] : ['--root', to];
    const base = from ? ['diff'] : ['diff-tree', '-r', '--no-commit-id'];
    const [numstat, raw] = await Promise.all([
      this.git([...base, '--numstat', '-M', ...spec]),
      this.git([...base, '--raw', '-M', '--abbrev=40', ...spec]),
    ]);
    const counts = new Map<string, [number, number]>();
    for (const line of numstat.split('\n').filter(Boolean)) {
      const [added = '0', deleted = '0', ...rest] = line.split('\t');
      const name = rest
        .join('\t')
        .replace(/^.*=> /, '')
        .replace(/[{}]/g, '');
      counts.set(name, [Number(added) || 0, Number(deleted) || 0]);
    }
    return raw
      .split('\n')
      .filter((line) => line.startsWith(':'))
      .map((line) => {
        const [meta = '', ...names] = line.split('\t');
        const [, , , newSha = '', code = 'M'] = meta.split(' ');
        const filename = names[names.length - 1] ?? '';
        const [additions, deletions] = counts.get(filename) ?? [0, 0];
        const status = STATUS_NAMES[code[0] ?? 'M'] ?? 'modified';
        return {
          filename,
          ...(status === 'renamed' ? { previous_filename: names[0] } : {}),
          status,
          additions,
          deletions,
          sha: /^0+$/.test(newSha) ? null : newSha,
        };
      });
  }
}

/**
 * One `git cat-file --batch-check` kept running, to name the objects and refs the API asks about:
 * without it, each branch, tag or SHA in a request cost one or two `git rev-parse` processes. It
 * reads refs and objects afresh for each name, so commits and refs written later are found.
 */
class ObjectNames {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(line: string | undefined) => void> = [];
  private rest = '';
  closed = false;

  constructor(gitDir: string) {
    this.child = spawn('git', ['cat-file', '--batch-check'], {
      cwd: gitDir,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    // An idle resolver must not keep the test process alive.
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr])
      (stream as { unref?(): void }).unref?.();
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.rest + chunk).split('\n');
      this.rest = lines.pop()!;
      for (const line of lines) this.waiting.shift()?.(line);
    });
    this.child.stderr.resume();
    this.child.stdin.on('error', () => this.close());
    this.child.once('error', () => this.close());
    this.child.once('close', () => this.close());
  }

  /** `<oid> <type> <size>` for a name git can read; `<name> missing` (or `ambiguous`) otherwise. */
  ask(name: string): Promise<{ oid: string; type: string } | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise<string | undefined>((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${name}\n`);
    }).then((line) => {
      const [oid = '', type = '', size] = line?.split(' ') ?? [];
      return size !== undefined && /^[0-9a-f]{40,64}$/.test(oid) ? { oid, type } : undefined;
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const resolve of this.waiting.splice(0)) resolve(undefined);
    this.child.stdin.end();
    this.child.kill();
  }
}

const STATUS_NAMES: Record<string, FileChange['status']> = {
  A: 'added',
  D: 'removed',
  M: 'modified',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
};

function parseCommits(output: string): GitCommit[] {
  return output
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [sha = '', tree = '', parents = '', an = '', ae = '', ad = '', cn = '', ce = '', cd = '', message = ''] =
        record.split(FIELD);
      return {
        sha,
        tree,
        parents: parents.split(' ').filter(Boolean),
        author: { name: an, email: ae, date: githubDate(ad) },
        committer: { name: cn, email: ce, date: githubDate(cd) },
        message: message.replace(/\n+$/, ''),
      };
    });
}

/** GitHub writes timestamps in UTC without fractions: 2011-04-14T16:00:49Z. */
export function githubDate(value: string | Date): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
