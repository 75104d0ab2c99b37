import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\0')
  .filter((file) => file !== '' && !file.startsWith('node_modules/'));

/**
 * Paths that climb out of the folder they are written in towards the team's `shared/` folder, and Markdown links that
 * climb: both resolved against the file's own folder. (Other `..` in code is relative to a URL or a variable.)
 */
const climbing = [/(?<![\w./-])((?:\.\.\/)+)(shared\b[\w/.-]*)/g, /\]\(((?:\.\.\/)+)([^)\s]*)\)/g];
/** Absolute paths of the team's machines, where the repository sits beside `shared/`. */
const machinePath = /(?<![\w.-])\/work\/(?:shared|main)\b/g;

/** Where a file's relative paths that leave the repository point, as `file: path`. */
function pathsLeavingTheRepository(file: string, text: string): string[] {
  const found: string[] = [];
  for (const pattern of climbing) {
    for (const match of text.matchAll(pattern)) {
      const inside = relative(root, resolve(dirname(join(root, file)), match[1]! + match[2]!));
      if (inside.startsWith('..' + sep) || inside === '..') found.push(`${file}: ${match[0]}`);
    }
  }
  for (const match of text.matchAll(machinePath)) found.push(`${file}: ${match[0]}`);
  return found;
}

describe('the repository stands on its own', () => {
  it("no file refers to the team's shared folder or any other path outside the repository", () => {
    const leaving = tracked
      .filter((file) => !file.startsWith('dist/') && !/\.(png|jpe?g|gz|zip|deb|tgz|wasm)$/.test(file))
      .flatMap((file) => {
        let text: string;
        try {
          text = readFileSync(join(root, file), 'utf8');
        } catch {
          return []; // deleted in the working tree
        }
        return pathsLeavingTheRepository(file, text);
      });
    expect(leaving).toEqual([]);
  });

  it('the check sees a path out of the repository and lets one inside it pass', () => {
    // Spelled in pieces so that this file itself holds no such path.
    const up = (levels: number) => '../'.repeat(levels) + 'shared';
    expect(pathsLeavingTheRepository('test/unit/x.ts', `join(root, '${up(3)}/fixtures')`)).toHaveLength(1);
    expect(pathsLeavingTheRepository('CONTRIBUTING.md', `Read \`${up(1)}/DESIGN.md\``)).toHaveLength(1);
    expect(pathsLeavingTheRepository('docs/x.md', 'see [the guide](../../DESIGN.md)')).toHaveLength(1);
    expect(pathsLeavingTheRepository('x.sh', `cp ${'/work'}/shared/a b`)).toHaveLength(1);
    expect(pathsLeavingTheRepository('src/actions/promote/main.ts', `import '${up(1)}/delivery-inputs.js'`)).toEqual(
      [],
    );
    expect(pathsLeavingTheRepository('docs/x.md', 'see [the guide](../README.md)')).toEqual([]);
  });
});
