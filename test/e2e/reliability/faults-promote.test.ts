import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../../support/harness.js';
import { expectNoSecrets } from '../../support/secret-scan.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';
import { expectNoDuplicates, faultsInjected, tenPercent } from './invariants.js';

/**
 * promote, rollback and status, bundled, against the emulator failing 10% of GitHub requests
 * (seeded: the same requests fail on every run). 20 runs: 10 promotions, 5 rollbacks, 5 status
 * reads. Every run succeeds with the outputs a fault-free run gives, and nothing is recorded twice.
 */
let bed: Bed;
let runId = 7_000;
const injected: Record<string, number> = {};
let faultedRuns = 0;
/** Seeds are SEED + 1…5 (dev), + 11…15 (staging), + 21…25 (rollback), + 31…35 (status): between them, every kind of fault. */
const SEED = 5_500;

beforeAll(async () => {
  bed = await startBed();
});
afterAll(async () => {
  console.log(`faults-promote: ${faultedRuns} runs under faults; injected ${JSON.stringify(injected)}`);
  await bed.close();
});

async function run(action: 'promote' | 'rollback' | 'status', inputs: Record<string, string>, seed?: number): Promise<ActionRun> {
  const since = bed.gh.requests.length;
  bed.gh.setFaults(seed === undefined ? undefined : tenPercent(seed));
  try {
    const result = await runAction({ action, inputs, github: bed.gh, sha: bed.git.shas[1], runId: ++runId, workspace: bed.work, env: { SLIPWAY_POLL_MS: '100', SLIPWAY_RETRY_BASE_MS: '10' }, timeoutMs: 120_000 });
    expectNoSecrets(result, [bed.gh.token]);
    if (seed !== undefined) {
      faultedRuns += 1;
      for (const [kind, count] of Object.entries(faultsInjected(bed.gh, since))) injected[kind] = (injected[kind] ?? 0) + count;
    }
    return result;
  } finally {
    bed.gh.setFaults(undefined);
  }
}

const live = (environment: string) => ({ target: bed.target(environment), 'verify-url': `${bed.siteUrl}/${environment}`, 'verify-version': 'true', 'verify-timeout': '10s' });

describe('promote with 10% of GitHub requests failing', () => {
  it('10 promotions (dev, then staging from dev) each succeed once, recorded once, traffic on the new release', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const version = `1.${i}.0`;
      const artefact = await bed.artefact(version);
      for (const [environment, extra, seed] of [['dev', { version }, SEED + i], ['staging', { from: 'dev' }, SEED + 10 + i]] as const) {
        const before = bed.gh.state.deployments.length;
        const result = await run('promote', { environment, 'artifact-path': artefact.file, ...live(environment), ...extra }, seed);
        expect(result.errors, `${environment} ${version} seed ${seed}`).toEqual([]);
        expect(result.exitCode).toBe(0);
        expect(result.outputs).toMatchObject({ version, digest: artefact.digest, skipped: 'false', 'rolled-back': 'false' });
        expect(bed.gh.state.deployments.length - before, `one deployment for seed ${seed}`).toBe(1);
        expect(statusesOf(bed.gh, result.outputs['deployment-id']!)).toEqual(['in_progress', 'success']);
        expect(await bed.served(`/${environment}`)).toBe(`200 app ${version}`);
        expectNoDuplicates(bed.gh);
      }
    }
  });

  it('5 rollbacks each restore the last good release once', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const environment = `rb${i}`;
      const [good, bad] = [await bed.artefact(`3.${i}.0`), await bed.artefact(`3.${i}.1`)];
      for (const [artefact, version] of [[good, `3.${i}.0`], [bad, `3.${i}.1`]] as const) {
        expect((await run('promote', { environment, 'artifact-path': artefact.file, version, ...live(environment) })).errors).toEqual([]);
      }
      const before = bed.gh.state.deployments.length;
      const result = await run('rollback', { environment, ...live(environment) }, SEED + 20 + i);
      expect(result.errors, `rollback seed ${SEED + 20 + i}`).toEqual([]);
      expect(result.outputs).toMatchObject({ version: `3.${i}.0`, digest: good.digest, 'rolled-back-version': `3.${i}.1`, method: 'switch' });
      expect(bed.gh.state.deployments.length - before).toBe(1);
      expect(statusesOf(bed.gh, result.outputs['deployment-id']!).filter((state) => state === 'success')).toHaveLength(1);
      expect(await bed.served(`/${environment}`)).toBe(`200 app 3.${i}.0`);
      expectNoDuplicates(bed.gh);
    }
  });

  it('5 status reads give the same matrix as a fault-free read, and write nothing', async () => {
    const inputs = { environments: 'dev, staging, production, rb1, rb5' };
    const reference = await run('status', inputs);
    expect(reference.errors).toEqual([]);
    const writes = () => bed.gh.requests.filter((r) => r.method !== 'GET' && !r.faulted && r.operationId !== 'graphql').length;
    const before = writes();
    for (let seed = SEED + 31; seed <= SEED + 35; seed += 1) {
      const result = await run('status', inputs, seed);
      expect(result.errors, `status seed ${seed}`).toEqual([]);
      expect(JSON.parse(result.outputs.matrix!)).toEqual(JSON.parse(reference.outputs.matrix!));
    }
    expect(writes()).toBe(before);
  });

  it('faults were really injected, of every kind', () => {
    expect(faultedRuns).toBe(20);
    for (const kind of ['500', '502', '503', '429', '403-secondary', 'drop']) expect(injected[kind] ?? 0, `faults of kind ${kind}`).toBeGreaterThan(0);
  });
});
