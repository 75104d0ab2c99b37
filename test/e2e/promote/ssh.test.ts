import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { packageArtefact } from '../../../src/packaging/package-artefact.js';
import { cuttingProxy, type OpenSshServer, startOpenSsh } from '../../support/openssh-server.js';
import { type Bed, startBed, statusesOf } from './bed.js';

let bed: Bed;
let sshd: OpenSshServer;
beforeAll(async () => {
  [bed, sshd] = await Promise.all([startBed(), startOpenSsh()]);
});
afterAll(async () => {
  await Promise.all([bed.close(), sshd.stop()]);
});

/** The environment's directory on the server (the bed's site serves `/<environment>` from its `current`). */
const root = (environment: string) => join(bed.work, 'envs', environment);
const visible = async (environment: string) =>
  (await readdir(join(root(environment), 'releases'))).filter((name) => !name.startsWith('.')).sort();

function sshInputs(environment: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'environment': environment,
    'target': sshd.url(root(environment)),
    'ssh-key': sshd.privateKey,
    'known-hosts': sshd.knownHosts,
    'verify-url': `${bed.siteUrl}/${environment}`,
    'verify-version': 'true',
    'verify-timeout': '10s',
    ...extra,
  };
}

const deploymentsTo = (environment: string) => bed.gh.state.deployments.filter((d) => d.environment === environment);

it('promotes over SSH with remote commands, then rolls back by relinking the kept release', async () => {
  const [v1, v2] = [await bed.artefact('1.0.0'), await bed.artefact('2.0.0')];
  const secrets = [sshd.privateKey];
  // Runs on the server, in the release directory, with only the SLIPWAY_* variables.
  const deploy = {
    'remote-commands': 'true',
    'deploy-command': "sh -c 'env > ../../deploy-env.txt; pwd >> ../../deploy-env.txt'",
  };
  const first = await bed.run(
    'promote',
    { ...sshInputs('web', deploy), 'artifact-path': v1.file, 'version': '1.0.0' },
    { secrets },
  );
  expect(first.exitCode).toBe(0);
  expect(first.errors).toEqual([]);
  expect(await bed.served('/web')).toBe('200 app 1.0.0');
  const env = await readFile(join(root('web'), 'deploy-env.txt'), 'utf8');
  expect(env).toContain('SLIPWAY_VERSION=1.0.0\n');
  expect(env).toContain('SLIPWAY_ARTIFACT_FILE=\n');
  expect(env).not.toMatch(/^(HOME|PATH|GITHUB_[A-Z_]+|INPUT_[A-Z_-]+)=/m);
  expect(env).toContain(`${join(root('web'), 'releases')}/1.0.0-`);

  const second = await bed.run(
    'promote',
    { ...sshInputs('web'), 'artifact-path': v2.file, 'version': '2.0.0' },
    { secrets },
  );
  expect(second.errors).toEqual([]);
  expect(await bed.served('/web')).toBe('200 app 2.0.0');
  expect((await visible('web')).length).toBe(2);

  // A rollback to a server whose host key is not pinned is refused in one line, before anything is recorded.
  const recorded = deploymentsTo('web').length;
  const refused = await bed.run(
    'rollback',
    { ...sshInputs('web'), 'known-hosts': sshd.fingerprint.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) },
    { secrets },
  );
  expect(refused.exitCode).toBe(1);
  expect(refused.errors).toEqual([
    `Refused ${sshd.user}@127.0.0.1:${sshd.port}: its host key ${sshd.fingerprint} (ssh-ed25519) is not pinned in 'known-hosts'; nothing was changed.`,
  ]);
  expect(deploymentsTo('web')).toHaveLength(recorded);

  const back = await bed.run('rollback', sshInputs('web'), { secrets });
  expect(back.errors).toEqual([]);
  expect(back.outputs).toMatchObject({ 'version': '1.0.0', 'rolled-back-version': '2.0.0' });
  expect(await bed.served('/web')).toBe('200 app 1.0.0');
  expect(await readlink(join(root('web'), 'current'))).toMatch(/^releases\/1\.0\.0-[0-9a-f]{12}$/);
}, 120_000); // three action runs and a remote command: allow for a loaded machine

it('refuses a host key that is not pinned before anything is recorded: one line, no deployment, nothing changed', async () => {
  // 'web' serves 1.0.0 (the test before; 2.0.0 was rolled back, so policy would refuse it).
  const v4 = await bed.artefact('4.0.0');
  const secrets = [sshd.privateKey];
  const kept = await visible('web');
  const recorded = deploymentsTo('web').length;
  // The server as an impostor would present it: another key for the same host and port.
  const other = await mkdtemp(join(tmpdir(), 'slipway-other-key-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(other, 'key')]);
  const [type, key] = (await readFile(join(other, 'key.pub'), 'utf8')).split(' ');
  await rm(other, { recursive: true, force: true });
  const unpinned = { 'known-hosts': `[127.0.0.1]:${sshd.port} ${type} ${key}` };
  const refused = `Refused ${sshd.user}@127.0.0.1:${sshd.port}: its host key ${sshd.fingerprint} (ssh-ed25519) is not pinned in 'known-hosts'; nothing was changed.`;
  const run = await bed.run(
    'promote',
    { ...sshInputs('web'), ...unpinned, 'artifact-path': v4.file, 'version': '4.0.0' },
    { secrets },
  );
  expect(run.exitCode).toBe(1);
  expect(run.errors).toEqual([refused]);
  expect(deploymentsTo('web')).toHaveLength(recorded);
  expect(await visible('web')).toEqual(kept);
  expect(await bed.served('/web')).toBe('200 app 1.0.0');
});

it('fails cleanly when the connection drops mid-upload: live release untouched, no half release', async () => {
  // 'web' serves 1.0.0 (the tests before).
  const secrets = [sshd.privateKey];
  const kept = await visible('web');
  // A release big enough that the upload is under way when the proxy cuts: random bytes do not compress.
  const src = join(bed.work, 'src-big');
  await mkdir(src, { recursive: true });
  await writeFile(join(src, 'version.txt'), 'app 3.0.0');
  await writeFile(join(src, 'status'), '200');
  await writeFile(join(src, 'blob.bin'), randomBytes(512 * 1024));
  const big = await packageArtefact({
    path: '.',
    cwd: src,
    name: 'app',
    version: '3.0.0',
    format: 'tar.gz',
    outputDir: join(bed.work, 'out-big'),
    sourceDate: 0,
    buildInfo: false,
  });
  const proxy = await cuttingProxy(sshd.port, 128 * 1024);
  try {
    const run = await bed.run(
      'promote',
      {
        ...sshInputs('web'),
        'target': `ssh://${sshd.user}@127.0.0.1:${proxy.port}${root('web')}`,
        'known-hosts': sshd.fingerprint,
        'artifact-path': big.file,
        'version': '3.0.0',
      },
      { secrets },
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^Promotion of 3\.0\.0 to 'web' failed: /);
  } finally {
    await proxy.close();
  }
  expect(statusesOf(bed.gh, deploymentsTo('web').at(-1)?.id ?? 0).at(-1)).toBe('failure');
  expect(await visible('web')).toEqual(kept);
  expect(await bed.served('/web')).toBe('200 app 1.0.0');
});

it.each([
  [{ 'known-hosts': '' }, "Input 'known-hosts' is required with an `ssh://` 'target'"],
  [{ target: 'ssh://127.0.0.1/srv/app' }, "Input 'target' must be `dir:<path>` (a directory on the runner) or `ssh://"],
])('refuses %j with one line before anything is recorded', async (overrides, message) => {
  const before = bed.gh.requests.length;
  const run = await bed.run(
    'promote',
    { ...sshInputs('bad'), 'artifact-path': 'none.tgz', 'version': '1.0.0', ...overrides },
    {
      secrets: [sshd.privateKey],
    },
  );
  expect(run.exitCode).toBe(1);
  expect(run.errors).toHaveLength(1);
  expect(run.errors[0]).toContain(message);
  expect(bed.gh.requests.length).toBe(before);
});
