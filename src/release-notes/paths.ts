import { readChangedFiles } from '../git/log.js';
import type { Git } from '../git/runner.js';
import { globMatcher } from '../runtime/glob.js';

/**
 * First-parent commits of `range` that touch a file matching one of `globs` (monorepo packages),
 * from one local `git log --name-only`, never per-commit API calls. Merges count what they brought in.
 */
export async function commitsTouching(git: Git, range: string, globs: readonly string[]): Promise<Set<string>> {
  const matches = globMatcher(globs);
  const touched = new Set<string>();
  for (const [sha, files] of await readChangedFiles(git, range)) {
    if (files.some((file) => matches(file))) touched.add(sha);
  }
  return touched;
}
