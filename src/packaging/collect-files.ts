import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../runtime/errors.js';
import { globBase, globMatcher } from '../runtime/glob.js';
import { normalMode } from './reproducible.js';

/** One entry of an artefact, with everything needed to write it the same way on any machine. */
export interface PackageEntry {
  /** Path inside the archive: relative, `/`-separated, without `.` or `..` segments. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  /** 0644 or 0755 for files (by the executable bit), 0755 for directories, 0777 for symlinks. */
  mode: number;
  /** Bytes of a file; 0 for directories and symlinks. */
  size: number;
  /** Where a file's bytes are read from; absent when `content` holds them. */
  source?: string;
  content?: Buffer;
  /** A symlink's target, relative to the link's directory. */
  linkTarget?: string;
}

/**
 * The entries to package from `input`: one directory (entries relative to it), or newline-separated
 * globs relative to `cwd` (entries keep their paths; a matched directory brings everything under
 * it; `!pattern` excludes). Sorted by byte order; parents of every entry included. Directories in
 * `skip` (such as the output directory, when it lies inside the tree) are left out.
 */
export async function collectFiles(input: string, cwd: string, skip: string[] = []): Promise<PackageEntry[]> {
  const lines = input
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0)
    throw new UserError('No path given to package: set it to a directory or to newline-separated globs.');
  const single = lines.length === 1 && lines[0] !== undefined ? path.resolve(cwd, lines[0]) : undefined;
  // A directory given through a symlink (build -> out/build) is still that directory.
  const singleStats = single ? await stat(single).catch(() => undefined) : undefined;
  const skipped = new Set(skip.map((dir) => path.resolve(dir)));
  const entries =
    singleStats?.isDirectory() && single
      ? await walk(single, '', single, skipped)
      : await collectGlobs(lines, cwd, skipped);
  if (!entries.some((entry) => entry.type !== 'directory')) {
    throw new UserError(
      `Nothing to package: ${lines.map((line) => `'${line}'`).join(', ')} matched no files. Check the path and that the build wrote its output there.`,
    );
  }
  return sortEntries(withParents(entries));
}

/** Byte order of the UTF-8 paths, the same on every machine and locale. */
export function sortEntries<T extends { path: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

async function collectGlobs(patterns: string[], cwd: string, skipped: Set<string>): Promise<PackageEntry[]> {
  const include = patterns.filter((pattern) => !pattern.startsWith('!'));
  const exclude = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  for (const pattern of [...include, ...exclude]) {
    if (path.isAbsolute(pattern) || pattern.split(/[\\/]/).includes('..')) {
      throw new UserError(
        `Path pattern '${pattern}' reaches outside the workspace; give a pattern relative to the workspace without '..'.`,
      );
    }
  }
  const included = globMatcher(include);
  const excluded = globMatcher(exclude);
  const bases = [...new Set(include.map((pattern) => globBase(pattern).base || '.'))];
  const found = new Map<string, PackageEntry>();
  for (const base of bases) {
    const dir = path.resolve(cwd, base);
    const stats = await lstat(dir).catch(() => undefined);
    if (!stats?.isDirectory()) {
      if (stats && included(toPosix(base))) found.set(toPosix(base), await describe(dir, toPosix(base), stats, cwd));
      continue;
    }
    for (const entry of await walk(dir, base === '.' ? '' : toPosix(base), cwd, skipped)) {
      const matched = included(entry.path) || ancestors(entry.path).some((parent) => included(parent));
      if (matched && !excluded(entry.path) && !ancestors(entry.path).some((parent) => excluded(parent)))
        found.set(entry.path, entry);
    }
  }
  return [...found.values()];
}

/** Every entry under `dir`, with archive paths starting at `prefix`; symlinks must stay inside `tree`. */
async function walk(dir: string, prefix: string, tree: string, skipped: Set<string>): Promise<PackageEntry[]> {
  const entries: PackageEntry[] = [];
  const pending: Array<[string, string]> = [[dir, prefix]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, archivePath] = next;
    let children: Dirent[];
    try {
      children = await readdir(current, { withFileTypes: true });
    } catch (error) {
      throw new UserError(
        `Cannot read directory '${current}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      );
    }
    for (const child of children) {
      const full = path.join(current, child.name);
      if (skipped.has(full)) continue;
      const childPath = archivePath ? `${archivePath}/${child.name}` : child.name;
      const stats = await lstat(full).catch((error: NodeJS.ErrnoException) => {
        throw new UserError(`Cannot read '${full}': ${error.code ?? String(error)} (is its name valid UTF-8?).`);
      });
      const entry = await describe(full, childPath, stats, tree);
      entries.push(entry);
      if (entry.type === 'directory') pending.push([full, childPath]);
    }
  }
  return entries;
}

async function describe(full: string, archivePath: string, stats: Stats, tree: string): Promise<PackageEntry> {
  if (/[\\\r\n]/.test(archivePath)) {
    throw new UserError(
      `Cannot package '${full}': its name holds a backslash or line break, which archives cannot carry portably. Rename it.`,
    );
  }
  if (stats.isDirectory()) return { path: archivePath, type: 'directory', mode: normalMode('directory'), size: 0 };
  if (stats.isFile())
    return { path: archivePath, type: 'file', mode: normalMode('file', stats.mode), size: stats.size, source: full };
  if (stats.isSymbolicLink())
    return {
      path: archivePath,
      type: 'symlink',
      mode: normalMode('symlink'),
      size: 0,
      linkTarget: await insideTarget(full, tree),
    };
  const kind = stats.isSocket() ? 'a socket' : stats.isFIFO() ? 'a FIFO (named pipe)' : 'a device file';
  throw new UserError(
    `Cannot package '${full}': it is ${kind}; only files, directories and symlinks can be packaged. Remove it or exclude it with a '!pattern'.`,
  );
}

/** A symlink's target relative to its directory, refusing targets outside the packaged tree. */
async function insideTarget(link: string, tree: string): Promise<string> {
  const target = await readlink(link);
  const resolved = path.resolve(path.dirname(link), target);
  const refuse = (): never => {
    throw new UserError(
      `Cannot package symlink '${link}': it points to '${target}', outside the packaged tree '${tree}'. Copy the target into the tree or remove the link.`,
    );
  };
  if (!isInside(path.resolve(tree), resolved)) refuse();
  const real = await realpath(link).catch(() => undefined);
  if (real !== undefined && !isInside(await realpath(tree), real)) refuse();
  return path.isAbsolute(target) ? toPosix(path.relative(path.dirname(link), resolved)) || '.' : toPosix(target);
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function withParents(entries: PackageEntry[]): PackageEntry[] {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  for (const entry of entries) {
    for (const parent of ancestors(entry.path)) {
      if (!byPath.has(parent))
        byPath.set(parent, { path: parent, type: 'directory', mode: normalMode('directory'), size: 0 });
    }
  }
  return [...byPath.values()];
}

/** `a/b/c` → `a`, `a/b`. */
function ancestors(archivePath: string): string[] {
  const parts = archivePath.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/').replace(/^\.\//, '').replace(/\/$/, '');
}
