import type { Git } from './runner.js';

export interface TagRecord {
  name: string;
  /** The commit the tag points at (peeled for annotated tags). */
  commit: string;
  /** Tagger date for annotated tags, committer date for lightweight ones (ISO 8601). */
  date: string;
}

const FORMAT = '%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(creatordate:iso-strict)';

/** Parses `git for-each-ref refs/tags --format=FORMAT` output. */
export function parseTagRefs(output: string): TagRecord[] {
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', object = '', peeled = '', date = ''] = line.split('\0');
      return { name, commit: peeled || object, date };
    });
}

/** Local tags; with `mergedInto`, only those whose commit is an ancestor of (or equal to) that ref. */
export async function listTags(git: Git, options: { mergedInto?: string } = {}): Promise<TagRecord[]> {
  const args = ['for-each-ref', `--format=${FORMAT}`];
  if (options.mergedInto) args.push(`--merged=${options.mergedInto}`);
  args.push('refs/tags');
  return parseTagRefs(await git.run(args));
}

/** The commit a ref names, or undefined when it does not resolve. */
export async function resolveCommit(git: Git, ref: string): Promise<string | undefined> {
  try {
    return (await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}
