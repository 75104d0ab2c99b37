import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../support/harness.js';
import { expectNoSecrets } from '../../support/secret-scan.js';
import { craftTarGz, craftZip, type Member, sha256, snapshot } from '../../unit/reliability/craft-archive.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';

/**
 * Hostile artefacts given to the bundled promote action through `artifact-path`, over an
 * environment already serving a verified 1.0.0 from its `dir:` target. Each is refused with a
 * one-line error; the deployment (if one was recorded) never succeeds; 1.0.0 is still served; and
 * the target's tree and everything around it are exactly as before.
 */
let bed: Bed;
let runId = 70_000;
const ENV = 'hostile';
beforeAll(async () => {
  bed = await startBed();
  const v1 = await bed.artefact('1.0.0');
  expect((await promote(v1.file, { version: '1.0.0' })).errors).toEqual([]);
  expect(await bed.served(`/${ENV}`)).toBe('200 app 1.0.0');
  mkdirSync(join(bed.work, 'hostile'));
  writeFileSync(join(bed.work, 'envs', 'sentinel.txt'), 'outside the target');
});
afterAll(async () => {
  await bed.close();
});

function promote(file: string, extra: Record<string, string> = {}) {
  return runAction({
    action: 'promote',
    inputs: {
      'environment': ENV,
      'artifact-path': file,
      'version': '2.0.0',
      'target': bed.target(ENV),
      'verify-url': `${bed.siteUrl}/${ENV}`,
      'verify-version': 'true',
      'verify-timeout': '5s',
      ...extra,
    },
    github: bed.gh,
    sha: bed.git.shas[1],
    runId: ++runId,
    workspace: bed.work,
    env: { SLIPWAY_POLL_MS: '100', SLIPWAY_RETRY_BASE_MS: '10' },
  });
}

const good = (body = 'app 2.0.0'): Member[] => [
  { name: 'version.txt', body },
  { name: 'status', body: '200' },
];
// The release is extracted into envs/hostile/releases/.incoming-…/: four levels up is envs/.
const CASES: Array<{ name: string; members: Member[]; reason: RegExp }> = [
  {
    name: "'../' paths reaching the environment and its parent",
    members: [...good(), { name: '../../current', body: 'x' }, { name: '../../../sentinel.txt', body: 'pwned' }],
    reason: /'\.\.' segment/,
  },
  {
    name: 'an absolute path',
    members: [...good(), { name: '/tmp/slipway-promote-escape.txt', body: 'pwned' }],
    reason: /absolute path/,
  },
  {
    name: 'a symlink out of the target, then a file through it',
    members: [
      ...good(),
      { name: 'up', type: 'symlink', linkname: '../../..' },
      { name: 'up/sentinel.txt', body: 'pwned' },
    ],
    reason: /outside the target/,
  },
  {
    name: 'a symlink, then a file of the same name',
    members: [...good(), { name: 'alias', type: 'symlink', linkname: 'version.txt' }, { name: 'alias', body: 'pwned' }],
    reason: /would overwrite/,
  },
  {
    name: 'a character device',
    members: [...good(), { name: 'dev-null', type: 'character-device' }],
    reason: /device/,
  },
  { name: 'a FIFO', members: [...good(), { name: 'pipe', type: 'fifo' }], reason: /fifo|FIFO/ },
];

describe('promote given a hostile artefact', () => {
  for (const format of ['tar.gz', 'zip'] as const) {
    it.each(CASES)(
      `${format}: $name is refused, 1.0.0 stays live, nothing around the target changes`,
      async ({ members, reason }) => {
        const bytes = format === 'zip' ? await craftZip(members) : await craftTarGz(members);
        const file = join(bed.work, 'hostile', `case-${runId}.${format === 'zip' ? 'zip' : 'tar.gz'}`);
        writeFileSync(file, bytes);
        const before = snapshot(join(bed.work, 'envs'));
        const deployments = bed.gh.state.deployments.length;
        const run = await promote(file);
        expectNoSecrets(run, [bed.gh.token]);
        expect(run.exitCode).toBe(1);
        expect(run.errors).toHaveLength(1);
        expect(run.errors[0]).toMatch(reason);
        expect(run.errors[0]).not.toContain('\n');
        expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
        expect(snapshot(join(bed.work, 'envs'))).toEqual(before);
        expect(await bed.served(`/${ENV}`)).toBe('200 app 1.0.0');
        expect(existsSync('/tmp/slipway-promote-escape.txt')).toBe(false);
        for (const deployment of bed.gh.state.deployments.slice(deployments))
          expect(statusesOf(bed.gh, deployment.id)).not.toContain('success');
      },
    );
  }

  it('a digest mismatch is refused before anything is extracted or recorded', async () => {
    const bytes = await craftTarGz(good());
    const file = join(bed.work, 'hostile', 'tampered.tar.gz');
    writeFileSync(file, bytes);
    const expected = sha256(await craftTarGz(good('app 2.0.0 as tested')));
    const before = snapshot(join(bed.work, 'envs'));
    const deployments = bed.gh.state.deployments.length;
    const run = await promote(file, { digest: expected });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/digest/);
    expect(run.errors[0]).toContain(expected.slice('sha256:'.length, 'sha256:'.length + 12));
    expect(bed.gh.state.deployments.length).toBe(deployments);
    expect(snapshot(join(bed.work, 'envs'))).toEqual(before);
    expect(await bed.served(`/${ENV}`)).toBe('200 app 1.0.0');
  });
});
