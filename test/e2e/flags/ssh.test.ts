import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenSshServer, startOpenSsh } from '../../support/openssh-server.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';
import { flagsCli } from './flags-cli.js';

// Flags written to an `ssh://` target served by the real OpenSSH server on 127.0.0.1, by the bundled
// flags action and by `slipway flags`: one sshd for the file.

const FLAGS = {
  flags: {
    'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' },
    'theme': { state: 'ENABLED', variants: { light: 'light', dark: 'dark' }, defaultVariant: 'light' },
  },
};
let bed: Bed;
let sshd: OpenSshServer;
let files: string;

beforeAll(async () => {
  [bed, sshd] = await Promise.all([startBed(), startOpenSsh()]);
  await writeFile(join(bed.work, 'flags.json'), JSON.stringify(FLAGS));
  files = await mkdtemp(join(tmpdir(), 'slipway-flags-ssh-'));
  await writeFile(join(files, 'key'), sshd.privateKey, { mode: 0o600 });
  await writeFile(join(files, 'known_hosts'), `${sshd.knownHosts}\n`);
});
afterAll(async () => {
  await Promise.all([bed.close(), sshd.stop(), rm(files, { recursive: true, force: true })]);
});

/** The environment's root on the server. */
const root = (environment: string) => join(bed.work, 'envs', environment);
const served = async (environment: string) =>
  JSON.parse(await readFile(join(root(environment), 'flags.json'), 'utf8')) as typeof FLAGS;
const flagsRecords = (environment: string) =>
  bed.gh.state.deployments.filter((d) => d.task === 'flags' && d.environment === environment);

/** An ed25519 public key nobody serves, as a known_hosts line for the server's address. */
async function impostorKnownHosts(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-other-key-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
  const [type, key] = (await readFile(join(dir, 'key.pub'), 'utf8')).split(' ');
  await rm(dir, { recursive: true, force: true });
  return `[127.0.0.1]:${sshd.port} ${type} ${key}`;
}

describe('flags action, ssh:// target', () => {
  const ssh = (environment: string) => ({
    'target': sshd.url(root(environment)),
    'ssh-key': sshd.privateKey,
    'known-hosts': sshd.knownHosts,
  });

  it('writes flags.json on the server atomically and records the change', async () => {
    await mkdir(root('production'), { recursive: true });
    const set = (value: string) =>
      bed.run(
        'flags',
        { command: 'set', environment: 'production', flag: 'checkout-v2', value, ...ssh('production') },
        { secrets: [sshd.privateKey] },
      );
    const first = await set('off');
    expect(first.errors).toEqual([]);
    expect((await served('production')).flags['checkout-v2'].defaultVariant).toBe('off');
    const before = await stat(join(root('production'), 'flags.json'));

    const second = await set('on');
    expect(second.errors).toEqual([]);
    expect((await served('production')).flags['checkout-v2'].defaultVariant).toBe('on');
    // Replaced by a rename (a new file), never rewritten in place, and nothing left beside it.
    expect((await stat(join(root('production'), 'flags.json'))).ino).not.toBe(before.ino);
    expect(await readdir(root('production'))).toEqual(['flags.json']);

    const records = flagsRecords('production');
    expect(records.map((r) => String(r.id))).toEqual([first.outputs['deployment-id'], second.outputs['deployment-id']]);
    expect(records.at(-1)!.payload).toMatchObject({
      changed: [{ flag: 'checkout-v2', from: 'off', to: 'on' }],
      target: sshd.url(root('production')).replace(/^(ssh:\/\/[^@]+@[^/]+)/, '$1'),
    });
    expect(statusesOf(bed.gh, records.at(-1)!.id)).toEqual(['in_progress', 'success']);
  });

  it('refuses a missing known-hosts in one line before any request', async () => {
    const before = bed.gh.requests.length;
    const run = await bed.run(
      'flags',
      {
        'command': 'set',
        'environment': 'staging',
        'flag': 'theme',
        'value': 'dark',
        ...ssh('staging'),
        'known-hosts': '',
      },
      { secrets: [sshd.privateKey] },
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^Input 'known-hosts' is required with an `ssh:\/\/` 'target': pin /);
    expect(bed.gh.requests.length).toBe(before);
    expect(flagsRecords('staging')).toEqual([]);
  });

  it('refuses a host key that is not pinned in one line, with nothing recorded or written', async () => {
    await mkdir(root('staging'), { recursive: true });
    const run = await bed.run(
      'flags',
      {
        'command': 'set',
        'environment': 'staging',
        'flag': 'theme',
        'value': 'dark',
        ...ssh('staging'),
        'known-hosts': await impostorKnownHosts(),
      },
      { secrets: [sshd.privateKey] },
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      `Refused ${sshd.user}@127.0.0.1:${sshd.port}: its host key ${sshd.fingerprint} (ssh-ed25519) is not pinned in 'known-hosts'; nothing was changed.`,
    ]);
    expect(flagsRecords('staging')).toEqual([]);
    expect(await readdir(root('staging'))).toEqual([]);
  });
});

describe('slipway flags, ssh:// --target', () => {
  const sha = () => ['--sha', bed.git.shas[1]!];

  it('sets a flag on the server with --ssh-key-file and --known-hosts-file, recording it', async () => {
    await mkdir(root('qa'), { recursive: true });
    const set = await flagsCli(bed, [
      'set',
      'theme',
      'dark',
      '--environment',
      'qa',
      ...sha(),
      '--target',
      sshd.url(root('qa')),
      '--ssh-key-file',
      join(files, 'key'),
      '--known-hosts-file',
      join(files, 'known_hosts'),
    ]);
    expect(set).toMatchObject({ code: 0, errors: '' });
    expect(set.out).toContain('theme light dark');
    expect((await served('qa')).flags.theme.defaultVariant).toBe('dark');
    expect(flagsRecords('qa')).toHaveLength(1);
    expect(statusesOf(bed.gh, flagsRecords('qa')[0]!.id)).toEqual(['in_progress', 'success']);
  });

  it('names the missing or bad flag in one line, never echoing the key, and records nothing', async () => {
    const recorded = bed.gh.state.deployments.length;
    const base = ['set', 'theme', 'light', '--environment', 'qa', ...sha(), '--target', sshd.url(root('qa'))];
    const key = ['--ssh-key-file', join(files, 'key')];
    const known = ['--known-hosts-file', join(files, 'known_hosts')];
    const noKnown = await flagsCli(bed, [...base, ...key]);
    expect(noKnown.code).toBe(1);
    expect(noKnown.errors.trim()).toMatch(/^[^\n]*--known-hosts-file <path> is required with an ssh:\/\/ --target: /);
    const noKey = await flagsCli(bed, [...base, ...known]);
    expect(noKey.errors.trim()).toMatch(/^[^\n]*--ssh-key-file <path> is required with an ssh:\/\/ --target: /);
    // The key given as the known_hosts file, and the known_hosts file as the key: refused, the key's text never shown.
    const swapped = await flagsCli(bed, [
      ...base,
      '--ssh-key-file',
      join(files, 'known_hosts'),
      '--known-hosts-file',
      join(files, 'key'),
    ]);
    expect(swapped.code).toBe(1);
    expect(swapped.errors.trim()).toMatch(
      /^[^\n]*--known-hosts-file must hold known_hosts lines .* line \d+ is neither/,
    );
    const keyOnly = await flagsCli(bed, [...base, ...known, '--ssh-key-file', join(files, 'known_hosts')]);
    expect(keyOnly.errors.trim()).toMatch(/^[^\n]*--ssh-key-file must be a private key .* is not one\.$/);
    const missing = await flagsCli(bed, [...base, ...known, '--ssh-key-file', join(files, 'nope')]);
    expect(missing.errors.trim()).toMatch(/^[^\n]*--ssh-key-file cannot be read: ".*nope" \(ENOENT\)\.$/);
    const onDir = await flagsCli(bed, [
      'set',
      'theme',
      'light',
      '--environment',
      'qa',
      ...sha(),
      '--target',
      bed.target('qa'),
      ...key,
    ]);
    expect(onDir.errors.trim()).toMatch(/^[^\n]*--ssh-key-file is for an ssh:\/\/ --target; --target is "dir:/);
    const keyLines = sshd.privateKey.split('\n').filter((line) => line.length >= 8 && !line.startsWith('-----'));
    for (const run of [noKnown, noKey, swapped, keyOnly, missing, onDir]) {
      expect(run.errors.trim().split('\n')).toHaveLength(1);
      for (const line of keyLines) expect(run.errors + run.out).not.toContain(line);
    }
    expect(bed.gh.state.deployments).toHaveLength(recorded);
  });
});
