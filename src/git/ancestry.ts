import { gitSucceeds, type Git } from './runner.js';

/** Whether `ancestor` is reachable from `descendant` (true when they are the same commit). */
export function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  return gitSucceeds(git, ['merge-base', '--is-ancestor', ancestor, descendant]);
}
