import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * What a release's tree holds, one line per entry, so a kept release is reused only while it is unchanged.
 * Every target writes it when installing and compares it before reusing: `dir:` reads the tree in place,
 * `ssh:` over SFTP, and both produce these same lines.
 */
export function manifestLine(entry: ManifestEntry): string {
  const path = JSON.stringify(entry.path);
  if (entry.kind === 'link') return `link ${path} ${JSON.stringify(entry.target)}`;
  if (entry.kind === 'file') return `file ${path} ${(entry.mode & 0o7777).toString(8)} ${entry.sha256}`;
  return `${entry.kind} ${path}`;
}

export type ManifestEntry =
  | { kind: 'dir' | 'other'; path: string }
  | { kind: 'link'; path: string; target: string }
  | { kind: 'file'; path: string; mode: number; sha256: string };

/** Sorts directory entries the way every manifest lists them. */
export function byName<T extends { name: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

export async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Every entry under a local `dir` (never following a symlink), sorted: a file's mode and SHA-256, a link's target. */
export async function treeEntries(dir: string, prefix = ''): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const entry of byName(await readdir(join(dir, prefix), { withFileTypes: true }))) {
    const path = join(prefix, entry.name);
    const full = join(dir, path);
    if (entry.isSymbolicLink()) entries.push({ kind: 'link', path, target: await readlink(full) });
    else if (entry.isDirectory()) entries.push({ kind: 'dir', path }, ...(await treeEntries(dir, path)));
    else if (entry.isFile())
      entries.push({ kind: 'file', path, mode: (await lstat(full)).mode, sha256: await sha256(full) });
    else entries.push({ kind: 'other', path });
  }
  return entries;
}

/** The manifest lines of a local tree. */
export async function treeManifest(dir: string): Promise<string[]> {
  return (await treeEntries(dir)).map(manifestLine);
}
