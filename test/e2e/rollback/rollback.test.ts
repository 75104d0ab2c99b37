import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(async () => {
  await bed.close();
});

const promote = (environment: string, file: string, version: string, extra: Record<string, string> = {}) =>
  bed.run('promote', {
    environment,
    'artifact-path': file,
    version,
    'verify-url': `${bed.siteUrl}/${environment}`,
    ...extra,
  });

it('restores the previous release by switching to its kept directory, and marks the bad digest rolled back', async () => {
  const [v1, v2] = [await bed.artefact('1.0.0'), await bed.artefact('2.0.0')];
  const target = bed.target('staging');
  expect((await promote('staging', v1.file, '1.0.0', { target })).errors).toEqual([]);
  const second = await promote('staging', v2.file, '2.0.0', { target });
  expect(second.errors).toEqual([]);

  const result = await bed.run('rollback', {
    'environment': 'staging',
    target,
    'verify-url': `${bed.siteUrl}/staging`,
    'verify-version': 'true',
  });
  expect(result.errors).toEqual([]);
  expect(result.outputs).toMatchObject({
    'version': '1.0.0',
    'digest': v1.digest,
    'rolled-back-version': '2.0.0',
    'rolled-back-digest': v2.digest,
    'method': 'switch',
  });
  expect(Number(result.outputs['duration-ms'])).toBeGreaterThan(0);
  expect(await bed.served('/staging')).toBe('200 app 1.0.0');
  const record = bed.gh.state.deployments.find((d) => d.id === Number(result.outputs['deployment-id']));
  expect(record).toMatchObject({ task: 'deploy:rollback', environment: 'staging' });
  expect(record?.payload).toMatchObject({
    version: '1.0.0',
    rolled_back: { version: '2.0.0', digest: v2.digest, deployment_id: Number(second.outputs['deployment-id']) },
  });
  expect(statusesOf(bed.gh, second.outputs['deployment-id'] as string)).toEqual(['in_progress', 'success', 'failure']);
  expect(result.summary).toMatch(/### ↩️ Rolled back staging to 1\.0\.0 in /);

  // The rolled-back digest is not promoted there again without force.
  const again = await promote('staging', v2.file, '2.0.0', { target });
  expect(again.errors[0]).toMatch(/^Refused by rule 'rolled-back': digest \w{12} was rolled back from 'staging'/);
});

it('redeploys the recorded artefact with deploy-command when nothing is kept in place', async () => {
  const [v1, v2] = [await bed.artefact('1.0.0'), await bed.artefact('2.0.0')];
  const marker = join(bed.work, 'deployed-version');
  const deploy = `node -e "require('fs').writeFileSync('${marker}', process.env.SLIPWAY_VERSION + ' from ' + process.env.SLIPWAY_ARTIFACT_DIR)"`;
  expect(
    (
      await bed.run('promote', {
        'environment': 'vm',
        'artifact-path': v1.file,
        'version': '1.0.0',
        'deploy-command': deploy,
      })
    ).errors,
  ).toEqual([]);
  expect(
    (
      await bed.run('promote', {
        'environment': 'vm',
        'artifact-path': v2.file,
        'version': '2.0.0',
        'deploy-command': deploy,
      })
    ).errors,
  ).toEqual([]);
  const result = await bed.run('rollback', { 'environment': 'vm', 'deploy-command': deploy });
  expect(result.errors).toEqual([]);
  expect(result.outputs).toMatchObject({ version: '1.0.0', method: 'redeploy' });
  expect(await readFile(marker, 'utf8')).toMatch(/^1\.0\.0 from \//);
});
