import {
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from '../runtime/errors.js';
import {
  checkStateFileName,
  LIVE_LINK,
  type ReleaseTarget,
  releasesToPrune,
  tempSuffix as random,
} from './release-target.js';
import { treeManifest } from './release-manifest.js';

/**
 * `target: dir:<path>` for hosts that serve from a directory. Each release is complete in
 * `releases/<name>/` before any link points at it, and links (`current`, and a link per blue/green
 * slot) are replaced atomically: a new symlink is written beside the old and `rename(2)`d over it,
 * so a reader always resolves either the old release or the new one, never nothing or a mix.
 */
export class DirTarget implements ReleaseTarget {
  readonly releases: string;
  readonly description: string;

  constructor(readonly root: string) {
    this.releases = join(root, 'releases');
    this.description = `dir:${root}`;
  }

  releaseDir(name: string): string {
    return join(this.releases, name);
  }

  /** Where a release's manifest is kept: beside it, outside the served tree. */
  private manifestFile(name: string): string {
    return join(this.releases, `.${name}.manifest`);
  }

  /** `releases` must be a real directory: through a symlink, releases would be written and read somewhere else. */
  private async checkReleases(): Promise<void> {
    const info = await lstat(this.releases).catch(() => undefined);
    if (info && !info.isDirectory()) {
      throw new UserError(
        `${this.releases} is ${info.isSymbolicLink() ? 'a symlink' : 'not a directory'}; Slipway does not follow it. Make it a directory.`,
      );
    }
  }

  private async exists(name: string): Promise<boolean> {
    await this.checkReleases();
    return lstat(this.releaseDir(name)).then(
      (s) => s.isDirectory(),
      () => false,
    );
  }

  /** Whether `releases/<name>` is in place and still exactly what was installed (its manifest): only then is it reused. */
  async has(name: string): Promise<boolean> {
    if (!(await this.exists(name))) return false;
    const recorded = await readFile(this.manifestFile(name), 'utf8').catch(() => undefined);
    return recorded !== undefined && recorded === (await treeManifest(this.releaseDir(name))).join('\n');
  }

  /**
   * Creates `releases/<name>` by filling a hidden staging directory and renaming it into place. A
   * kept release is reused only when it matches its manifest; one that was changed since is
   * extracted again and replaces it.
   */
  async install(name: string, fill: (dir: string) => Promise<void>): Promise<string> {
    const dir = this.releaseDir(name);
    if (await this.has(name)) return dir;
    await mkdir(this.releases, { recursive: true });
    const staging = join(this.releases, `.incoming-${name}-${random()}`);
    await mkdir(staging);
    try {
      await fill(staging);
      await writeFile(this.manifestFile(name), (await treeManifest(staging)).join('\n'));
      // The modification time orders releases for `prune`; keep it strictly increasing.
      const at = new Date(Math.max(Date.now(), (await this.newest()) + 1));
      await utimes(staging, at, at);
      if (await this.exists(name)) {
        // Changed since it was installed: set aside, so the fresh copy takes its name at once.
        const tampered = join(this.releases, `.replaced-${name}-${random()}`);
        await rename(dir, tampered);
        await rename(staging, dir);
        await rm(tampered, { recursive: true, force: true });
      } else {
        await rename(staging, dir);
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    return dir;
  }

  private async listed(): Promise<{ name: string; mtime: number }[]> {
    await this.checkReleases();
    const entries = await readdir(this.releases, { withFileTypes: true }).catch(() => []);
    const dirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'));
    return Promise.all(dirs.map(async (e) => ({ name: e.name, mtime: (await stat(this.releaseDir(e.name))).mtimeMs })));
  }

  private async newest(): Promise<number> {
    return Math.max(0, ...(await this.listed()).map((r) => r.mtime));
  }

  /** The release a link points at (`current`, `blue`, `green`), if any. */
  async pointed(link = LIVE_LINK): Promise<string | undefined> {
    try {
      return basename(await readlink(join(this.root, link)));
    } catch {
      return undefined;
    }
  }

  /** Points `link` at `releases/<name>` atomically. */
  async point(name: string, link = LIVE_LINK): Promise<void> {
    if (!(await this.exists(name)))
      throw new UserError(`Release '${name}' is not in ${this.releases}; cannot switch '${link}' to it.`);
    const path = join(this.root, link);
    const existing = await lstat(path).catch(() => undefined);
    if (existing && !existing.isSymbolicLink())
      throw new UserError(`${path} exists and is not a symlink; move it away so Slipway can manage it.`);
    const temp = join(this.root, `.${link}.${random()}`);
    await symlink(join('releases', name), temp);
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Replaces `<root>/<file>` atomically: written beside it, then renamed over it. */
  async writeFile(file: string, data: string): Promise<void> {
    checkStateFileName(file);
    await mkdir(this.root, { recursive: true });
    const temp = join(this.root, `.${file}.${random()}`);
    try {
      await writeFile(temp, data, { flag: 'wx' });
      await rename(temp, join(this.root, file));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async readFile(file: string): Promise<string | undefined> {
    return readFile(join(this.root, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  }

  /** Nothing to connect to: the directory is on the runner. */
  async open(): Promise<void> {}

  async close(): Promise<void> {}

  /** Deletes all but the newest `keep` releases, never one a link points at (the live or the warm one). Returns what was deleted. */
  async prune(keep: number, links: string[] = [LIVE_LINK]): Promise<string[]> {
    const pinned = new Set((await Promise.all(links.map((l) => this.pointed(l)))).filter(Boolean));
    const doomed = releasesToPrune(await this.listed(), keep, pinned);
    for (const name of doomed) {
      await rm(this.releaseDir(name), { recursive: true, force: true });
      await rm(this.manifestFile(name), { force: true });
    }
    return doomed;
  }
}
