import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  realpath,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DirTarget } from '../../../src/promotion/dir-target.js';
import { parseHostKeyPin } from '../../../src/promotion/host-key.js';
import { sshExec } from '../../../src/promotion/ssh-exec.js';
import { SshTarget } from '../../../src/promotion/ssh-target.js';
import { cuttingProxy, type OpenSshServer, startOpenSsh } from '../../support/openssh-server.js';
import { loopback } from './loopback.js';

let sshd: OpenSshServer;
let root: string;
const targets: SshTarget[] = [];

beforeAll(async () => {
  sshd = await startOpenSsh();
});
afterAll(async () => {
  await sshd.stop();
});
afterEach(async () => {
  await Promise.all(targets.splice(0).map((t) => t.close()));
  if (root) await rm(root, { recursive: true, force: true });
});

async function freshRoot(): Promise<string> {
  root = await mkdtemp(join(tmpdir(), 'slipway-ssh-root-'));
  return root;
}

function sshTarget(dir: string, options: { port?: number; pin?: string } = {}): SshTarget {
  const port = options.port ?? sshd.port;
  const target = new SshTarget(
    {
      user: sshd.user,
      host: '127.0.0.1',
      port,
      privateKey: sshd.privateKey,
      pin: parseHostKeyPin(options.pin ?? sshd.knownHosts, '127.0.0.1', sshd.port),
    },
    dir,
  );
  targets.push(target);
  return target;
}

async function fillFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, body] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), body, { mode: name.endsWith('.sh') ? 0o755 : 0o644 });
  }
}

const visible = async (dir: string) => (await readdir(join(dir, 'releases'))).filter((n) => !n.startsWith('.')).sort();

describe('SshTarget against OpenSSH', () => {
  it('installs, switches, reuses, replaces a tampered release and prunes exactly as dir: does', async () => {
    const dir = await freshRoot();
    const target = sshTarget(dir);
    const files = { 'index.html': 'v1', 'bin/start.sh': '#!/bin/sh\necho hi\n', 'assets/a.css': 'a{}' };
    const fill = async (d: string) => {
      await fillFiles(d, files);
      await symlink('../index.html', join(d, 'assets', 'home.html'));
    };
    const at = await target.install('1.0.0-aaaaaaaaaaaa', fill);
    expect(at).toBe(join(dir, 'releases', '1.0.0-aaaaaaaaaaaa'));
    expect(await readFile(join(at, 'bin/start.sh'), 'utf8')).toContain('echo hi');
    expect(await readlink(join(at, 'assets', 'home.html'))).toBe('../index.html');
    await target.point('1.0.0-aaaaaaaaaaaa');
    expect(await readlink(join(dir, 'current'))).toBe('releases/1.0.0-aaaaaaaaaaaa');
    expect(await target.pointed()).toBe('1.0.0-aaaaaaaaaaaa');

    // The same manifest a dir: target writes for the same tree (modes exact, not the server's umask).
    const local = await mkdtemp(join(tmpdir(), 'slipway-ssh-dir-'));
    await new DirTarget(local).install('1.0.0-aaaaaaaaaaaa', fill);
    expect(await readFile(join(dir, 'releases', '.1.0.0-aaaaaaaaaaaa.manifest'), 'utf8')).toBe(
      await readFile(join(local, 'releases', '.1.0.0-aaaaaaaaaaaa.manifest'), 'utf8'),
    );
    await rm(local, { recursive: true, force: true });

    // Unchanged: reused without calling fill. Changed on the server: extracted again.
    expect(await target.has('1.0.0-aaaaaaaaaaaa')).toBe(true);
    await target.install('1.0.0-aaaaaaaaaaaa', () => Promise.reject(new Error('fill must not run')));
    await writeFile(join(at, 'index.html'), 'tampered');
    expect(await target.has('1.0.0-aaaaaaaaaaaa')).toBe(false);
    await target.install('1.0.0-aaaaaaaaaaaa', fill);
    expect(await readFile(join(dir, 'current', 'index.html'), 'utf8')).toBe('v1');

    for (const name of ['2', '3', '4'])
      await target.install(`${name}.0.0-bbbbbbbbbbbb`, (d) => fillFiles(d, { x: name }));
    await target.point('2.0.0-bbbbbbbbbbbb', 'green');
    expect(await target.prune(2, ['current', 'green'])).toEqual([]);
    await target.point('4.0.0-bbbbbbbbbbbb');
    // Newest two kept (3, 4), and 2 because `green` links it; 1 was live but no longer is.
    expect(await target.prune(2, ['current', 'green'])).toEqual(['1.0.0-aaaaaaaaaaaa']);
    expect(await visible(dir)).toEqual(['2.0.0-bbbbbbbbbbbb', '3.0.0-bbbbbbbbbbbb', '4.0.0-bbbbbbbbbbbb']);
    expect((await readdir(join(dir, 'releases'))).filter((n) => n.startsWith('.')).sort()).toEqual([
      '.2.0.0-bbbbbbbbbbbb.manifest',
      '.3.0.0-bbbbbbbbbbbb.manifest',
      '.4.0.0-bbbbbbbbbbbb.manifest',
    ]);

    await target.writeFile('flags.json', '{"a":1}');
    await target.writeFile('flags.json', '{"a":2}');
    expect(await target.readFile('flags.json')).toBe('{"a":2}');
    expect(await target.readFile('missing.json')).toBeUndefined();
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses a symlink out of the release and a live link that is not a symlink; nothing appears', async () => {
    const dir = await freshRoot();
    const target = sshTarget(dir);
    await expect(
      target.install('bad-cccccccccccc', async (d) => {
        await writeFile(join(d, 'a'), 'a');
        await symlink('../../../etc/passwd', join(d, 'escape'));
      }),
    ).rejects.toThrow('escape is a symlink to "../../../etc/passwd", outside the release; not uploaded.');
    expect(await readdir(join(dir, 'releases'))).toEqual([]);
    await target.install('ok-cccccccccccc', (d) => fillFiles(d, { a: 'a' }));
    await writeFile(join(dir, 'current'), 'a file');
    await expect(target.point('ok-cccccccccccc')).rejects.toThrow(/current on .* exists and is not a symlink/);
  });

  it('runs a remote command in the release directory with only SLIPWAY_* variables, every word quoted', async () => {
    const dir = await freshRoot();
    const target = sshTarget(dir);
    const at = await target.install('1-dddddddddddd', (d) => fillFiles(d, { a: 'a' }));
    let out = '';
    const sink = { write: (chunk: Buffer) => ((out += chunk.toString()), true) } as unknown as NodeJS.WritableStream;
    const exec = sshExec(target, { stdout: sink, stderr: sink, log: () => {} });
    const env = {
      SLIPWAY_ARTIFACT_DIR: at,
      SLIPWAY_VERSION: "1 $(touch /tmp/x) 'q'",
      SLIPWAY_ARTIFACT_FILE: '/runner/a.tgz',
    };
    expect(await exec('env', [], { env })).toBe(0);
    expect(out.trim().split('\n').sort()).toEqual([
      'SLIPWAY_ARTIFACT_DIR=' + at,
      'SLIPWAY_ARTIFACT_FILE=',
      "SLIPWAY_VERSION=1 $(touch /tmp/x) 'q'",
    ]);
    out = '';
    expect(await exec('sh', ['-c', 'pwd; printf "%s|" "$@"; exit 3', 'sh', 'a b', '$HOME', ';'], { env })).toBe(3);
    expect(out).toBe(`${await realpath(at)}\na b|$HOME|;|`);
  });

  it('refuses a changed host key with one line naming the host and the key it saw; nothing is changed', async () => {
    const dir = await freshRoot();
    const before = sshTarget(dir);
    await before.install('1-eeeeeeeeeeee', (d) => fillFiles(d, { a: 'one' }));
    await before.point('1-eeeeeeeeeeee');
    await before.close();
    const pinned = sshd.knownHosts;
    await sshd.replaceHostKey();
    try {
      const after = sshTarget(dir, { pin: pinned });
      const error = await after.install('2-eeeeeeeeeeee', (d) => fillFiles(d, { a: 'two' })).catch((e: Error) => e);
      expect(String((error as Error).message)).toBe(
        `Refused ${sshd.user}@127.0.0.1:${sshd.port}: its host key ${sshd.fingerprint} (ssh-ed25519) is not pinned in 'known-hosts'; nothing was changed.`,
      );
      expect(await visible(dir)).toEqual(['1-eeeeeeeeeeee']);
      expect(await readlink(join(dir, 'current'))).toBe('releases/1-eeeeeeeeeeee');
      // The new key, once pinned (as a fingerprint this time), is accepted.
      const repinned = sshTarget(dir, { pin: sshd.fingerprint });
      expect(await repinned.pointed()).toBe('1-eeeeeeeeeeee');
    } finally {
      // Later tests pin the server's current key.
    }
  });

  it('leaves the live release untouched and no release half there when the connection drops mid-upload', async () => {
    const dir = await freshRoot();
    const direct = sshTarget(dir);
    await direct.install('1-ffffffffffff', (d) => fillFiles(d, { 'index.html': 'one' }));
    await direct.point('1-ffffffffffff');
    // A loopback TCP proxy that cuts the connection after 256 KiB from the client (well into the upload).
    const proxy = await cuttingProxy(sshd.port, 256 * 1024);
    try {
      const cut = sshTarget(dir, { port: proxy.port, pin: sshd.fingerprint });
      const big: [string, string][] = Array.from({ length: 8 }, (_, i) => [`chunk-${i}.bin`, 'x'.repeat(128 * 1024)]);
      const error = await cut
        .install('2-ffffffffffff', (d) => fillFiles(d, Object.fromEntries(big)))
        .then(
          () => undefined,
          (e: Error) => e,
        );
      expect(error?.message).toBe(`The SSH connection to ${sshd.user}@127.0.0.1:${proxy.port} was lost.`);
      expect(proxy.forwarded()).toBeGreaterThan(256 * 1024);
    } finally {
      await proxy.close();
    }
    expect(await visible(dir)).toEqual(['1-ffffffffffff']);
    expect(await readlink(join(dir, 'current'))).toBe('releases/1-ffffffffffff');
    expect(await readFile(join(dir, 'current', 'index.html'), 'utf8')).toBe('one');
    // What the cut upload left is hidden; prune deletes it once it is an hour old, and not before.
    const left = (await readdir(join(dir, 'releases'))).filter((name) => name.startsWith('.incoming-'));
    expect(left).toHaveLength(1);
    await direct.prune(5);
    expect((await readdir(join(dir, 'releases'))).filter((name) => name.startsWith('.incoming-'))).toEqual(left);
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(dir, 'releases', left[0] as string), old, old);
    await direct.prune(5);
    expect((await readdir(join(dir, 'releases'))).filter((name) => name.startsWith('.incoming-'))).toEqual([]);
    expect(await visible(dir)).toEqual(['1-ffffffffffff']);
  });
});

const FILES = ['index.html', 'app.js', 'style.css'];
const SWITCHES = 50;
const CLIENTS = 4;
/** Responses each switch waits for before the next, so requests always overlap the switches. */
const RESPONSES_PER_SWITCH = 2 * CLIENTS;

function get(url: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (error) => resolve({ status: 0, body: error.message }));
    });
    req.on('error', (error) => resolve({ status: 0, body: error.message }));
    req.end();
  });
}

it(`over SSH, serves only whole releases across ${SWITCHES} switches under load, and rolls back by relinking`, async () => {
  const dir = await freshRoot();
  // Like a web server that resolves the document root once per request, then reads several files from it.
  const server = await loopback(async (_, res) => {
    const release = await realpath(join(dir, 'current'));
    const parts = [];
    for (const file of FILES) parts.push(await readFile(join(release, file), 'utf8'));
    res.writeHead(200).end(parts.join('\n'));
  });
  const target = sshTarget(dir);
  const fill = (version: string) => (d: string) =>
    fillFiles(d, Object.fromEntries(FILES.map((file) => [file, `${file} of release ${version}`])));
  try {
    await target.install('v0', fill('v0'));
    await target.point('v0');
    let done = false;
    let responses = 0;
    const failed: string[] = [];
    const mixed: string[] = [];
    const seen = new Set<string>();
    const client = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      while (!done) {
        const { status, body } = await get(server.url, agent);
        responses++;
        if (status !== 200) {
          failed.push(`${status} ${body}`);
          continue;
        }
        const versions = new Set(body.split('\n').map((line) => /of release (\S+)$/.exec(line)?.[1]));
        if (versions.size !== 1 || body.split('\n').length !== FILES.length) mixed.push(body);
        else seen.add([...versions][0] as string);
      }
      agent.destroy();
    };
    const clients = Array.from({ length: CLIENTS }, client);
    const waitForResponses = async (count: number) => {
      const until = responses + count;
      while (responses < until && failed.length + mixed.length === 0)
        await new Promise((resolve) => setTimeout(resolve, 1));
    };
    await waitForResponses(RESPONSES_PER_SWITCH);
    const switchMs: number[] = [];
    for (let i = 1; i <= SWITCHES; i++) {
      const name = `v${i}`;
      await target.install(name, fill(name));
      const started = performance.now();
      await target.point(name);
      switchMs.push(performance.now() - started);
      await target.prune(5);
      await waitForResponses(RESPONSES_PER_SWITCH);
    }
    // Rollback: the previous release is kept, so going back is one relink.
    const started = performance.now();
    await target.point(`v${SWITCHES - 1}`);
    const rollbackMs = performance.now() - started;
    await waitForResponses(RESPONSES_PER_SWITCH);
    done = true;
    await Promise.all(clients);

    expect(failed).toEqual([]);
    expect(mixed).toEqual([]);
    expect(seen.size).toBe(SWITCHES + 1);
    expect(responses).toBeGreaterThanOrEqual((SWITCHES + 2) * RESPONSES_PER_SWITCH);
    expect(await readlink(join(dir, 'current'))).toBe(`releases/v${SWITCHES - 1}`);
    expect((await visible(dir)).length).toBe(5);
    switchMs.sort((a, b) => a - b);
    console.log(
      `ssh zero-downtime: ${responses} responses across ${SWITCHES} switches, ${failed.length} failed, ${mixed.length} mixed; ` +
        `switch median ${switchMs[SWITCHES >> 1]?.toFixed(1)} ms, rollback relink ${rollbackMs.toFixed(1)} ms`,
    );
  } finally {
    await server.close();
  }
});
