import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArtifactService, startArtifactService } from '../../support/artifact-service.js';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { type ActionRun, runAction } from '../../support/harness.js';
import { expectNoSecrets } from '../../support/secret-scan.js';
import { expectNoDuplicates, faultsInjected, tenPercent } from './invariants.js';

/**
 * gate and package, bundled, with 10% of GitHub requests failing (seeded). 8 gate runs publish a
 * check run with 60 annotations (two annotation-carrying requests) after waiting on required
 * checks; 3 package runs upload to the artifact service. Every run succeeds; nothing twice.
 */
let gh: GitHubEmulator;
let artifacts: ArtifactService;
let scratch: string;
const injected: Record<string, number> = {};

beforeAll(async () => {
  artifacts = await startArtifactService();
  gh = await startEmulator({ artifacts });
  gh.repo('octo/app');
  scratch = mkdtempSync(join(tmpdir(), 'slipway-faults-gate-'));
});
afterAll(async () => {
  console.log(`faults-gate-package: faults injected ${JSON.stringify(injected)}`);
  await gh.close();
  await artifacts.close();
  rmSync(scratch, { recursive: true, force: true });
});

const shaFor = (seed: number) => createHash('sha1').update(`commit ${seed}`).digest('hex');

async function api(method: string, path: string, body: object): Promise<void> {
  const response = await fetch(`${gh.url}${path}`, { method, headers: { authorization: `Bearer ${gh.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
}

async function underFaults(seed: number, run: () => Promise<ActionRun>): Promise<ActionRun> {
  const since = gh.requests.length;
  gh.setFaults(tenPercent(seed));
  try {
    const result = await run();
    expectNoSecrets(result, [gh.token]);
    return result;
  } finally {
    gh.setFaults(undefined);
    for (const [kind, count] of Object.entries(faultsInjected(gh, since))) injected[kind] = (injected[kind] ?? 0) + count;
  }
}

describe('gate with 10% of GitHub requests failing', () => {
  it('8 runs: each publishes one complete check run, every annotation once, with the fault-free verdict', { timeout: 180_000 }, async () => {
    const failures = Array.from({ length: 60 }, (_, i) => `<testcase classname="app.Page${i}" name="renders" file="src/page${i}.ts" line="${i + 1}"><failure message="expected ${i}"/></testcase>`);
    const report = `<testsuites><testsuite name="pages">${failures.join('')}<testcase classname="app.Ok" name="ok"/></testsuite></testsuites>`;
    for (let seed = 701; seed <= 708; seed += 1) {
      const sha = shaFor(seed);
      await api('POST', '/repos/octo/app/check-runs', { name: 'build', head_sha: sha, status: 'completed', conclusion: 'success' });
      await api('POST', `/repos/octo/app/statuses/${sha}`, { state: 'success', context: 'ci/lint' });
      const workspace = mkdtempSync(join(scratch, 'ws-'));
      mkdirSync(join(workspace, 'reports'));
      writeFileSync(join(workspace, 'reports', 'TEST-pages.xml'), report);
      const inputs = { reports: 'reports/*.xml', 'check-run': 'Test results', 'max-annotations': '60', 'max-failures': '60', 'min-pass-rate': '0', 'required-checks': 'build\nci/lint', 'checks-timeout': '1m' };
      const run = await underFaults(seed, () => runAction({ action: 'gate', github: gh, workspace, sha, job: 'gate', inputs, env: { SLIPWAY_RETRY_BASE_MS: '10', SLIPWAY_POLL_MS: '100' } }));
      expect(run.errors, `seed ${seed}`).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toMatchObject({ passed: 'true', total: '61', failed: '60', 'passed-count': '1' });
      const published = gh.state.checkRuns.filter((checkRun) => checkRun.name === 'Test results' && checkRun.head_sha === sha);
      expect(published, `one check run for seed ${seed}`).toHaveLength(1);
      expect(published[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
      const annotations = published[0]!.annotations.map((annotation) => `${annotation.path}:${annotation.start_line}`);
      expect(annotations).toEqual(Array.from({ length: 60 }, (_, i) => `src/page${i}.ts:${i + 1}`));
      expectNoDuplicates(gh);
    }
  });
});

describe('package with 10% of GitHub requests failing', () => {
  it('3 runs: each uploads its artefact once, byte for byte', { timeout: 120_000 }, async () => {
    for (let seed = 801; seed <= 803; seed += 1) {
      const workspace = mkdtempSync(join(scratch, 'pkg-'));
      mkdirSync(join(workspace, 'build'));
      writeFileSync(join(workspace, 'build', 'app.js'), `console.log(${seed})\n`);
      const runId = 8_000_000 + seed;
      const run = await underFaults(seed, () => runAction({ action: 'package', github: gh, artifacts, workspace, runId, sha: shaFor(seed), inputs: { path: 'build', name: 'app', version: `1.0.${seed}`, 'output-dir': 'out' }, env: { SLIPWAY_RETRY_BASE_MS: '10' } }));
      expect(run.errors, `seed ${seed}`).toEqual([]);
      expect(run.exitCode).toBe(0);
      const uploaded = artifacts.list().filter((artifact) => artifact.runId === runId);
      expect(uploaded.map((artifact) => artifact.name)).toEqual([`app-1.0.${seed}.tar.gz`]);
      expect(artifacts.content(uploaded[0]!.id).equals(readFileSync(run.outputs.file!))).toBe(true);
    }
  });
});
