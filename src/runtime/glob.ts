import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';

/** Whether a path (or name) matches; dotfiles match like any other file. */
export type PathMatcher = (path: string) => boolean;

/** A matcher for one or more picomatch globs, with dotfiles matched: the one glob dialect of Slipway. */
export function globMatcher(globs: string | readonly string[]): PathMatcher {
  const patterns = typeof globs === 'string' ? globs : [...globs];
  if (patterns.length === 0) return () => false;
  return picomatch(patterns, { dot: true });
}

/** The fixed directory a glob starts from (`''` when it starts with a wildcard), and whether it has wildcards at all. */
export function globBase(glob: string): { base: string; isGlob: boolean } {
  const { base, isGlob } = picomatch.scan(glob);
  return { base, isGlob };
}

/** What is wrong with `glob`, or undefined: brackets, braces and parentheses must balance (picomatch would read them literally). */
export function globError(glob: string): string | undefined {
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

function walk(dir: string, visit: (file: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, visit);
    } else if (entry.isFile() || (entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isFile()))
      visit(path);
  }
}

/**
 * Absolute paths of the files matching any of the globs (relative to `cwd`, or absolute; `!glob`
 * excludes, matched against the path relative to `cwd` and the absolute one), sorted. Symlinks to files
 * count as files; symlinked directories are not entered (no loops). `.git` and `node_modules` are only
 * searched when a glob's fixed part points into them.
 */
export function findFiles(globs: readonly string[], cwd: string): string[] {
  const excluded = globMatcher(globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1)));
  const found = new Set<string>();
  for (const glob of globs.filter((pattern) => !pattern.startsWith('!'))) {
    const absolute = isAbsolute(glob) ? glob : resolve(cwd, glob);
    const keep = (file: string) => {
      if (!excluded(relative(cwd, file)) && !excluded(file)) found.add(file);
    };
    const { base, isGlob } = globBase(absolute);
    if (!isGlob) {
      if (statSync(absolute, { throwIfNoEntry: false })?.isFile()) keep(absolute);
      continue;
    }
    const matches = globMatcher(absolute);
    walk(base || '/', (file) => {
      if (matches(file)) keep(file);
    });
  }
  return [...found].sort();
}
