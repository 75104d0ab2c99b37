import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { PackageEntry } from './collect-files.js';
import { fileContent, type FileDigests } from './file-content.js';
import { GZIP_OPTIONS, normaliseGzipHeader } from './reproducible.js';
import { END_OF_ARCHIVE, entryHeader, type LongNames, padding } from './tar-header.js';

export interface ArchiveOptions {
  /** Seconds since 1970 written as every entry's time. */
  mtime: number;
  /** Receives each file's digests as it is written. */
  record?: (entry: PackageEntry, digests: FileDigests) => void;
}

/**
 * Writes `entries`, in the order given, as a gzip-compressed tar to `sink` and ends it. Headers
 * carry only what the tree decides (name, mode, size, type, link target); owners are 0 with no
 * names. Files are read as the compressor asks for more, so memory stays flat whatever their size.
 */
export async function writeTarGz(entries: PackageEntry[], sink: Writable, options: ArchiveOptions & { longNames?: LongNames }): Promise<void> {
  await pipeline(Readable.from(tarStream(entries, options)), createGzip(GZIP_OPTIONS), normaliseGzipHeader(), sink);
}

async function* tarStream(entries: PackageEntry[], options: ArchiveOptions & { longNames?: LongNames }): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield entryHeader(entry, options.mtime, options.longNames ?? 'pax');
    if (entry.type !== 'file') continue;
    yield* fileContent(entry, (digests) => options.record?.(entry, digests));
    const pad = padding(entry.size);
    if (pad.length > 0) yield pad;
  }
  yield END_OF_ARCHIVE;
}
