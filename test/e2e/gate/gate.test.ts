import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { runAction } from '../../support/harness.js';

const REAL_WORLD_REPORTS = join(import.meta.dirname, '../../fixtures/real-world-reports');
const SHA = '5f2c1e0a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e';
let gh: GitHubEmulator;
let workspace: string;

beforeEach(async () => {
  gh = await startEmulator();
  gh.repo('octo/app');
  workspace = mkdtempSync(join(tmpdir(), 'slipway-gate-e2e-'));
});
afterEach(async () => {
  await gh.close();
  rmSync(workspace, { recursive: true, force: true });
});

function report(name: string, content: string): void {
  mkdirSync(join(workspace, 'reports'), { recursive: true });
  writeFileSync(join(workspace, 'reports', name), content);
}

function copyReport(fixture: string, name: string): void {
  mkdirSync(join(workspace, 'reports'), { recursive: true });
  copyFileSync(join(REAL_WORLD_REPORTS, fixture), join(workspace, 'reports', name));
}

const passing = () =>
  report(
    'TEST-ok.xml',
    '<testsuite name="ok"><testcase classname="app.Ok" name="works"/><testcase classname="app.Ok" name="also works"/></testsuite>',
  );

/** Talks to the emulator as another workflow would: creating and finishing check runs and statuses. */
async function api(method: string, path: string, body: object): Promise<{ id: number }> {
  const response = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      'authorization': `Bearer ${gh.token}`,
      'content-type': 'application/json',
      'accept': 'application/vnd.github+json',
    },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as { id: number };
}

function gate(
  inputs: Record<string, string>,
  extra: { onStdout?: (chunk: string) => void; runId?: number; env?: Record<string, string> } = {},
) {
  const env = { SLIPWAY_POLL_MS: '100', SLIPWAY_RETRY_BASE_MS: '0', ...extra.env };
  return runAction({
    action: 'gate',
    github: gh,
    workspace,
    sha: SHA,
    job: 'gate',
    inputs: { reports: 'reports/**/*', ...inputs },
    ...extra,
    env,
  });
}

describe('the bundled gate action', () => {
  it('fails the step on failing tests, with every output, the summary and workflow-command annotations', async () => {
    copyReport('jest-junit.xml', 'jest-junit.xml');
    // The harness removes its RUNNER_TEMP after the step; keep this one to read report-json.
    const runnerTemp = join(workspace, '..', `${workspace.split('/').pop()}-runner-temp`);
    mkdirSync(runnerTemp);
    const run = await gate({}, { env: { RUNNER_TEMP: runnerTemp } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      'passed': 'false',
      'total': '6',
      'passed-count': '1',
      'failed': '4',
      'errored': '0',
      'skipped': '1',
      'flaky': '0',
      'quarantined': '0',
      'pass-rate': '20.00',
      'coverage': '',
    });
    expect(run.outputs.reason).toMatch(
      /^Failed: 4 tests failed \(max-failures is 0\); pass rate 20% is below min-pass-rate 100%/,
    );
    expect(run.errors.at(-1)).toBe(run.outputs.reason);
    expect(run.commands.filter((command) => command.command === 'error' && command.properties.file)).toHaveLength(4);
    expect(run.summary.startsWith('## ❌ Gate failed\n\n' + run.outputs.reason)).toBe(true);
    const normalised = JSON.parse(readFileSync(run.outputs['report-json']!, 'utf8')) as {
      tests: unknown[];
      totals: { total: number };
      passed: boolean;
    };
    expect(normalised).toMatchObject({ totals: { total: 6 }, passed: false });
    expect(normalised.tests).toHaveLength(6);
    expect(run.outputs['report-json']!.startsWith(runnerTemp)).toBe(true);
    rmSync(runnerTemp, { recursive: true, force: true });
    expect(gh.count()).toBe(0);
  });

  it('an empty report fails min-tests saying no tests were found', async () => {
    copyReport('empty/jest-junit.xml', 'empty.xml');
    const run = await gate({});
    expect(run.exitCode).toBe(1);
    expect(run.outputs.reason).toBe(
      'Failed: no tests were found in 1 report file (min-tests is 1) — 0 tests (0 passed), no tests ran.',
    );
  });

  // Issue 16, finding 8: the runner writes the event file as the job starts; a report older than it is left over.
  it('a report older than the job warns, and fails the gate with fail-on-stale naming the file and its time', async () => {
    passing();
    const then = new Date('2026-01-02T03:04:05Z');
    utimesSync(join(workspace, 'reports/TEST-ok.xml'), then, then);
    const warned = await gate({});
    expect(warned.exitCode).toBe(0);
    expect(
      warned.commands.filter((command) => command.command === 'warning').map((command) => command.message),
    ).toEqual([
      expect.stringMatching(
        /reports\/TEST-ok\.xml was last written at 2026-01-02T03:04:05\.000Z, before this job started .*Set 'fail-on-stale: true'/,
      ),
    ]);
    const failed = await gate({ 'fail-on-stale': 'true' });
    expect(failed.exitCode).toBe(1);
    expect(failed.outputs.reason).toMatch(
      /^Failed: a report was last written before the job started at .*reports\/TEST-ok\.xml at 2026-01-02T03:04:05\.000Z/,
    );
    // A report written during the job is fresh.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(workspace, 'reports/TEST-ok.xml'), later, later);
    expect((await gate({ 'fail-on-stale': 'true' })).exitCode).toBe(0);
  });

  // Issue 16, finding 9: a symlinked report pointing at a secret outside the workspace was read and echoed.
  it('a symlinked report resolving outside the workspace is refused unread, its content never shown', async () => {
    passing();
    const secret = join(workspace, '..', `${workspace.split('/').pop()}-secret`);
    writeFileSync(secret, 'root:x:0:0:hunter2-secret');
    symlinkSync(secret, join(workspace, 'reports/TEST-passwd.xml'));
    try {
      for (const reports of ['reports/TEST-passwd.xml', `../${secret.split('/').pop()}`, secret]) {
        const run = await gate({ reports });
        expect(run.exitCode).toBe(1);
        expect(run.errors.at(-1)).toMatch(
          /: resolves to a file outside .*; reports are read only from inside it, so it is refused unread\.$/,
        );
        expect(JSON.stringify(run)).not.toContain('hunter2');
      }
    } finally {
      rmSync(secret, { force: true });
    }
  });

  // Issue 17: fail only on what this change broke.
  it('baseline + new-failures-only: a failure also failing on the base passes, a new one fails', async () => {
    const BASE = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
    const cases = (failing: string[]) =>
      ['login', 'search', 'upload']
        .map((name) =>
          failing.includes(name)
            ? `<testcase classname="app" name="${name}"><failure message="${name} broke"/></testcase>`
            : `<testcase classname="app" name="${name}"/>`,
        )
        .join('');
    report('TEST-app.xml', `<testsuite name="app">${cases(['login'])}</testsuite>`);
    const base = await runAction({
      action: 'gate',
      github: gh,
      workspace,
      sha: BASE,
      job: 'gate',
      inputs: { 'reports': 'reports/**/*', 'check-run': 'tests' },
      env: { SLIPWAY_RETRY_BASE_MS: '0' },
    });
    expect(base.exitCode).toBe(1);

    const inputs = { 'check-run': 'tests', 'baseline': BASE, 'new-failures-only': 'true' };
    const before = gh.requests.length;
    const old = await gate(inputs);
    expect(old.exitCode).toBe(0);
    expect(old.outputs).toMatchObject({ passed: 'true', failed: '0', preexisting: '1' });
    expect(old.outputs.reason).toBe('Passed: 3 tests (2 passed, 1 already failing on the baseline), pass rate 100%.');
    expect(old.summary).toContain('### Already failing on the baseline (allowed)');
    expect(old.summary).toContain('| app.login | login broke |');
    // The base's record is read in one request.
    expect(
      gh.requests
        .slice(before)
        .filter((request) => request.method === 'GET' && request.path.includes(`/commits/${BASE}/check-runs`)),
    ).toHaveLength(1);

    report('TEST-app.xml', `<testsuite name="app">${cases(['login', 'upload'])}</testsuite>`);
    const broke = await gate(inputs);
    expect(broke.exitCode).toBe(1);
    expect(broke.outputs).toMatchObject({ failed: '1', preexisting: '1' });
    expect(broke.outputs.reason).toMatch(/^Failed: 1 test failed \(max-failures is 0\)/);
    expect(broke.summary).toMatch(
      /### Failures\n\n\| Test \| Message \| Location \| Report \|\n\|[^\n]*\n\| app\.upload \| upload broke \|/,
    );
  });

  // Issue 17: patch coverage from the local diff against the base, no external service.
  it('min-patch-coverage judges the changed lines of a real git diff, annotating the uncovered ones', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: workspace,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
        },
      }).trim();
    git('init', '-q', '-b', 'main');
    mkdirSync(join(workspace, 'src'));
    writeFileSync(
      join(workspace, 'src/cart.ts'),
      ['export function total(items) {', '  return items.length;', '}', ''].join('\n'),
    );
    writeFileSync(join(workspace, '.gitignore'), 'reports/\ncoverage/\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    // The change: line 2 modified, lines after it added (line 6 a comment no tool instruments).
    writeFileSync(
      join(workspace, 'src/cart.ts'),
      [
        'export function total(items) {',
        '  return items.reduce((sum, item) => sum + item.price, 0);',
        '}',
        'export function empty(items) {',
        '  if (!items) {',
        '    // nothing to count',
        '    return true;',
        '  }',
        '  return items.length === 0;',
        '}',
        '',
      ].join('\n'),
    );
    git('commit', '-q', '-am', 'change');
    passing();
    mkdirSync(join(workspace, 'coverage'));
    // Lines 1-5 and 9 ran; 7 and 8 did not (8 is a closing brace some tools count); line 1 is unchanged.
    const da = [
      [1, 3],
      [2, 3],
      [3, 3],
      [4, 2],
      [5, 2],
      [7, 0],
      [8, 0],
      [9, 2],
    ];
    writeFileSync(
      join(workspace, 'coverage/lcov.info'),
      `TN:\nSF:${join(workspace, 'src/cart.ts')}\n${da.map(([line, hits]) => `DA:${line},${hits}`).join('\n')}\nend_of_record\n`,
    );
    const inputs = { 'coverage': 'coverage/lcov.info', 'patch-base': base };
    const low = await gate({ ...inputs, 'min-patch-coverage': '80' });
    expect(low.exitCode).toBe(1);
    // git's diff keeps the old closing brace as the last line, so lines 2-9 are changed: 7 instrumented, 5 ran.
    expect(git('diff', '-U0', `${base}...HEAD`)).toContain('@@ -2 +2,8 @@');
    expect(low.outputs['patch-coverage']).toBe('71.43');
    expect(low.outputs.reason).toMatch(
      /^Failed: patch coverage 71\.42% \(5 of 7 changed lines\) is below min-patch-coverage 80%/,
    );
    expect(
      low.commands.filter(
        (command) => command.command === 'warning' && command.properties.title === 'Changed line not covered by tests',
      ),
    ).toEqual([
      expect.objectContaining({
        message: 'No test ran these 2 changed lines.',
        properties: expect.objectContaining({ file: 'src/cart.ts', line: '7', endLine: '8' }),
      }),
    ]);
    expect((await gate({ ...inputs, 'min-patch-coverage': '71' })).exitCode).toBe(0);
  });

  // Issue 17: a pull request from a fork gets a read-only token; the gate reports without its check run.
  it('a token that may not create check runs (a fork pull request): summary and annotations instead, same verdict', async () => {
    copyReport('jest-junit.xml', 'jest-junit.xml');
    gh.restrictPermission('checks', 'read');
    const run = await gate({ 'check-run': 'tests' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', failed: '4' });
    expect(run.errors.at(-1)).toBe(run.outputs.reason);
    expect(gh.state.checkRuns).toHaveLength(0);
    expect(
      run.commands.filter((command) => command.command === 'warning').map((command) => command.message),
    ).toContainEqual(
      expect.stringMatching(
        /^Check run 'tests' was not created: the token may not create check runs \(403: a pull request from a fork gets a read-only token/,
      ),
    );
    expect(run.commands.filter((command) => command.command === 'error' && command.properties.file)).toHaveLength(4);
    expect(run.summary).toContain('> **Note:** No check run was created: the token may not create check runs');
    expect(run.summary).toContain('## ❌ Gate failed');
  });

  it('gates line coverage from LCOV: below min-coverage fails, and the coverage output is set', async () => {
    passing();
    mkdirSync(join(workspace, 'coverage'));
    writeFileSync(
      join(workspace, 'coverage/lcov.info'),
      'TN:\nSF:src/a.ts\nDA:1,1\nDA:2,1\nDA:3,0\nLF:3\nLH:2\nend_of_record\nSF:src/b.ts\nDA:1,4\nLF:1\nLH:1\nend_of_record\n',
    );
    const low = await gate({ 'coverage': 'coverage/*.info', 'min-coverage': '80' });
    expect(low.exitCode).toBe(1);
    expect(low.outputs).toMatchObject({ passed: 'false', coverage: '75.00' });
    expect(low.outputs.reason).toBe(
      'Failed: line coverage 75% is below min-coverage 80% — 2 tests (2 passed), pass rate 100%, line coverage 75%.',
    );
    const enough = await gate({ 'coverage': 'coverage/*.info', 'min-coverage': '75' });
    expect(enough.exitCode).toBe(0);
  });

  it('no matching file: one error naming the globs and the workspace', async () => {
    const run = await gate({ reports: 'build/test-results/**/*.xml' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      `No test report matched "build/test-results/**/*.xml" in ${workspace}. Check the 'reports' globs and that the test step wrote its reports before this step.`,
    ]);
  });
});

describe('required checks', () => {
  it('waits for a check run and a commit status to succeed, then passes', async () => {
    passing();
    const build = await api('POST', '/repos/octo/app/check-runs', {
      name: 'build',
      head_sha: SHA,
      status: 'in_progress',
    });
    await api('POST', `/repos/octo/app/statuses/${SHA}`, { state: 'pending', context: 'ci/lint' });
    let finished = false;
    const run = await gate(
      { 'required-checks': 'build\nci/lint', 'checks-timeout': '1m' },
      {
        onStdout: (chunk) => {
          if (finished || !chunk.includes('Waiting for')) return;
          finished = true;
          void api('PATCH', `/repos/octo/app/check-runs/${build.id}`, {
            status: 'completed',
            conclusion: 'success',
          }).then(() => api('POST', `/repos/octo/app/statuses/${SHA}`, { state: 'success', context: 'ci/lint' }));
        },
      },
    );
    expect(finished).toBe(true);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    expect(run.summary).toContain("### Required checks\n\nrequired checks succeeded: 'build', 'ci/lint'");
    expect(gh.count('checks/list-for-ref')).toBeGreaterThanOrEqual(2);
    expect(gh.count('repos/get-combined-status-for-ref')).toBeGreaterThanOrEqual(2);
  });

  it('fails when a required check fails', async () => {
    passing();
    await api('POST', '/repos/octo/app/check-runs', {
      name: 'build',
      head_sha: SHA,
      status: 'completed',
      conclusion: 'failure',
    });
    const run = await gate({ 'required-checks': 'build' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.passed).toBe('false');
    expect(run.outputs.reason).toBe(
      "Failed: required check 'build' (failure) did not succeed — 2 tests (2 passed), pass rate 100%.",
    );
  });

  it('fails at checks-timeout, naming the checks still awaited; never waits on its own job', async () => {
    passing();
    await api('POST', '/repos/octo/app/check-runs', { name: 'gate', head_sha: SHA, status: 'in_progress' });
    const run = await gate({ 'required-checks': 'gate\ndeploy-preview', 'checks-timeout': '1s' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.reason).toBe(
      "Failed: timed out after 1s waiting for required check 'deploy-preview' (not reported yet) — 2 tests (2 passed), pass rate 100%.",
    );
    expect(run.stdout).toContain("Not waiting on required check 'gate': it is this gate's own job.");
  });
});

describe('check run', () => {
  it('publishes 120 annotations complete in exactly 3 annotation-carrying requests', async () => {
    const cases = Array.from(
      { length: 120 },
      (_, i) =>
        `<testcase classname="app.Page${i}" name="renders" file="${workspace}/src/page${i}.ts" line="${i + 1}"><failure message="expected ${i}"/></testcase>`,
    );
    report(
      'TEST-pages.xml',
      `<testsuites><testsuite name="pages">${cases.join('')}<testcase classname="app.Ok" name="ok"/></testsuite></testsuites>`,
    );
    const inputs = {
      'check-run': 'Test results',
      'max-annotations': '120',
      'max-failures': '200',
      'min-pass-rate': '0',
    };
    const run = await gate(inputs, { runId: 4_300_000_001 });
    expect(run.exitCode).toBe(0);
    const runs = gh.state.checkRuns.filter((candidate) => candidate.name === 'Test results');
    expect(runs).toHaveLength(1);
    const [published] = runs;
    expect(published).toMatchObject({ head_sha: SHA, status: 'completed', conclusion: 'success' });
    expect(published!.annotations).toHaveLength(120);
    expect(published!.annotations.map((annotation) => `${annotation.path}:${annotation.start_line}`)).toEqual(
      Array.from({ length: 120 }, (_, i) => `src/page${i}.ts:${i + 1}`),
    );
    const carrying = gh.requests.filter(
      (request) => request.operationId === 'checks/create' || request.operationId === 'checks/update',
    );
    expect(carrying).toHaveLength(3);
    expect(run.commands.filter((command) => command.command === 'error')).toEqual([]);

    // The same job run again (a retried step) finds its completed check run and publishes nothing twice.
    const again = await gate(inputs, { runId: 4_300_000_001 });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain("Check run 'Test results' was already published by this run.");
    expect(gh.state.checkRuns.filter((candidate) => candidate.name === 'Test results')).toHaveLength(1);
    expect(
      gh.requests.filter(
        (request) => request.operationId === 'checks/create' || request.operationId === 'checks/update',
      ),
    ).toHaveLength(3);
  });
});
