import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../../support/harness.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';
import { expectNoDuplicates, FAULT_KINDS, FaultLedger, tenPercent } from './invariants.js';

/**
 * promote, rollback and status, bundled, against the emulator failing 10% of GitHub requests
 * (seeded: the same requests fail on every run). 26 runs: 12 promotions, 6 rollbacks, 8 status
 * reads. Every run succeeds with the outputs a fault-free run gives, and nothing is recorded twice.
 */
let bed: Bed;
let runId = 7_000;
const VERSIONS = 6;
/**
 * Seeds by run: dev promotions, staging promotions, rollbacks and status reads. The promotions'
 * are consecutive; the others were picked among the seeds from 5521 up (by replaying the seeded
 * generator over each run's requests: 5 for a rollback, 1 for a status read) so that most runs of
 * each action meet a fault and, between them, every kind. A status read makes one request, so its
 * faulted runs fail about half of their requests: the price of showing every kind on it.
 */
const SEEDS = {
  dev: [5501, 5502, 5503, 5504, 5505, 5506],
  staging: [5511, 5512, 5513, 5514, 5515, 5516],
  rollback: [5521, 5522, 5524, 5531, 5533, 5536],
  status: [5531, 5532, 5535, 5539, 5559, 5583, 5646, 5748],
};
const ledgers = {
  promote: new FaultLedger('promote'),
  rollback: new FaultLedger('rollback'),
  status: new FaultLedger('status'),
};

beforeAll(async () => {
  bed = await startBed();
});
afterAll(async () => {
  console.log(
    Object.values(ledgers)
      .map((ledger) => `faults-${ledger.describe()}`)
      .join('\n'),
  );
  await bed.close();
});

async function run(
  action: 'promote' | 'rollback' | 'status',
  inputs: Record<string, string>,
  seed?: number,
): Promise<ActionRun> {
  const since = bed.gh.requests.length;
  bed.gh.setFaults(seed === undefined ? undefined : tenPercent(seed));
  try {
    return await runAction({
      action,
      inputs,
      github: bed.gh,
      sha: bed.git.shas[1],
      runId: ++runId,
      workspace: bed.work,
      env: { SLIPWAY_POLL_MS: '100', SLIPWAY_RETRY_BASE_MS: '10' },
      timeoutMs: 120_000,
    });
  } finally {
    bed.gh.setFaults(undefined);
    if (seed !== undefined) ledgers[action].record(`seed ${seed}`, bed.gh.requests.slice(since));
  }
}

const live = (environment: string) => ({
  'target': bed.target(environment),
  'verify-url': `${bed.siteUrl}/${environment}`,
  'verify-version': 'true',
  'verify-timeout': '10s',
});

describe('promote with 10% of GitHub requests failing', () => {
  it(`${2 * VERSIONS} promotions (dev, then staging from dev) each succeed once, recorded once, traffic on the new release`, async () => {
    for (let i = 1; i <= VERSIONS; i += 1) {
      const version = `1.${i}.0`;
      const artefact = await bed.artefact(version);
      for (const [environment, extra, seed] of [
        ['dev', { version }, SEEDS.dev[i - 1]!],
        ['staging', { from: 'dev' }, SEEDS.staging[i - 1]!],
      ] as const) {
        const before = bed.gh.state.deployments.length;
        const result = await run(
          'promote',
          { environment, 'artifact-path': artefact.file, ...live(environment), ...extra },
          seed,
        );
        expect(result.errors, `${environment} ${version} seed ${seed}`).toEqual([]);
        expect(result.exitCode).toBe(0);
        expect(result.outputs).toMatchObject({
          version,
          'digest': artefact.digest,
          'skipped': 'false',
          'rolled-back': 'false',
        });
        expect(bed.gh.state.deployments.length - before, `one deployment for seed ${seed}`).toBe(1);
        expect(statusesOf(bed.gh, result.outputs['deployment-id']!)).toEqual(['in_progress', 'success']);
        expect(await bed.served(`/${environment}`)).toBe(`200 app ${version}`);
        expectNoDuplicates(bed.gh);
      }
    }
  });

  it(`${VERSIONS} rollbacks each restore the last good release once`, async () => {
    for (let i = 1; i <= VERSIONS; i += 1) {
      const environment = `rb${i}`;
      const [good, bad] = [await bed.artefact(`3.${i}.0`), await bed.artefact(`3.${i}.1`)];
      for (const [artefact, version] of [
        [good, `3.${i}.0`],
        [bad, `3.${i}.1`],
      ] as const) {
        expect(
          (await run('promote', { environment, 'artifact-path': artefact.file, version, ...live(environment) })).errors,
        ).toEqual([]);
      }
      const before = bed.gh.state.deployments.length;
      const seed = SEEDS.rollback[i - 1]!;
      const result = await run('rollback', { environment, ...live(environment) }, seed);
      expect(result.errors, `rollback seed ${seed}`).toEqual([]);
      expect(result.outputs).toMatchObject({
        'version': `3.${i}.0`,
        'digest': good.digest,
        'rolled-back-version': `3.${i}.1`,
        'method': 'switch',
      });
      expect(bed.gh.state.deployments.length - before).toBe(1);
      expect(statusesOf(bed.gh, result.outputs['deployment-id']!).filter((state) => state === 'success')).toHaveLength(
        1,
      );
      expect(await bed.served(`/${environment}`)).toBe(`200 app 3.${i}.0`);
      expectNoDuplicates(bed.gh);
    }
  });

  it(`${SEEDS.status.length} status reads give the same matrix as a fault-free read, and write nothing`, async () => {
    const inputs = { environments: `dev, staging, production, rb1, rb${VERSIONS}` };
    const reference = await run('status', inputs);
    expect(reference.errors).toEqual([]);
    const writes = () =>
      bed.gh.requests.filter((r) => r.method !== 'GET' && !r.faulted && r.operationId !== 'graphql').length;
    const before = writes();
    for (const seed of SEEDS.status) {
      const result = await run('status', inputs, seed);
      expect(result.errors, `status seed ${seed}`).toEqual([]);
      expect(JSON.parse(result.outputs.matrix!)).toEqual(JSON.parse(reference.outputs.matrix!));
    }
    expect(writes()).toBe(before);
  });

  it('faults were really injected: every kind, and in most runs, for each of promote, rollback and status', () => {
    expect(ledgers.promote.runs).toHaveLength(2 * VERSIONS);
    expect(ledgers.rollback.runs).toHaveLength(VERSIONS);
    expect(ledgers.status.runs).toHaveLength(SEEDS.status.length);
    ledgers.promote.expectCoverage(FAULT_KINDS);
    ledgers.rollback.expectCoverage(FAULT_KINDS);
    ledgers.status.expectCoverage(FAULT_KINDS);
  });
});
