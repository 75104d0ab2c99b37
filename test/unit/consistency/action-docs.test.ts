import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceFor, syncActionDocs, updatedPage } from '../../../scripts/action-docs.mjs';

const meta = {
  name: 'Gate',
  description: 'Gates on tests.',
  inputs: {
    'reports': { description: 'Globs of | reports', required: true },
    'min-tests': { description: 'Fewest tests', default: '1' },
  },
  outputs: { passed: { description: 'true or false' } },
};

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the repository's docs script in a tree of its own, whose actions/ holds `actions` (name → action.yml text). */
function tree(actions: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'slipway-action-docs-'));
  scratch.push(root);
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(path.join(process.cwd(), 'scripts/action-docs.mjs'), path.join(root, 'scripts/action-docs.mjs'));
  symlinkSync(path.join(process.cwd(), 'node_modules'), path.join(root, 'node_modules'));
  for (const [name, yml] of Object.entries(actions)) {
    mkdirSync(path.join(root, 'actions', path.dirname(name)), { recursive: true });
    writeFileSync(path.join(root, 'actions', name), yml);
  }
  return root;
}

const check = (root: string) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/action-docs.mjs'), '--check'], { encoding: 'utf8' });

describe('action reference pages', () => {
  it('are up to date with every action.yml (run `npm run docs`)', () => {
    expect(syncActionDocs(process.cwd(), { check: true })).toEqual([]);
  });

  it('are checked for every action folder there is, not a fixed list', () => {
    const actions = readdirSync(path.join(process.cwd(), 'actions')).filter((name) => name !== 'shared');
    expect(actions.length).toBeGreaterThan(0);
    // Every folder of actions/ but the shells' shared code is an action, and each has its page checked.
    const stale = syncActionDocs(tree(Object.fromEntries(actions.map((name) => [`${name}/action.yml`, 'name: X\n']))), {
      check: true,
    });
    expect(stale).toEqual(actions.sort().map((name) => `actions/${name}/README.md`));
  });

  it('`--check` fails naming the page of an action added later, and passes once `npm run docs` wrote it', () => {
    const root = tree({
      'gate/action.yml': 'name: Gate\ninputs:\n  reports:\n    description: Globs\n',
      'newcomer/action.yaml': 'name: Newcomer\noutputs:\n  done:\n    description: Whether it ran\n',
      'shared/helper.ts': 'export {};\n',
    });
    const before = check(root);
    expect(before.status).toBe(1);
    expect(before.stdout).toBe('out of date: actions/gate/README.md\nout of date: actions/newcomer/README.md\n');
    expect(before.stderr).toContain('npm run docs');
    expect(spawnSync(process.execPath, [path.join(root, 'scripts/action-docs.mjs')]).status).toBe(0);
    const after = check(root);
    expect([after.status, after.stdout]).toEqual([0, '']);
  });

  it('tabulate inputs with required and default, and outputs', () => {
    const reference: string = referenceFor(meta);
    expect(reference).toContain('| `reports` | Globs of \\| reports | yes |  |');
    expect(reference).toContain('| `min-tests` | Fewest tests | no | `1` |');
    expect(reference).toContain('| `passed` | true or false |');
  });

  it('replace only the generated section and keep what people wrote', () => {
    const page = `# Gate\n\nHand-written intro.\n\n${referenceFor({ ...meta, outputs: {} })}\n\n## Examples\n\nKept.\n`;
    const next: string = updatedPage(page, meta, 'gate');
    expect(next).toContain('Hand-written intro.');
    expect(next).toContain('## Examples\n\nKept.');
    expect(next).toContain('| `passed` |');
    expect(updatedPage(next, meta, 'gate')).toBe(next);
  });
});
