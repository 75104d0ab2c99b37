import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { UserError } from '../../runtime/errors.js';

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
    } else if (entry.isFile()) visit(path);
  }
}

/**
 * Files matching any of the globs (relative to `cwd`, or absolute; `!glob` excludes), sorted.
 * `.git` and `node_modules` are only searched when a glob's fixed part points into them.
 */
export function findFiles(globs: readonly string[], cwd: string): string[] {
  const include = globs.filter((glob) => !glob.startsWith('!'));
  const exclude = globs.filter((glob) => glob.startsWith('!')).map((glob) => picomatch(glob.slice(1), { dot: true }));
  const found = new Set<string>();
  for (const glob of include) {
    const absolute = isAbsolute(glob) ? glob : resolve(cwd, glob);
    const { base, isGlob } = picomatch.scan(absolute);
    const keep = (file: string) => {
      const rel = relative(cwd, file);
      if (!exclude.some((matches) => matches(rel) || matches(file))) found.add(file);
    };
    if (!isGlob) {
      if (statSync(absolute, { throwIfNoEntry: false })?.isFile()) keep(absolute);
      continue;
    }
    const matches = picomatch(absolute, { dot: true });
    walk(base || '/', (file) => {
      if (matches(file)) keep(file);
    });
  }
  return [...found].sort();
}

/** Like findFiles, but no match is a mistake worth one clear line. */
export function findReports(globs: readonly string[], cwd: string, what = 'test report', input = 'reports'): string[] {
  const files = findFiles(globs, cwd);
  if (files.length === 0) {
    throw new UserError(`No ${what} matched ${globs.map((glob) => JSON.stringify(glob)).join(', ')} in ${cwd}. Check the '${input}' globs and that the test step wrote its reports before this step.`);
  }
  return files;
}
