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
  const packaged = await bed.run(
    'package',
    { 'path': 'site-src', 'name': 'app', 'version': '1.4.0', 'build-info': 'false', 'output-dir': 'packaged' },
    { runId: buildRun },
  );
  expect(packaged.errors).toEqual([]);
  const { digest, 'artifact-name': name, file } = packaged.outputs;
  expect(name).toBeTruthy();

  const common = (environment: string) => ({
    environment,
    'target': bed.target(environment),
    'verify-url': `${bed.siteUrl}/${environment}`,
    'verify-version': 'true',
  });
  // The same run, by name: downloaded through the runner's artifact service.
  const dev = await bed.run(
    'promote',
    { ...common('dev'), artifact: name as string, digest: digest as string, version: '1.4.0' },
    { runId: buildRun },
  );
  expect(dev.errors).toEqual([]);
  expect(dev.outputs.digest).toBe(digest);
  expect(await bed.served('/dev')).toBe('200 app 1.4.0');

  // A later run promotes the build run's artifact.
  const staging = await bed.run(
    'promote',
    { ...common('staging'), 'from': 'dev', 'artifact': name as string, 'run-id': String(buildRun) },
    { runId: 7002 },
  );
  expect(staging.errors).toEqual([]);
  expect(await bed.served('/staging')).toBe('200 app 1.4.0');
  expect(bed.gh.state.deployments.at(-1)?.payload).toMatchObject({ artifact: { name, run_id: buildRun } });

  // A release asset.
  const api = createGitHubClient({ token: bed.gh.token, apiUrl: bed.gh.url, retries: 0, writeIntervalMs: 0 });
  const release = await api.request('POST /repos/{owner}/{repo}/releases', {
    owner: 'octo',
    repo: 'app',
    tag_name: 'v1.4.0',
    target_commitish: bed.git.shas[1],
  });
  await api.request('POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}', {
    owner: 'octo',
    repo: 'app',
    release_id: release.data.id,
    name: 'app-1.4.0.tar.gz',
    data: (await readFile(file as string)) as unknown as string,
    headers: { 'content-type': 'application/gzip' },
    baseUrl: bed.gh.url,
  });
  const production = await bed.run('promote', {
    ...common('production'),
    'from': 'staging',
    'release-asset': 'v1.4.0/app-1.4.0.tar.gz',
  });
  expect(production.errors).toEqual([]);
  expect(await bed.served('/production')).toBe('200 app 1.4.0');
});

it('with `from` alone, promotes the artefact the upstream deployment recorded, and refuses a version upstream did not record', async () => {
  await mkdir(join(bed.work, 'site-next'), { recursive: true });
  await writeFile(join(bed.work, 'site-next', 'version.txt'), 'app 1.5.0');
  await writeFile(join(bed.work, 'site-next', 'status'), '200');
  const buildRun = 7101;
  const packaged = await bed.run(
    'package',
    { 'path': 'site-next', 'name': 'app', 'version': '1.5.0', 'build-info': 'false', 'output-dir': 'packaged-next' },
    { runId: buildRun },
  );
  expect(packaged.errors).toEqual([]);
  const { digest, 'artifact-name': name } = packaged.outputs;
  const common = (environment: string) => ({
    environment,
    'target': bed.target(environment),
    'verify-url': `${bed.siteUrl}/${environment}`,
    'verify-version': 'true',
  });
  const test = await bed.run(
    'promote',
    { ...common('test'), artifact: name as string, version: '1.5.0' },
    { runId: buildRun },
  );
  expect(test.errors).toEqual([]);
  expect(bed.gh.state.deployments.at(-1)?.payload).toMatchObject({ artifact: { name, run_id: buildRun } });

  // The version is not a label: 9.9.9 is not what 'test' recorded for its digest.
  const before = bed.gh.state.deployments.length;
  const wrong = await bed.run('promote', { ...common('uat'), from: 'test', version: '9.9.9' }, { runId: 7102 });
  expect(wrong.exitCode).toBe(1);
  expect(wrong.errors).toEqual([
    expect.stringMatching(
      /^Refused by rule 'version': version 9\.9\.9 is not the version 'test' recorded for digest \w{12}, which is 1\.5\.0 /,
    ),
  ]);
  expect(bed.gh.state.deployments).toHaveLength(before);

  // The button: environment, from and version, nothing else.
  const uat = await bed.run(
    'promote',
    {
      'environment': 'uat',
      'from': 'test',
      'version': '1.5.0',
      'target': bed.target('uat'),
      'verify-url': `${bed.siteUrl}/uat`,
    },
    { runId: 7103 },
  );
  expect(uat.errors).toEqual([]);
  expect(uat.outputs).toMatchObject({ digest, version: '1.5.0', skipped: 'false' });
  expect(await bed.served('/uat')).toBe('200 app 1.5.0');
  // Recorded again, so the next environment can take it from here.
  expect(bed.gh.state.deployments.at(-1)?.payload).toMatchObject({
    digest,
    artifact: { name, run_id: buildRun },
    upstream: { environment: 'test' },
  });
});

it('runs deploy-command without the action’s inputs and runner credentials, as a run: step would', async () => {
  const v = await bed.artefact('1.6.0');
  const seen = join(bed.work, 'command-env.json');
  const dump = `node -e "require('fs').writeFileSync(process.argv[1], JSON.stringify(process.env))" ${seen}`;
  const inputs = {
    'environment': 'envcheck',
    'version': '1.6.0',
    'artifact-path': v.file,
    'target': bed.target('envcheck'),
    'deploy-command': dump,
  };
  const run = await bed.run('promote', { ...inputs, 'pass-env': 'ACTIONS_RESULTS_URL' });
  expect(run.errors).toEqual([]);
  const env = JSON.parse(await readFile(seen, 'utf8')) as Record<string, string>;
  // The harness gave the step these (the token as INPUT_GITHUB-TOKEN, the artifact service's runtime token).
  expect(Object.keys(env).filter((name) => name.startsWith('INPUT_'))).toEqual([]);
  expect(env).not.toHaveProperty('ACTIONS_RUNTIME_TOKEN');
  expect(env).not.toHaveProperty('GITHUB_OUTPUT');
  expect(Object.values(env)).not.toContain(bed.gh.token);
  expect(env).toMatchObject({
    SLIPWAY_VERSION: '1.6.0',
    SLIPWAY_ENVIRONMENT: 'envcheck',
    GITHUB_REPOSITORY: 'octo/app',
  });
  // Named in pass-env, a withheld variable is passed.
  expect(env.ACTIONS_RESULTS_URL).toMatch(/^http:\/\/127\.0\.0\.1:/);
});
