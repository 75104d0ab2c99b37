import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ArtifactService, startArtifactService } from '../../support/artifact-service.js';
import { createGitFixture, type GitFixture } from '../../support/emulator/git-fixture.js';
import { type Emulator, startEmulator } from '../../support/emulator/index.js';
import { runAction } from '../../support/harness.js';

/** One bad-input case: the action, the `with:` values, and the input the error must name. */
interface BadInputCase {
  'case': string;
  'inputs': Record<string, string>;
  'names': string;
  /** Small tar.gz files the case needs in the workspace, at these paths (each holding its own name). */
  'artefact'?: string | string[];
  /** Files the case needs in the workspace, by path. */
  'files'?: Record<string, string>;
  /** Makes the workspace a git repository: one commit of its files, with these tags. */
  'tags'?: string[];
  /** Permissions withheld from the token: `deployments` (no writes) or `deployments:none` (no reads either). */
  'restrict'?: string[];
  /** Runs that prepare GitHub first, with every permission (e.g. promotions for a rollback to undo); each must succeed. */
  'before'?: Array<{ action: string; inputs: Record<string, string> }>;
  /** Requests that prepare GitHub first, e.g. `{ request: 'POST /repos/octo/app/releases', body: { tag_name: 'v0.9.0' } }`. */
  'requests'?: Array<{ request: string; body?: object }>;
  /** What the product gets wrong here: the case is expected to fail until that is fixed. */
  'known-gap'?: string;
}

const dir = 'test/fixtures/bad-input';
const corpus = readdirSync(dir)
  .filter((file) => file.endsWith('.yml'))
  .flatMap((file) =>
    (parse(readFileSync(join(dir, file), 'utf8')) as BadInputCase[]).map((c) => ({
      action: file.replace(/\.yml$/, ''),
      ...c,
    })),
  );

/**
 * Says how to fix it: the accepted form (`must be …`, `accepted: …`, `expected …`, `one of …`,
 * `such as …`, `e.g. …`, `at most …`) or an instruction starting a clause (`Set it in …`,
 * `; grant the job …`, `(set 'deb-prefix')`). "X is wrong", alone, is not enough.
 */
const ACCEPTED_FORM =
  /\bmust (be|end with|name)\b|\baccepted\b|\bexpected\b|\bone of\b|\bsuch as\b|\be\.g\.|\bat (most|least)\b|\bdid you mean\b/i;
const INSTRUCTION =
  /(^|[.;:(]\s*|\bor\s+|,\s*then\s+)(set|give|grant|pass|list|add|remove|use|leave|check|choose|run|create|delete|rename)\b/i;
const saysHowToFix = (message: string): boolean => ACCEPTED_FORM.test(message) || INSTRUCTION.test(message);

let github: Emulator;
let artifacts: ArtifactService;
/** Writes GitHub accepted (a refused write changes nothing). */
const acceptedWrites = () =>
  github.requests.filter((r) => r.method !== 'GET' && r.operationId !== 'graphql' && r.status > 0 && r.status < 400)
    .length;
let scratch: string;
let history: GitFixture;
let runId = 6_100_000;
beforeAll(async () => {
  artifacts = await startArtifactService();
  github = await startEmulator({ artifacts });
  // GitHub's copy of the repository: one commit on main, so that releases can be created.
  history = await createGitFixture([{ message: 'first', files: { 'README.md': 'app' } }]);
  github.repo('octo/app', { gitDir: history.dir });
  scratch = mkdtempSync(join(tmpdir(), 'slipway-bad-input-'));
});
afterAll(async () => {
  await github.close();
  await artifacts.close();
  await history.remove();
  rmSync(scratch, { recursive: true, force: true });
});

function prepareWorkspace(badCase: BadInputCase): string {
  const workspace = mkdtempSync(join(scratch, 'ws-'));
  for (const [path, content] of Object.entries(badCase.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), content);
  }
  for (const artefact of [badCase.artefact ?? []].flat()) {
    const build = mkdtempSync(join(scratch, 'build-'));
    writeFileSync(join(build, 'index.html'), artefact);
    execFileSync('tar', ['-czf', join(workspace, artefact), '-C', build, '.']);
  }
  if (badCase.tags) {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Octo Cat', '-c', 'user.email=octocat@example.com', ...args], {
        cwd: workspace,
      });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', 'first');
    for (const tag of badCase.tags) git('tag', tag);
  }
  return workspace;
}

async function prepareGitHub(badCase: BadInputCase, workspace: string): Promise<void> {
  for (const { request, body } of badCase.requests ?? []) {
    const [method, path] = request.split(' ');
    const response = await fetch(`${github.url}${path}`, {
      method,
      headers: { 'authorization': `Bearer ${github.token}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${request}: ${response.status} ${await response.text()}`);
  }
  for (const before of badCase.before ?? []) {
    const run = await runAction({
      action: before.action,
      inputs: before.inputs,
      github,
      artifacts,
      repository: 'octo/app',
      sha: history.shas[0],
      workspace,
      runId: ++runId,
    });
    if (run.exitCode !== 0) throw new Error(`before: ${before.action} failed: ${run.errors.join('; ')}`);
  }
}

async function expectRefused(badCase: BadInputCase & { action: string }): Promise<void> {
  const workspace = prepareWorkspace(badCase);
  await prepareGitHub(badCase, workspace);
  const restrictions = (badCase.restrict ?? []).map((entry) => entry.split(':') as [string, ('read' | 'none')?]);
  for (const [permission, access] of restrictions) github.restrictPermission(permission, access ?? 'read');
  const writesBefore = acceptedWrites();
  const artifactsBefore = artifacts.list().length;
  try {
    const run = await runAction({
      action: badCase.action,
      inputs: badCase.inputs,
      github,
      artifacts,
      repository: 'octo/app',
      sha: history.shas[0],
      workspace,
      runId: ++runId,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    const error = run.errors[0]!;
    expect(error).not.toContain('\n');
    expect(error).toContain(`'${badCase.names}'`);
    expect(saysHowToFix(error), `the error says how to fix it: ${error}`).toBe(true);
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(acceptedWrites(), 'nothing created or changed on GitHub').toBe(writesBefore);
    expect(artifacts.list(), 'no workflow artifact created').toHaveLength(artifactsBefore);
  } finally {
    for (const [permission] of restrictions) github.restrictPermission(permission, false);
  }
}

describe('bad input corpus', () => {
  it('holds at least 40 cases across the actions', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.action)).size).toBeGreaterThanOrEqual(6);
  });

  it('the "says how to fix it" rule tells a remedy from a bare complaint', () => {
    expect(saysHowToFix('Input \'keep\' must be an integer from 1 to 1000; got "0".')).toBe(true);
    expect(
      saysHowToFix(
        'Input \'freeze\' has "x": expected `YYYY-MM-DD..YYYY-MM-DD [label]`; accepted: `2026-12-20..2027-01-02`.',
      ),
    ).toBe(true);
    expect(
      saysHowToFix(
        "The token in input 'github-token' may not POST /repos/o/r/deployments (403): grant the job `permissions: deployments: write`.",
      ),
    ).toBe(true);
    expect(saysHowToFix('Install prefix "opt/app" is not valid (set \'deb-prefix\').')).toBe(true);
    expect(saysHowToFix("Input 'release-asset': there is no release tagged 'v9.9.9'.")).toBe(false);
    expect(saysHowToFix("Cannot roll back 'nowhere': it has no current successful Slipway deployment.")).toBe(false);
    expect(saysHowToFix('Artifact not found for name: app. Please ensure that your artifact is not expired.')).toBe(
      false,
    );
  });

  const cases = corpus.map((c) => [`${c.action}: ${c.case}`, c] as const);
  const known = cases.filter(([, c]) => c['known-gap']);
  it.each(cases.filter(([, c]) => !c['known-gap']))('%s', { timeout: 30_000 }, async (_title, badCase) => {
    await expectRefused(badCase);
  });
  // Cases the product gets wrong today (see each one's `known-gap`): they must fail until it is
  // fixed; then drop the `known-gap` line and they join the cases above.
  if (known.length > 0) {
    it.fails.each(known)('known gap: %s', { timeout: 30_000 }, async (_title, badCase) => {
      await expectRefused(badCase);
    });
  }
});
