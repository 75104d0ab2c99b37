import { randomBytes } from 'node:crypto';
import { shortDigest } from './deployment-history.js';

/** The link a web server serves from: `<root>/current`. */
export const LIVE_LINK = 'current';
/** With blue/green, the link to the slot being staged, for `preview-url`. */
export const PREVIEW_LINK = 'preview';

/** `releases/<version>-<digest12>`: a release's directory name, safe on any file system. */
export function releaseName(version: string, digest: string): string {
  return `${version.replace(/[^A-Za-z0-9._+-]/g, '_')}-${shortDigest(digest)}`;
}

/** A suffix that keeps a temporary name beside its final one from colliding. */
export function tempSuffix(): string {
  return randomBytes(6).toString('hex');
}

/** A state file (such as `flags.json`) is a plain name in the target's root, never a path. */
export function checkStateFileName(file: string): void {
  if (!/^[\w][\w.-]*$/.test(file)) throw new Error(`not a plain file name: ${JSON.stringify(file)}`);
}

/** What `prune` deletes: all but the newest `keep` releases, never one a link points at. */
export function releasesToPrune(
  releases: { name: string; mtime: number }[],
  keep: number,
  pinned: Set<string | undefined>,
): string[] {
  const newestFirst = [...releases].sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  return newestFirst
    .slice(Math.max(keep, 0))
    .filter((r) => !pinned.has(r.name))
    .map((r) => r.name);
}

/**
 * Where releases are installed and served from: `dir:<path>` on the runner, or `ssh://…` on a
 * server. Every target keeps `releases/<version>-<digest12>/`, links (`current`, the blue/green
 * slots, `preview`) switched atomically, and small state files (such as flags) written atomically.
 */
export interface ReleaseTarget {
  /** How the target is named to people: `dir:/srv/app`, `ssh://deploy@host:22/srv/app` (never a secret). */
  readonly description: string;
  /**
   * Connects, if the target is remote, and checks who answers (an `ssh:` server's pinned host key):
   * called before anything is recorded, so a refused server leaves no deployment behind. Every other
   * method connects at first use too; `open` only moves that moment earlier.
   */
  open(): Promise<void>;
  /** Whether `releases/<name>` is in place and still exactly what was installed. */
  has(name: string): Promise<boolean>;
  /**
   * Creates `releases/<name>` complete before anything can see it. `fill` writes the release's
   * files into a local directory; returns where the release lives on the target.
   */
  install(name: string, fill: (dir: string) => Promise<void>): Promise<string>;
  /** The release a link points at (`current`, `blue`, `green`, `preview`), if any. */
  pointed(link?: string): Promise<string | undefined>;
  /** Points `link` at `releases/<name>` atomically. */
  point(name: string, link?: string): Promise<void>;
  /** Deletes all but the newest `keep` releases, never one a link points at. Returns what was deleted. */
  prune(keep: number, links?: string[]): Promise<string[]>;
  /** Replaces `<root>/<file>` atomically (written beside it, then renamed over it); `file` is a plain name. */
  writeFile(file: string, data: string): Promise<void>;
  /** The contents of `<root>/<file>`, or undefined when it does not exist. */
  readFile(file: string): Promise<string | undefined>;
  /** Releases connections; the target is not used after. */
  close(): Promise<void>;
}

export type TargetSpec =
  { kind: 'dir'; path: string } | { kind: 'ssh'; user: string; host: string; port: number; path: string };

/**
 * Parses `dir:<path>` or `ssh://user@host[:port]/absolute/path`; undefined for no target. Throws with
 * what is wrong (never echoing a password, which an `ssh:` URL must not carry).
 */
export function parseTarget(text: string | undefined): TargetSpec | undefined {
  if (!text) return undefined;
  const dir = /^dir:(.+)$/.exec(text);
  if (dir?.[1]) return { kind: 'dir', path: dir[1] };
  if (!text.startsWith('ssh://')) throw new Error('expected `dir:<path>` or `ssh://user@host[:port]/path`');
  // URL parsing would resolve `..` away: look at the text as given.
  if (/\/\.\.?(\/|$|[?#])/.test(text.slice('ssh://'.length)))
    throw new Error('the path must be absolute, without `.` or `..` segments (`ssh://user@host/srv/app`)');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('not a valid URL');
  }
  if (url.password) throw new Error('a password in the URL is not accepted; authenticate with a key');
  if (!url.username) throw new Error('the user is missing (`ssh://user@host/path`)');
  if (!url.hostname) throw new Error('the host is missing');
  if (url.search || url.hash) throw new Error('no query or fragment is accepted');
  const path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
  if (!path.startsWith('/') || path.split('/').some((part) => part === '..' || part === '.'))
    throw new Error('the path must be absolute, without `.` or `..` segments (`ssh://user@host/srv/app`)');
  return {
    kind: 'ssh',
    user: decodeURIComponent(url.username),
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 22,
    path,
  };
}
