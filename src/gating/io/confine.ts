import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { UserError } from '../../runtime/errors.js';

/** A report resolves (itself, or through a symlink) to a file outside the directory reports are read from. */
export class OutsideRoot extends UserError {
  override name = 'OutsideRoot';
  constructor(
    readonly file: string,
    readonly root: string,
  ) {
    super(
      `${file}: resolves to a file outside ${root}; reports are read only from inside it, so it is refused unread.`,
    );
  }
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * Refuses, before anything is read, a file that is outside `root` or resolves there through symlinks
 * (an exact path, `../x`, a symlinked report or folder pointing at `/etc/passwd`). `trusted` files are
 * let through: the CLI reads any absolute path its user typed.
 */
export function confineToRoot(
  files: readonly string[],
  root: string,
  trusted: (file: string) => boolean = () => false,
): string[] {
  const realRoot = realpathSync(root);
  for (const file of files) {
    if (trusted(file)) continue;
    if (!inside(realRoot, realpathSync(file))) throw new OutsideRoot(file, root);
  }
  return [...files];
}
