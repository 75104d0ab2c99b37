/**
 * Where releases are installed and served from: `dir:<path>` on the runner, or `ssh://…` on a
 * server. Every target keeps `releases/<version>-<digest12>/`, links (`current`, the blue/green
 * slots, `preview`) switched atomically, and small state files (such as flags) written atomically.
 */
export interface ReleaseTarget {
  /** How the target is named to people: `dir:/srv/app`, `ssh://deploy@host:22/srv/app` (never a secret). */
  readonly description: string;
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
