import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../runtime/errors.js';
import {
  checkStateFileName,
  LIVE_LINK,
  type ReleaseTarget,
  releasesToPrune,
  tempSuffix as random,
} from './release-target.js';
import { byName, type ManifestEntry, manifestLine, treeEntries } from './release-manifest.js';
import { SshSession, type SshLogin } from './ssh-session.js';

/** How long a staging directory must be untouched before `prune` takes it for the leftover of a lost connection. */
const LEFTOVER_AGE_S = 3600;

/** How many files are uploaded, hashed or deleted at once over the one SFTP channel. */
const PARALLEL = 8;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

/** Runs `work` on every item, at most `limit` at a time; the first failure rejects (after the running ones settle). */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      await work(item).catch((error: unknown) => (failed ??= { error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw failed.error instanceof Error ? failed.error : new Error(String(failed.error));
}

/** Whether a relative link target, followed from the link's directory, stays inside the release. */
function staysInside(link: string, target: string): boolean {
  if (!target || target.startsWith('/')) return false;
  const resolved = posix.normalize(posix.join(posix.dirname(link), target));
  return resolved !== '..' && !resolved.startsWith('../');
}

/**
 * `target: ssh://user@host[:port]/path`: the `dir:` layout and guarantees on a server, over SFTP.
 * The artefact is verified and extracted on the runner by the same safe extractor as for `dir:`
 * (digest first, no entry outside the release, no link out of it); the verified tree is uploaded
 * into a hidden staging directory under `releases/`, its manifest written, and only then renamed
 * into place. Links are switched by a new symlink renamed over the old one with OpenSSH's
 * posix-rename (rename(2) on the server), so a reader always resolves a whole release.
 *
 * One connection, opened at first use; nothing is written before the host key was checked.
 */
export class SshTarget implements ReleaseTarget {
  readonly description: string;
  private readonly releases: string;
  private session?: Promise<SshSession>;

  constructor(
    private readonly login: SshLogin,
    readonly root: string,
    private readonly options: { scratch?: string } = {},
  ) {
    this.releases = posix.join(root, 'releases');
    this.description = `ssh://${login.user}@${login.host}:${login.port}${root}`;
  }

  /** The connection, opened at first use. */
  connection(): Promise<SshSession> {
    this.session ??= SshSession.open(this.login);
    return this.session;
  }

  /** Connects now: the host key is checked (and a refused one reported) before the caller records anything. */
  async open(): Promise<void> {
    await this.connection();
  }

  releaseDir(name: string): string {
    return posix.join(this.releases, name);
  }

  private manifestFile(name: string): string {
    return posix.join(this.releases, `.${name}.manifest`);
  }

  private async checkReleases(ssh: SshSession): Promise<void> {
    const info = await ssh.lstat(this.releases);
    if (info && !info.isDirectory())
      throw new UserError(
        `${this.releases} on ${ssh.where} is ${info.isSymbolicLink() ? 'a symlink' : 'not a directory'}; Slipway does not follow it. Make it a directory.`,
      );
  }

  private async exists(ssh: SshSession, name: string): Promise<boolean> {
    await this.checkReleases(ssh);
    return (await ssh.lstat(this.releaseDir(name)))?.isDirectory() === true;
  }

  /** The remote tree's manifest entries, files hashed by streaming them back (the same lines as `dir:`). */
  private async remoteEntries(ssh: SshSession, dir: string, prefix = ''): Promise<ManifestEntry[]> {
    const listed = byName(await ssh.readdir(posix.join(dir, prefix)));
    const entries = await Promise.all(
      listed.map(async ({ name, attrs }): Promise<ManifestEntry[]> => {
        const path = posix.join(prefix, name);
        const full = posix.join(dir, path);
        const type = attrs.mode & S_IFMT;
        if (type === S_IFLNK) return [{ kind: 'link', path, target: (await ssh.readlink(full)) ?? '' }];
        if (type === S_IFDIR) return [{ kind: 'dir', path }, ...(await this.remoteEntries(ssh, dir, path))];
        if (type !== S_IFREG) return [{ kind: 'other', path }];
        const hash = createHash('sha256');
        await ssh.guard(pipeline(ssh.stream(full), hash));
        return [{ kind: 'file', path, mode: attrs.mode, sha256: hash.digest('hex') }];
      }),
    );
    return entries.flat();
  }

  /** Whether `releases/<name>` is in place and still exactly what was installed (every file read back and hashed). */
  async has(name: string): Promise<boolean> {
    const ssh = await this.connection();
    if (!(await this.exists(ssh, name))) return false;
    const recorded = (await ssh.read(this.manifestFile(name)))?.toString('utf8');
    if (recorded === undefined) return false;
    return recorded === (await this.remoteEntries(ssh, this.releaseDir(name))).map(manifestLine).join('\n');
  }

  /**
   * Verifies and extracts locally (`fill`), uploads the tree into `releases/.incoming-…` on the
   * server, writes its manifest, then renames it into place. If anything fails (a dropped
   * connection included), no `releases/<name>` appears and the links are untouched.
   */
  async install(name: string, fill: (dir: string) => Promise<void>): Promise<string> {
    const ssh = await this.connection();
    const dir = this.releaseDir(name);
    if (await this.has(name)) return dir;
    const local = await mkdtemp(join(this.options.scratch ?? tmpdir(), 'slipway-ssh-'));
    try {
      await fill(local);
      const entries = await treeEntries(local);
      await this.mkdirs(ssh, this.releases);
      const staging = posix.join(this.releases, `.incoming-${name}-${random()}`);
      await ssh.mkdir(staging);
      try {
        await this.upload(ssh, local, staging, entries);
        await this.writeManifest(ssh, name, entries);
        // The modification time orders releases for `prune` (SFTP carries whole seconds): strictly increasing.
        await ssh.utimes(staging, Math.max(Math.floor(Date.now() / 1000), (await this.newest(ssh)) + 1));
        if (await this.exists(ssh, name)) {
          // Changed since it was installed: set aside, so the fresh copy takes its name at once.
          const tampered = posix.join(this.releases, `.replaced-${name}-${random()}`);
          await ssh.replace(dir, tampered);
          await ssh.replace(staging, dir);
          await this.remove(ssh, tampered);
        } else {
          await ssh.replace(staging, dir);
        }
      } catch (error) {
        await this.remove(ssh, staging).catch(() => undefined);
        throw error;
      }
    } finally {
      await rm(local, { recursive: true, force: true });
    }
    return dir;
  }

  private async writeManifest(ssh: SshSession, name: string, entries: ManifestEntry[]): Promise<void> {
    const temp = `${this.manifestFile(name)}.${random()}`;
    await ssh.create(temp, entries.map(manifestLine).join('\n'));
    await ssh.replace(temp, this.manifestFile(name));
  }

  /** Creates `path` and its missing parents. */
  private async mkdirs(ssh: SshSession, path: string): Promise<void> {
    if (await ssh.lstat(path)) return;
    await this.mkdirs(ssh, posix.dirname(path));
    await ssh.mkdir(path).catch(async (error: unknown) => {
      if (!(await ssh.lstat(path))) throw error;
    });
  }

  /** Directories first (in order), then files in parallel, then links (each checked to stay inside the release). */
  private async upload(ssh: SshSession, local: string, staging: string, entries: ManifestEntry[]): Promise<void> {
    for (const entry of entries) {
      if (entry.kind === 'other')
        throw new UserError(`${entry.path} is not a file, directory or symlink; not uploaded.`);
      if (entry.kind === 'link' && !staysInside(entry.path, entry.target))
        throw new UserError(
          `${entry.path} is a symlink to ${JSON.stringify(entry.target)}, outside the release; not uploaded.`,
        );
      if (entry.kind === 'dir') await ssh.mkdir(posix.join(staging, entry.path));
    }
    const files = entries.filter((entry) => entry.kind === 'file');
    await inParallel(files, PARALLEL, (file) =>
      ssh.upload(join(local, file.path), posix.join(staging, file.path), file.mode),
    );
    for (const entry of entries)
      if (entry.kind === 'link') await ssh.symlink(entry.target, posix.join(staging, entry.path));
  }

  /** Deletes a tree over SFTP (never following a symlink). */
  private async remove(ssh: SshSession, path: string): Promise<void> {
    const info = await ssh.lstat(path);
    if (!info) return;
    if (!info.isDirectory()) return ssh.unlink(path);
    const entries = await ssh.readdir(path);
    await inParallel(entries, PARALLEL, ({ name, attrs }) =>
      (attrs.mode & S_IFMT) === S_IFDIR ? this.remove(ssh, posix.join(path, name)) : ssh.unlink(posix.join(path, name)),
    );
    await ssh.rmdir(path);
  }

  private async listed(ssh: SshSession): Promise<{ name: string; mtime: number }[]> {
    await this.checkReleases(ssh);
    if (!(await ssh.lstat(this.releases))) return [];
    return (await ssh.readdir(this.releases))
      .filter(({ name, attrs }) => (attrs.mode & S_IFMT) === S_IFDIR && !name.startsWith('.'))
      .map(({ name, attrs }) => ({ name, mtime: attrs.mtime }));
  }

  private async newest(ssh: SshSession): Promise<number> {
    return Math.max(0, ...(await this.listed(ssh)).map((r) => r.mtime));
  }

  async pointed(link = LIVE_LINK): Promise<string | undefined> {
    const ssh = await this.connection();
    const target = await ssh.readlink(posix.join(this.root, link));
    return target === undefined ? undefined : posix.basename(target);
  }

  /** Points `link` at `releases/<name>`: a new symlink beside it, renamed over it (rename(2) on the server). */
  async point(name: string, link = LIVE_LINK): Promise<void> {
    const ssh = await this.connection();
    if (!(await this.exists(ssh, name)))
      throw new UserError(
        `Release '${name}' is not in ${this.releases} on ${ssh.where}; cannot switch '${link}' to it.`,
      );
    const path = posix.join(this.root, link);
    const existing = await ssh.lstat(path);
    if (existing && !existing.isSymbolicLink())
      throw new UserError(
        `${path} on ${ssh.where} exists and is not a symlink; move it away so Slipway can manage it.`,
      );
    const temp = posix.join(this.root, `.${link}.${random()}`);
    await ssh.symlink(posix.join('releases', name), temp);
    try {
      await ssh.replace(temp, path);
    } catch (error) {
      await ssh.unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  async writeFile(file: string, data: string): Promise<void> {
    checkStateFileName(file);
    const ssh = await this.connection();
    await this.mkdirs(ssh, this.root);
    const temp = posix.join(this.root, `.${file}.${random()}`);
    try {
      await ssh.create(temp, data);
      await ssh.replace(temp, posix.join(this.root, file));
    } catch (error) {
      await ssh.unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  async readFile(file: string): Promise<string | undefined> {
    const ssh = await this.connection();
    return (await ssh.read(posix.join(this.root, file)))?.toString('utf8');
  }

  async prune(keep: number, links: string[] = [LIVE_LINK]): Promise<string[]> {
    const ssh = await this.connection();
    const pinned = new Set((await Promise.all(links.map((l) => this.pointed(l)))).filter(Boolean));
    const doomed = releasesToPrune(await this.listed(ssh), keep, pinned);
    for (const name of doomed) {
      await this.remove(ssh, this.releaseDir(name));
      await this.remove(ssh, this.manifestFile(name));
    }
    await this.sweep(ssh);
    return doomed;
  }

  /**
   * Deletes what an upload cut off by a lost connection left behind (`.incoming-…`, `.replaced-…`;
   * hidden, never served), once untouched for an hour so that no running install is disturbed.
   */
  private async sweep(ssh: SshSession): Promise<void> {
    const before = Date.now() / 1000 - LEFTOVER_AGE_S;
    const left = (await ssh.readdir(this.releases)).filter(
      ({ name, attrs }) => /^\.(incoming|replaced)-/.test(name) && attrs.mtime < before,
    );
    for (const { name } of left) await this.remove(ssh, posix.join(this.releases, name));
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session) (await session.catch(() => undefined))?.close();
  }
}
