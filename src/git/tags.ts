import type { Git } from './runner.js';

export interface TagRecord {
  name: string;
  /** The commit the tag points at (peeled for annotated tags). */
  commit: string;
  /** Tagger date for annotated tags, committer date for lightweight ones (ISO 8601). */
  date: string;
  /** Whether `commit` is a commit: false for a tag of a tree or blob, or of another tag (peeled once only). */
  peeled?: boolean;
}

const FORMAT =
  '%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(creatordate:iso-strict)%00%(objecttype)%00%(*objecttype)';

/** Parses `git for-each-ref refs/tags --format=FORMAT` output. */
export function parseTagRefs(output: string): TagRecord[] {
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', object = '', peeled = '', date = '', type = '', peeledType = ''] = line.split('\0');
      return { name, commit: peeled || object, date, peeled: (peeledType || type) === 'commit' };
    });
}

/** Local tags; with `mergedInto`, only those whose commit is an ancestor of (or equal to) that ref. */
export async function listTags(git: Git, options: { mergedInto?: string } = {}): Promise<TagRecord[]> {
  const args = ['for-each-ref', `--format=${FORMAT}`];
  if (options.mergedInto) args.push(`--merged=${options.mergedInto}`);
  args.push('refs/tags');
  return parseTagRefs(await git.run(args));
}

/**
 * The names of the local tags, in for-each-ref's order: no tag object is read, which with many tags
 * is most of the cost of listing them with their commits.
 */
export async function listTagNames(git: Git): Promise<string[]> {
  return (await git.run(['for-each-ref', '--format=%(refname:strip=2)', 'refs/tags'])).split('\n').filter(Boolean);
}

/**
 * Which of the tags named are ancestors of `commit` (or point at it), with their commits: one
 * `for-each-ref --merged` limited to those tags, so git walks back only as far as the oldest of
 * them, not the whole history, and peels only them.
 */
export async function tagsMergedInto(git: Git, commit: string, names: readonly string[]): Promise<TagRecord[]> {
  if (names.length === 0) return [];
  const wanted = new Set(names);
  // A pattern also matches refs below it (`refs/tags/a` matches `refs/tags/a/b`): keep only the tags asked about.
  const output = await git.run([
    'for-each-ref',
    `--format=${FORMAT}`,
    `--merged=${commit}`,
    ...names.map((name) => `refs/tags/${name}`),
  ]);
  return parseTagRefs(output).filter((tag) => wanted.has(tag.name));
}

/** The commit a ref names, or undefined when it does not resolve. */
export async function resolveCommit(git: Git, ref: string): Promise<string | undefined> {
  try {
    return (await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}
