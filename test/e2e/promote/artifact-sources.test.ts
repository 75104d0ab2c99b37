import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGitHubClient } from '../../../src/runtime/github-client.js';
import { type Bed, startBed } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed({ artifacts: true });
});
afterAll(async () => {
  await bed.close();
});

it('promotes the package action’s workflow artifact (this run, then from another run) and a release asset', async () => {
  await mkdir(join(bed.work, 'site-src'), { recursive: true });
  await writeFile(join(bed.work, 'site-src', 'version.txt'), 'app 1.4.0');
  await writeFile(join(bed.work, 'site-src', 'status'), '200');
  const buildRun = 7001;
  const packaged = await bed.run('package', { path: 'site-src', name: 'app', version: '1.4.0', 'build-info': 'false', 'output-dir': 'packaged' }, { runId: buildRun });
  expect(packaged.errors).toEqual([]);
  const { digest, 'artifact-name': name, file } = packaged.outputs;
  expect(name).toBeTruthy();

  const common = (environment: string) => ({ environment, target: bed.target(environment), 'verify-url': `${bed.siteUrl}/${environment}`, 'verify-version': 'true' });
  // The same run, by name: downloaded through the runner's artifact service.
  const dev = await bed.run('promote', { ...common('dev'), artifact: name as string, digest: digest as string, version: '1.4.0' }, { runId: buildRun });
  expect(dev.errors).toEqual([]);
  expect(dev.outputs.digest).toBe(digest);
  expect(await bed.served('/dev')).toBe('200 app 1.4.0');

  // A later run promotes the build run's artifact.
  const staging = await bed.run('promote', { ...common('staging'), from: 'dev', artifact: name as string, 'run-id': String(buildRun) }, { runId: 7002 });
  expect(staging.errors).toEqual([]);
  expect(await bed.served('/staging')).toBe('200 app 1.4.0');
  expect(bed.gh.state.deployments.at(-1)?.payload).toMatchObject({ artifact: { name, run_id: buildRun } });

  // A release asset.
  const api = createGitHubClient({ token: bed.gh.token, apiUrl: bed.gh.url, retries: 0, writeIntervalMs: 0 });
  const release = await api.request('POST /repos/{owner}/{repo}/releases', { owner: 'octo', repo: 'app', tag_name: 'v1.4.0', target_commitish: bed.git.shas[1] });
  await api.request('POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}', {
    owner: 'octo',
    repo: 'app',
    release_id: release.data.id,
    name: 'app-1.4.0.tar.gz',
    data: (await readFile(file as string)) as unknown as string,
    headers: { 'content-type': 'application/gzip' },
    baseUrl: bed.gh.url,
  });
  const production = await bed.run('promote', { ...common('production'), from: 'staging', 'release-asset': 'v1.4.0/app-1.4.0.tar.gz' });
  expect(production.errors).toEqual([]);
  expect(await bed.served('/production')).toBe('200 app 1.4.0');
});
