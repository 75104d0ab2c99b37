import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FixtureCommit {
  message: string;
  /** Files to write (path → content); `null` deletes the file. */
  files?: Record<string, string | null>;
  /** Branch the commit goes on (created from `from`, or the default branch, on first use). */
  branch?: string;
  author?: { name: string; email: string };
  /** Paths among `files` written executable (mode 100755). */
  executable?: string[];
  /** Lightweight tag to put on this commit. */
  tag?: string;
}

export interface GitFixture {
  dir: string;
  /** SHA of each commit, in the order given. */
  shas: string[];
  git(...args: string[]): Promise<string>;
  remove(): Promise<void>;
}

/**
 * A real git repository with the given history, written with one `git fast-import` (hundreds of
 * commits in well under a second). Use it as GitHub's copy: `gh.repo('octo/app', { gitDir: fixture.dir })`.
 */
export async function createGitFixture(
  commits: FixtureCommit[],
  options: { defaultBranch?: string; branchFrom?: Record<string, string> } = {},
): Promise<GitFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-git-'));
  const git = async (...args: string[]) => (await run('git', args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 })).stdout;
  const defaultBranch = options.defaultBranch ?? 'main';
  await git('init', '--quiet', `--initial-branch=${defaultBranch}`);
  const lines: string[] = [];
  const tips = new Map<string, number>();
  let time = 1_700_000_000;
  commits.forEach((commit, index) => {
    const branch = commit.branch ?? defaultBranch;
    const mark = index + 1;
    const author = commit.author ?? { name: 'Octo Cat', email: 'octocat@users.noreply.github.com' };
    time += 60;
    lines.push(
      `commit refs/heads/${branch}`,
      `mark :${mark}`,
      `author ${author.name} <${author.email}> ${time} +0000`,
      `committer ${author.name} <${author.email}> ${time} +0000`,
    );
    const message = Buffer.from(`${commit.message}\n`);
    lines.push(`data ${message.length}`, message.toString());
    const parent =
      tips.get(branch) ??
      (branch !== defaultBranch ? tips.get(options.branchFrom?.[branch] ?? defaultBranch) : undefined);
    if (parent) lines.push(`from :${parent}`);
    for (const [path, content] of Object.entries(commit.files ?? { [`file-${index}.txt`]: `${index}\n` })) {
      if (content === null) lines.push(`D ${path}`);
      else
        lines.push(
          `M ${commit.executable?.includes(path) ? '100755' : '100644'} inline ${path}`,
          `data ${Buffer.byteLength(content)}`,
          content,
        );
    }
    lines.push('');
    tips.set(branch, mark);
    if (commit.tag) lines.push(`reset refs/tags/${commit.tag}`, `from :${mark}`, '');
  });
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', '--export-marks=.git/fixture-marks'], {
      cwd: dir,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr}`))));
    child.stdin.end(`${lines.join('\n')}\n`);
  });
  const marks = await readMarks(dir);
  await git('checkout', '--quiet', defaultBranch);
  return {
    dir,
    shas: commits.map((_, index) => marks.get(index + 1) ?? ''),
    git,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** fast-import's marks file: `:<mark> <sha>` per line. */
async function readMarks(dir: string): Promise<Map<number, string>> {
  const text = await readFile(join(dir, '.git', 'fixture-marks'), 'utf8');
  return new Map(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [mark = '', sha = ''] = line.split(' ');
        return [Number(mark.slice(1)), sha] as [number, string];
      }),
  );
}
