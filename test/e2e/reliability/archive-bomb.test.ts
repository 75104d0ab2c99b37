import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zerosTarGz } from '../../unit/packaging/bombs.js';
import { snapshot } from '../../unit/reliability/craft-archive.js';
import { memoryProbe, MiB } from './memory-probe.js';
import { runAction } from '../../support/harness.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';

/**
 * Issue 16, finding 11, through the bundled promote action: an artefact that expands far beyond its
 * size, or holds more entries than allowed, is refused with one line naming the input that raises
 * the limit; the live release and its `dir:` target stay exactly as they were.
 */
let bed: Bed;
let baselineRss = 0;
const ENV = 'bombs';
beforeAll(async () => {
  bed = await startBed();
  const v1 = await bed.artefact('1.0.0');
  const probe = memoryProbe();
  try {
    expect((await promote({ 'artifact-path': v1.file, 'version': '1.0.0' }, probe.env)).errors).toEqual([]);
    baselineRss = probe.peakBytes();
  } finally {
    probe.remove();
  }
});
afterAll(async () => {
  await bed.close();
});

function promote(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runAction({
    action: 'promote',
    inputs: {
      'environment': ENV,
      'target': bed.target(ENV),
      'verify-url': `${bed.siteUrl}/${ENV}`,
      'verify-version': 'true',
      'verify-timeout': '5s',
      ...inputs,
    },
    github: bed.gh,
    repository: 'octo/app',
    sha: bed.git.shas[1],
    workspace: bed.work,
    env: { SLIPWAY_POLL_MS: '100', SLIPWAY_RETRY_BASE_MS: '10', ...env },
  });
}

async function refused(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<string> {
  const before = snapshot(join(bed.work, 'envs'));
  const deployments = bed.gh.state.deployments.length;
  const run = await promote(inputs, env);
  expect(run.exitCode).toBe(1);
  expect(run.errors).toHaveLength(1);
  expect(snapshot(join(bed.work, 'envs'))).toEqual(before);
  expect(await bed.served(`/${ENV}`)).toBe('200 app 1.0.0');
  for (const deployment of bed.gh.state.deployments.slice(deployments))
    expect(statusesOf(bed.gh, deployment.id)).not.toContain('success');
  return run.errors[0] as string;
}

describe('promote given an archive bomb', () => {
  it('a 128 KiB tar.gz expanding to 128 MiB is refused by the default limit, naming max-extracted-mib, in bounded memory', async () => {
    const file = join(bed.work, 'bomb.tar.gz');
    writeFileSync(file, zerosTarGz(128));
    const probe = memoryProbe();
    let error: string;
    try {
      error = await refused({ 'artifact-path': file, 'version': '2.0.0' }, probe.env);
      // 64 MiB pass through before the refusal; streamed, they cost a few MiB, not 64.
      const peak = probe.peakBytes();
      expect(
        peak - baselineRss,
        `peak RSS ${(peak / MiB).toFixed(0)} MiB vs baseline ${(baselineRss / MiB).toFixed(0)} MiB`,
      ).toBeLessThan(32 * MiB);
    } finally {
      probe.remove();
    }
    expect(error).toMatch(
      /Refusing to extract '.*bomb\.tar\.gz': it expands to more than 64 MiB; nothing was extracted\. If the artefact is meant to be this large, raise input 'max-extracted-mib'\./,
    );
  });

  it('max-extracted-entries lowers the entry count, and the refusal names it; the default accepts the same artefact', async () => {
    const v2 = await bed.artefact('2.0.0');
    const error = await refused({ 'artifact-path': v2.file, 'version': '2.0.0', 'max-extracted-entries': '1' });
    expect(error).toMatch(
      /it has more than 1 entries; nothing was extracted\. If the artefact is meant to be this large, raise input 'max-extracted-entries'\./,
    );
    expect((await promote({ 'artifact-path': v2.file, 'version': '2.0.0' })).errors).toEqual([]);
    expect(await bed.served(`/${ENV}`)).toBe('200 app 2.0.0');
  });

  it('a limit that is not a whole number is refused before anything runs', async () => {
    const run = await promote({ 'artifact-path': '/nonexistent', 'version': '3.0.0', 'max-extracted-mib': '1.5' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([`Input 'max-extracted-mib' must be an integer from 1 to 1048576; got "1.5".`]);
  });
});
