import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Emulator, startEmulator } from '../../support/emulator/index.js';
import { runAction } from '../../support/harness.js';

/** One bad-input case: the action, the `with:` values, and the input the error must name. */
interface BadInputCase {
  case: string;
  inputs: Record<string, string>;
  names: string;
  /** A small tar.gz the case needs in the workspace, at this path. */
  artefact?: string;
  /** Permissions withheld from the token: `deployments` (no writes) or `deployments:none` (no reads either). */
  restrict?: string[];
}

const dir = 'test/fixtures/bad-input';
const corpus = readdirSync(dir)
  .filter((file) => file.endsWith('.yml'))
  .flatMap((file) => (parse(readFileSync(join(dir, file), 'utf8')) as BadInputCase[]).map((c) => ({ action: file.replace(/\.yml$/, ''), ...c })));

let github: Emulator;
/** Writes GitHub accepted (a refused write changes nothing). */
const acceptedWrites = () => github.requests.filter((r) => r.method !== 'GET' && r.operationId !== 'graphql' && r.status > 0 && r.status < 400).length;
beforeAll(async () => {
  github = await startEmulator();
  github.repo('octo/app');
});
afterAll(async () => {
  await github.close({ allowViolations: true });
});

describe('bad input corpus', () => {
  it('holds at least 40 cases across the actions', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.action)).size).toBeGreaterThanOrEqual(6);
  });

  it.each(corpus.map((c) => [`${c.action}: ${c.case}`, c] as const))('%s', async (_title, badCase) => {
    const restrictions = (badCase.restrict ?? []).map((entry) => entry.split(':') as [string, ('read' | 'none')?]);
    for (const [permission, access] of restrictions) github.restrictPermission(permission, access ?? 'read');
    const writesBefore = acceptedWrites();
    const workspace = mkdtempSync(join(tmpdir(), 'slipway-bad-input-'));
    if (badCase.artefact) {
      mkdirSync(join(workspace, 'build'));
      writeFileSync(join(workspace, 'build', 'index.html'), 'hello');
      execFileSync('tar', ['-czf', join(workspace, badCase.artefact), '-C', join(workspace, 'build'), '.']);
    }
    try {
      const run = await runAction({ action: badCase.action, inputs: badCase.inputs, github, repository: 'octo/app', workspace });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      const error = run.errors[0]!;
      expect(error).not.toContain('\n');
      expect(error).toContain(`'${badCase.names}'`);
      expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      const writesAfter = acceptedWrites();
      expect(writesAfter, 'nothing created or changed on GitHub').toBe(writesBefore);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
      for (const [permission] of restrictions) github.restrictPermission(permission, false);
    }
  });
});
