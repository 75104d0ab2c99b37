import type { Socket } from 'node:net';
import type { Client, ClientChannel, ServerHostKeyAlgorithm, SFTPWrapper, Stats } from 'ssh2';
import { UserError } from '../runtime/errors.js';
import { fingerprint, type HostKeyPin, hostKeyAccepted, hostKeyAlgorithms, keyType } from './host-key.js';

export interface SshLogin {
  user: string;
  host: string;
  port: number;
  /** An OpenSSH or PEM private key (a secret: never put into a message). */
  privateKey: string;
  passphrase?: string;
  pin: HostKeyPin;
  /** How long connecting and logging in may take. */
  readyTimeoutMs?: number;
}

/** SFTP's "no such file" status. */
const NO_SUCH_FILE = 2;

/** An error from ssh2 as one line without anything secret in it (ssh2's messages may quote what they parsed). */
function scrub(error: unknown, secrets: (string | undefined)[]): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) if (secret && secret.length >= 4) message = message.split(secret).join('***');
  // A line of a key or anything that long is never useful in a message.
  return message
    .replace(/[A-Za-z0-9+/=]{40,}/g, '***')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One SSH connection with its SFTP channel. Every call resolves or rejects (a dropped connection
 * fails what is pending); every failure is a UserError naming the operation and path, never a secret.
 */
export class SshSession {
  /** Rejects once the connection is gone (dropped, or closed), so nothing pending waits for ever. */
  private readonly lost: Promise<never>;
  private closing = false;

  private constructor(
    private readonly client: Client,
    private readonly sftp: SFTPWrapper,
    readonly where: string,
  ) {
    this.lost = new Promise<never>((_, reject) => {
      const gone = () =>
        reject(new UserError(`The SSH connection to ${where} was ${this.closing ? 'closed' : 'lost'}.`));
      client.once('close', gone);
      sftp.once('close', gone);
    });
    this.lost.catch(() => undefined);
  }

  /** Settles with `work`, or rejects when the connection is lost first. */
  guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.lost]);
  }

  /**
   * Connects, refusing any host key that is not pinned (one line naming the host and the
   * fingerprint it presented), logs in with the key and opens SFTP.
   */
  static async open(login: SshLogin, sock?: Socket): Promise<SshSession> {
    const { Client } = await import('ssh2');
    const where = `${login.user}@${login.host}:${login.port}`;
    const secrets = [login.privateKey, login.passphrase];
    const client = new Client();
    // Without it, each small SFTP request waits out the peer's delayed ACK (some 40 ms a round trip).
    const noDelay = () => client.setNoDelay(true);
    client.once('connect', noDelay);
    let presented: Buffer | undefined;
    let refused = false;
    const ready = new Promise<void>((resolve, reject) => {
      client.once('ready', resolve);
      client.once('error', reject);
      client.once('close', () => reject(new Error('the connection closed')));
    });
    try {
      client.connect({
        host: login.host,
        port: login.port,
        username: login.user,
        privateKey: login.privateKey,
        passphrase: login.passphrase,
        sock,
        readyTimeout: login.readyTimeoutMs ?? 20_000,
        keepaliveInterval: 5_000,
        keepaliveCountMax: 3,
        algorithms: { serverHostKey: hostKeyAlgorithms(login.pin) as ServerHostKeyAlgorithm[] },
        hostVerifier: (key: Buffer) => {
          presented = key;
          refused = !hostKeyAccepted(login.pin, key);
          return !refused;
        },
      });
      await ready;
    } catch (error) {
      client.end();
      if (refused && presented)
        throw new UserError(
          `Refused ${where}: its host key ${fingerprint(presented)} (${keyType(presented)}) is not pinned in 'known-hosts'; nothing was changed.`,
        );
      const why = scrub(error, secrets);
      if (/authentication methods failed/i.test(why))
        throw new UserError(`Cannot log in to ${where}: the server did not accept the key from 'ssh-key'.`);
      if (/privateKey|private key|passphrase|Encrypted|Unsupported key/i.test(why))
        throw new UserError(`Cannot use 'ssh-key' for ${where}: ${why}.`);
      throw new UserError(`Cannot connect to ${where}: ${why}.`);
    }
    client.on('error', () => {}); // reported through the calls that fail
    const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
      client.sftp((error, channel) => (error ? reject(error) : resolve(channel))),
    ).catch((error: unknown) => {
      client.end();
      throw new UserError(`Cannot open SFTP on ${where}: ${scrub(error, secrets)}.`);
    });
    return new SshSession(client, sftp, where);
  }

  private call<T>(operation: string, path: string, run: (done: (error?: Error | null, value?: T) => void) => void) {
    const work = new Promise<T>((resolve, reject) =>
      run((error, value) =>
        error
          ? reject(
              Object.assign(new UserError(`SFTP ${operation} ${path} on ${this.where} failed: ${scrub(error, [])}.`), {
                code: (error as { code?: unknown }).code,
              }),
            )
          : resolve(value as T),
      ),
    );
    return this.guard(work);
  }

  /** The entry's attributes without following a symlink, or undefined when there is none. */
  lstat(path: string): Promise<Stats | undefined> {
    return this.call<Stats>('lstat', path, (done) => this.sftp.lstat(path, done)).catch(missing);
  }

  readdir(path: string): Promise<{ name: string; attrs: Stats }[]> {
    return this.call('readdir', path, (done) =>
      this.sftp.readdir(path, (error, list) =>
        done(
          error,
          (list ?? []).map((entry) => ({ name: entry.filename, attrs: entry.attrs })),
        ),
      ),
    );
  }

  readlink(path: string): Promise<string | undefined> {
    return this.call<string>('readlink', path, (done) => this.sftp.readlink(path, done)).catch(missing);
  }

  mkdir(path: string, mode = 0o755): Promise<void> {
    return this.call('mkdir', path, (done) => this.sftp.mkdir(path, { mode }, done));
  }

  rmdir(path: string): Promise<void> {
    return this.call('rmdir', path, (done) => this.sftp.rmdir(path, done));
  }

  unlink(path: string): Promise<void> {
    return this.call('unlink', path, (done) => this.sftp.unlink(path, done));
  }

  /** Creates a symlink at `path` whose target is `target` (ssh2 swaps the arguments for OpenSSH). */
  symlink(target: string, path: string): Promise<void> {
    return this.call('symlink', path, (done) => this.sftp.symlink(target, path, done));
  }

  /** Renames over an existing entry atomically (OpenSSH's posix-rename@openssh.com: rename(2) on the server). */
  replace(from: string, to: string): Promise<void> {
    return this.call('posix-rename', `${from} to ${to}`, (done) => this.sftp.ext_openssh_rename(from, to, done));
  }

  chmod(path: string, mode: number): Promise<void> {
    return this.call('chmod', path, (done) => this.sftp.chmod(path, mode & 0o7777, done));
  }

  utimes(path: string, seconds: number): Promise<void> {
    return this.call('utimes', path, (done) => this.sftp.utimes(path, seconds, seconds, done));
  }

  /** Copies a local file to `path` (parallel writes), then sets its mode exactly (no umask). */
  async upload(local: string, path: string, mode: number): Promise<void> {
    await this.call('upload', path, (done) =>
      this.sftp.fastPut(local, path, { concurrency: 8, chunkSize: 32 * 1024 }, (error) => done(error)),
    );
    await this.chmod(path, mode);
  }

  /** Writes a new file; fails if `path` exists. */
  async create(path: string, data: string): Promise<void> {
    const handle = await this.call<Buffer>('open', path, (done) => this.sftp.open(path, 'wx', 0o644, done));
    try {
      const bytes = Buffer.from(data);
      for (let offset = 0; offset < bytes.length; offset += 32 * 1024) {
        const length = Math.min(32 * 1024, bytes.length - offset);
        await this.call('write', path, (done) => this.sftp.write(handle, bytes, offset, length, offset, done));
      }
    } finally {
      await this.call('close', path, (done) => this.sftp.close(handle, done));
    }
  }

  /** A file's contents, or undefined when it does not exist. */
  async read(path: string): Promise<Buffer | undefined> {
    return this.call<Buffer>('read', path, (done) => this.sftp.readFile(path, done)).catch(missing);
  }

  /** Streams a file's contents (for hashing without holding it). */
  stream(path: string): NodeJS.ReadableStream {
    return this.sftp.createReadStream(path);
  }

  /** Runs a shell command line on the server; resolves to the channel (stdout/stderr, `exit`). */
  exec(line: string): Promise<ClientChannel> {
    return this.call('exec', '(command)', (done) => this.client.exec(line, done));
  }

  close(): void {
    this.closing = true;
    this.sftp.end();
    this.client.end();
  }
}

function missing(error: unknown): undefined {
  if ((error as { code?: unknown }).code === NO_SUCH_FILE) return undefined;
  throw error;
}
