import type { PackageEntry } from './collect-files.js';
import type { FileDigests } from './file-content.js';

export interface ManifestEntry {
  path: string;
  type: PackageEntry['type'];
  size: number;
  /** Octal, as `ls -l` users read it: `0644`. */
  mode: string;
  sha256?: string;
  target?: string;
}

export interface Manifest {
  name: string;
  version: string;
  format: string;
  file: string;
  digest: string;
  size: number;
  files: ManifestEntry[];
}

/** Every entry of the artefact with its size, mode and (for files) SHA-256. */
export function manifestEntries(entries: PackageEntry[], digests: Map<string, FileDigests>): ManifestEntry[] {
  return entries.map((entry) => ({
    path: entry.path,
    type: entry.type,
    size: entry.size,
    mode: entry.mode.toString(8).padStart(4, '0'),
    ...(entry.type === 'file' ? { sha256: digests.get(entry.path)?.sha256 } : {}),
    ...(entry.linkTarget !== undefined ? { target: entry.linkTarget } : {}),
  }));
}
