import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const fresh = mkdtempSync(join(tmpdir(), 'slipway-dist-'));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

/** A module and every chunk it imports statically (`import … from "./x.js"`, not `import("./x.js")`), depth first. */
function staticImports(dir: string, file: string, seen: string[] = []): string[] {
  if (seen.includes(file)) return seen;
  seen.push(file);
  const code = readFileSync(join(dir, file), 'utf8');
  for (const [, chunk] of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+)["']/g))
    if (chunk) staticImports(dir, chunk, seen);
  return seen;
}

describe('dist/', () => {
  it('matches a fresh build byte for byte (commit dist/ after changing src/)', () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--out', fresh], { cwd: root, stdio: 'pipe' });
    const built = filesUnder(fresh);
    const committed = filesUnder(join(root, 'dist'));
    expect(committed).toEqual(built);
    const differing = built.filter(
      (file) => !readFileSync(join(fresh, file)).equals(readFileSync(join(root, 'dist', file))),
    );
    expect(differing.map((file) => relative(root, join(root, 'dist', file)))).toEqual([]);
  }, 600_000);

  it('starts light: @actions/core, undici and Octokit load from chunks, after the inputs are valid', () => {
    for (const bundle of readdirSync(join(root, 'dist'))) {
      // What Node loads before the first line runs: index.js and the chunks it imports statically.
      const startup = staticImports(join(root, 'dist', bundle), 'index.js');
      const code = startup.map((file) => readFileSync(join(root, 'dist', bundle, file), 'utf8')).join('\n');
      expect(code.length, `dist/${bundle}/index.js and its static imports`).toBeLessThan(2 ** 20);
      // Strings that only @actions/core (its OIDC client's error; the light ActionContext reads the variable's name too), undici and Octokit hold.
      const found = ['Unable to get ACTIONS_ID_TOKEN_REQUEST_URL', 'undici', 'octokit'].filter((marker) =>
        code.toLowerCase().includes(marker.toLowerCase()),
      );
      expect(found, `dist/${bundle}: ${startup.join(', ')}`).toEqual([]);
    }
  });

  it('ships each bundle as an ES module', () => {
    for (const bundle of readdirSync(join(root, 'dist'))) {
      expect(JSON.parse(readFileSync(join(root, 'dist', bundle, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
    }
  });
});
