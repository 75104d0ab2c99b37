import { gitSucceeds, type Git } from './runner.js';

/** Whether `ancestor` is reachable from `descendant` (true when they are the same commit). */
export function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  return gitSucceeds(git, ['merge-base', '--is-ancestor', ancestor, descendant]);
}

/** The best common ancestor of two refs, or undefined when their histories do not meet. */
export async function mergeBase(git: Git, a: string, b: string): Promise<string | undefined> {
  try {
    return (await git.run(['merge-base', a, b])).trim() || undefined;
  } catch {
    return undefined;
  }
}
