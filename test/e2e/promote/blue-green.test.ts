import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Bed, startBed, statusesOf } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(async () => {
  await bed.close();
});

const inputs = (file: string, version: string, extra: Record<string, string> = {}) => ({
  'environment': 'production',
  'artifact-path': file,
  version,
  'strategy': 'blue-green',
  'target': bed.target('production'),
  'preview-url': `${bed.siteUrl}/production/preview`,
  'verify-url': `${bed.siteUrl}/production`,
  'verify-version': 'true',
  'verify-timeout': '5s',
  ...extra,
});

const slotRelease = async (slot: string) =>
  (await realpath(join(bed.work, 'envs', 'production', slot))).split('/').pop();

it('deploys to the idle slot, switches, keeps the old slot warm, and switches back when the live check fails', async () => {
  const [v1, v2, bad] = [await bed.artefact('1.0.0'), await bed.artefact('2.0.0'), await bed.artefact('3.0.0', 500)];
  const first = await bed.run('promote', inputs(v1.file, '1.0.0'));
  expect(first.errors).toEqual([]);
  expect(first.outputs.slot).toBe('blue');

  const second = await bed.run('promote', inputs(v2.file, '2.0.0'));
  expect(second.errors).toEqual([]);
  expect(second.outputs).toMatchObject({ 'slot': 'green', 'previous-version': '1.0.0' });
  expect(await bed.served('/production')).toBe('200 app 2.0.0');
  expect(await bed.served('/production/blue')).toBe('200 app 1.0.0'); // warm
  // Both slots stay deployed: the blue deployment is not retired, earlier green ones would be.
  expect(statusesOf(bed.gh, first.outputs['deployment-id'] as string)).toEqual(['in_progress', 'success']);

  // 3.0.0 passes nothing: the preview check on the idle (blue) slot fails, so traffic never moves.
  const refused = await bed.run('promote', inputs(bad.file, '3.0.0'));
  expect(refused.exitCode).toBe(1);
  expect(refused.outputs['rolled-back']).toBe('false');
  expect(refused.errors[0]).toMatch(/Verification of .*\/production\/preview failed: HTTP 500/);
  expect(await bed.served('/production')).toBe('200 app 2.0.0');

  // Without a preview URL it reaches the switch; the live check fails and traffic goes back to green.
  const { 'preview-url': _, ...noPreview } = inputs(bad.file, '3.0.0', { force: 'true' });
  const switchedBack = await bed.run('promote', noPreview);
  expect(switchedBack.exitCode).toBe(1);
  expect(switchedBack.outputs).toMatchObject({ 'rolled-back': 'true', 'slot': 'blue' });
  expect(await bed.served('/production')).toBe('200 app 2.0.0');
  expect(await slotRelease('current')).toBe(await slotRelease('green'));
});

it('rolls back by switching to the warm slot, without redeploying', async () => {
  const v4 = await bed.artefact('4.0.0');
  const fourth = await bed.run('promote', inputs(v4.file, '4.0.0'));
  expect(fourth.errors).toEqual([]);
  expect(fourth.outputs.slot).toBe('blue');
  const result = await bed.run('rollback', {
    'environment': 'production',
    'strategy': 'blue-green',
    'target': bed.target('production'),
    'verify-url': `${bed.siteUrl}/production`,
    'verify-version': 'true',
  });
  expect(result.errors).toEqual([]);
  expect(result.outputs).toMatchObject({
    'version': '2.0.0',
    'slot': 'green',
    'method': 'switch',
    'rolled-back-version': '4.0.0',
  });
  expect(await bed.served('/production')).toBe('200 app 2.0.0');
  expect(await bed.served('/production/blue')).toBe('200 app 4.0.0');
});
