import type { Git } from './runner.js';

export interface CommitRecord {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Author date, ISO 8601. */
  date: string;
  subject: string;
  body: string;
}

// `%aN`/`%aE`: author name and e-mail as `.mailmap` maps them, so one person's old addresses read as one.
const FIELDS = ['%H', '%P', '%aN', '%aE', '%aI', '%s', '%b'];
/** `git log` format: fields separated by NUL; with `-z` commits are NUL-separated too, so records have a fixed field count. */
export const LOG_FORMAT = `--format=${FIELDS.join('%x00')}`;

/** Parses `git log -z` output produced with LOG_FORMAT. */
export function parseLog(output: string): CommitRecord[] {
  const fields = output.split('\0');
  const commits: CommitRecord[] = [];
  for (let i = 0; i + FIELDS.length <= fields.length; i += FIELDS.length) {
    const [sha, parents, authorName, authorEmail, date, subject, body] = fields.slice(
      i,
      i + FIELDS.length,
    ) as string[] & { length: 7 };
    // With -z, git puts the record separator after the body; a leading newline may remain.
    commits.push({
      sha: sha!.replace(/^\n/, ''),
      parents: parents!.split(' ').filter(Boolean),
      authorName: authorName!,
      authorEmail: authorEmail!,
      date: date!,
      subject: subject!,
      body: body!.trim(),
    });
  }
  return commits;
}

/** Commits of `range` (e.g. `v1.0.0..v1.1.0`), newest first, following first parents unless told otherwise. */
export async function readLog(
  git: Git,
  range: string,
  options: { firstParent?: boolean; paths?: string[] } = {},
): Promise<CommitRecord[]> {
  const args = ['log', '-z', LOG_FORMAT];
  if (options.firstParent ?? true) args.push('--first-parent');
  args.push(range, '--');
  args.push(...(options.paths ?? []));
  return parseLog(await git.run(args));
}

/** Files each commit changed (merges against their first parent): sha → paths. */
export async function readChangedFiles(git: Git, range: string): Promise<Map<string, string[]>> {
  const output = await git.run([
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--name-only',
    '-z',
    '--format=%x01%H',
    range,
  ]);
  const files = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const item of output.split('\0')) {
    const token = item.replace(/^\n+/, '');
    if (token.startsWith('\x01')) {
      const [sha, first] = token.slice(1).split('\n');
      current = [];
      files.set(sha!, current);
      if (first) current.push(first);
    } else if (token && current) {
      current.push(token);
    }
  }
  return files;
}
