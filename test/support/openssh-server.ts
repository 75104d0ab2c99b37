import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** Debian's OpenSSH server (`openssh-server`; `.ci/run` installs it when missing). */
export const SSHD = '/usr/sbin/sshd';

export function sshdAvailable(): boolean {
  return existsSync(SSHD) && existsSync('/usr/bin/ssh-keygen');
}

export interface OpenSshServer {
  host: '127.0.0.1';
  port: number;
  /** The one user it lets in: the user running the tests (unprivileged unless the tests run as root). */
  user: string;
  /** The client's private key (OpenSSH format, unencrypted), in authorized_keys. */
  privateKey: string;
  /** A known_hosts line for `[127.0.0.1]:<port>` with the current host key. */
  knownHosts: string;
  /** The current host key's `SHA256:…` fingerprint, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** `ssh://user@127.0.0.1:port<path>`. */
  url(path: string): string;
  /** Replaces the host key with a new one and restarts on the same port (a re-installed or impostor server). */
  replaceHostKey(): Promise<void>;
  stop(): Promise<void>;
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'slipway-test', '-f', file]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real `sshd -D -e` on 127.0.0.1 and a free port, from a temporary directory holding its
 * config, a fresh ed25519 host key, a client key and `authorized_keys`. It runs as the user running
 * the tests: unprivileged, sshd can only let that same user in (no privilege separation, no PAM),
 * which is all a test needs. As root (a CI container), sshd needs its privilege separation
 * directory `/run/sshd`, created here when missing, and logs in root with the key only.
 */
export async function startOpenSsh(): Promise<OpenSshServer> {
  if (!sshdAvailable()) throw new Error(`${SSHD} not found: install openssh-server (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'slipway-sshd-'));
  const user = userInfo().username;
  const root = process.getuid?.() === 0;
  if (root) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  keygen(hostKey);
  keygen(clientKey);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`));
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `AllowUsers ${user}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      `PermitRootLogin ${root ? 'prohibit-password' : 'no'}`,
      // The temporary directory is not the user's home: its permissions are the test's business.
      'StrictModes no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      'MaxStartups 100',
      'LogLevel INFO',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  let log = '';
  const start = () =>
    new Promise<void>((resolve, reject) => {
      log = '';
      const proc = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = proc;
      const timer = setTimeout(() => reject(new Error(`sshd did not start within 10 s:\n${log}`)), 10_000);
      proc.stderr?.setEncoding('utf8');
      proc.stderr?.on('data', (chunk: string) => {
        log = (log + chunk).slice(-20_000);
        if (/Server listening on 127\.0\.0\.1 port/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sshd exited with ${code}:\n${log}`));
      });
    });
  const stopChild = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();

  const server: OpenSshServer = {
    host: '127.0.0.1',
    port,
    user,
    privateKey: readFileSync(clientKey, 'utf8'),
    knownHosts: '',
    fingerprint: '',
    url: (path) => `ssh://${user}@127.0.0.1:${port}${path}`,
    async replaceHostKey() {
      await stopChild();
      rmSync(hostKey);
      rmSync(`${hostKey}.pub`);
      keygen(hostKey);
      readHostKey();
      await start();
    },
    async stop() {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const readHostKey = () => {
    const [type, key] = readFileSync(`${hostKey}.pub`, 'utf8').split(' ');
    server.knownHosts = `[127.0.0.1]:${port} ${type} ${key}`;
    server.fingerprint =
      execFileSync('ssh-keygen', ['-lf', `${hostKey}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
  };
  readHostKey();
  return server;
}

/**
 * A loopback TCP proxy to `port` that cuts both sides once the client has sent more than
 * `afterBytes` (a connection dropped mid-upload). Close it when done.
 */
export async function cuttingProxy(
  port: number,
  afterBytes: number,
): Promise<{ port: number; forwarded: () => number; close: () => Promise<void> }> {
  let forwarded = 0;
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = new Socket().connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk: Buffer) => {
      forwarded += chunk.length;
      if (forwarded > afterBytes) {
        client.destroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as { port: number }).port,
    forwarded: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}
