import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Bed, startBed, statusesOf } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(async () => {
  await bed.close();
});

it('a cancelled run (SIGTERM) marks the deployment cancelled and leaves traffic on the verified release', async () => {
  const [v1, v2] = [await bed.artefact('1.0.0'), await bed.artefact('2.0.0')];
  const inputs = (file: string, version: string, extra: Record<string, string> = {}) => ({
    'environment': 'dev',
    'artifact-path': file,
    version,
    'target': bed.target('dev'),
    'verify-url': `${bed.siteUrl}/dev`,
    'verify-version': 'true',
    ...extra,
  });
  expect((await bed.run('promote', inputs(v1.file, '1.0.0'))).errors).toEqual([]);

  const controller = new AbortController();
  const running = bed.run('promote', inputs(v2.file, '2.0.0', { 'soak-watch': '10m' }), { signal: controller.signal });
  // Cancel once traffic has moved to 2.0.0 and the run is watching it.
  while ((await bed.served('/dev')) !== '200 app 2.0.0') await new Promise((resolve) => setTimeout(resolve, 50));
  controller.abort();
  const result = await running;

  expect(result.exitCode).toBe(1);
  expect(await bed.served('/dev')).toBe('200 app 1.0.0');
  const deployment = bed.gh.state.deployments.at(-1);
  expect(deployment?.payload).toMatchObject({ version: '2.0.0' });
  expect(statusesOf(bed.gh, deployment?.id as number)).toEqual(['in_progress', 'error']);
  expect(bed.gh.state.deploymentStatuses.at(-1)?.description).toBe('cancelled; 1.0.0 restored');
});
