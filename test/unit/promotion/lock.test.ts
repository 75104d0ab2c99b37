import { describe, expect, it } from 'vitest';
import type { DeploymentEntry } from '../../../src/promotion/deployment-history.js';
import { acquireLock, lockHolders } from '../../../src/promotion/lock.js';
import { DIGEST_A, DIGEST_B, entry } from './entries.js';
import { fakeClock } from '../runtime/fake-clock.js';

const MIN = 60_000;

/** Reads return the scripted histories in turn (the last one repeats); abandoned ids are recorded. */
function setup(start: string, reads: DeploymentEntry[][]) {
  const clock = fakeClock(start);
  const abandoned: number[] = [];
  let index = 0;
  const options = {
    environment: 'production',
    timeoutMs: 10 * MIN,
    staleAfterMs: 60 * MIN,
    pollMs: MIN,
    clock,
    read: async () => reads[Math.min(index++, reads.length - 1)] ?? [],
    abandon: async (e: DeploymentEntry) => {
      abandoned.push(e.id);
    },
  };
  return { clock, abandoned, options, readCount: () => index };
}

const live = entry({
  environment: 'production',
  version: '1.0.0',
  digest: DIGEST_A,
  state: 'success',
  at: '2026-06-01T09:00:00Z',
});

describe('acquireLock', () => {
  it('proceeds at once when nothing is in progress, without reading again', async () => {
    const { options, clock, readCount } = setup('2026-06-01T12:00:00Z', []);
    expect(await acquireLock([live], options)).toEqual([live]);
    expect(clock.slept).toEqual([]);
    expect(readCount()).toBe(0);
  });

  it('waits while another promotion runs, then proceeds with the fresh history', async () => {
    const running = entry({
      environment: 'production',
      version: '1.1.0',
      digest: DIGEST_B,
      state: 'in_progress',
      at: '2026-06-01T11:58:00Z',
      id: 500,
    });
    const done = { ...running, state: 'success' as const };
    const { options, clock } = setup('2026-06-01T12:00:00Z', [
      [running, live],
      [done, live],
    ]);
    expect(await acquireLock([running, live], options)).toEqual([done, live]);
    expect(clock.slept).toEqual([MIN, MIN]);
  });

  it('waits for a queued deployment too: it holds the lock, before and after ours exists', async () => {
    const queued = entry({
      environment: 'production',
      version: '1.1.0',
      digest: DIGEST_B,
      state: 'queued',
      at: '2026-06-01T11:58:00Z',
      id: 510,
    });
    const done = { ...queued, state: 'success' as const };
    const { options, clock } = setup('2026-06-01T12:00:00Z', [
      [queued, live],
      [done, live],
    ]);
    expect(await acquireLock([queued, live], options)).toEqual([done, live]);
    expect(clock.slept).toEqual([MIN, MIN]);
    expect(lockHolders([queued], 511).map((e) => e.id)).toEqual([510]);
  });

  it('gives up after lock-timeout with a message naming the holder', async () => {
    const running = entry({
      environment: 'production',
      version: '1.1.0',
      digest: DIGEST_B,
      state: 'in_progress',
      at: '2026-06-01T11:58:00Z',
      id: 501,
    });
    const { options, clock } = setup('2026-06-01T12:00:00Z', [[running]]);
    await expect(acquireLock([running], options)).rejects.toThrow(
      "Another promotion of 'production' is still running (deployment 501, 1.1.0 (bbbbbbbbbbbb) in_progress since 2026-06-01T11:58:00.000Z); gave up after lock-timeout 10m.",
    );
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(10 * MIN);
  });

  it('marks a deployment silent for longer than stale-after abandoned and proceeds', async () => {
    const stale = entry({
      environment: 'production',
      version: '1.1.0',
      digest: DIGEST_B,
      state: 'in_progress',
      at: '2026-06-01T10:00:00Z',
      id: 502,
    });
    const { options, clock, abandoned } = setup('2026-06-01T12:00:00Z', []);
    await acquireLock([stale, live], options);
    expect(abandoned).toEqual([502]);
    expect(clock.slept).toEqual([]);
  });

  it('once our deployment exists, only earlier ones hold the lock (so two promotions agree on the order)', () => {
    const earlier = entry({
      environment: 'production',
      version: '1.1.0',
      digest: DIGEST_B,
      state: 'pending',
      at: '2026-06-01T11:59:00Z',
      id: 600,
    });
    const ours = entry({
      environment: 'production',
      version: '1.2.0',
      digest: DIGEST_A,
      state: 'in_progress',
      at: '2026-06-01T11:59:01Z',
      id: 601,
    });
    const later = entry({
      environment: 'production',
      version: '1.3.0',
      digest: DIGEST_A,
      state: 'in_progress',
      at: '2026-06-01T11:59:02Z',
      id: 602,
    });
    expect(lockHolders([later, ours, earlier], 601).map((e) => e.id)).toEqual([600]);
    expect(lockHolders([later, ours], 601)).toEqual([]);
    expect(lockHolders([later, ours, earlier]).map((e) => e.id)).toEqual([602, 601]);
  });
});
