import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PackageEntry } from './collect-files.js';
import { DeflatePool } from './deflate-pool.js';
import { ContentReader, type FileDigests } from './file-content.js';
import { gzipStream } from './gzip-stream.js';
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
 * names. The next few small files are read ahead while the tar stream is deflated in 1 MiB
 * blocks on every core (see BlockDeflater), both within small bounded windows, so memory stays
 * flat whatever the tree.
 */
export async function writeTarGz(
  entries: PackageEntry[],
  sink: Writable,
  options: ArchiveOptions & { longNames?: LongNames },
): Promise<void> {
  const reader = new ContentReader(entries);
  const pool = new DeflatePool();
  try {
    await pipeline(Readable.from(gzipStream(coalesce(tarStream(entries, options, reader)), pool)), sink);
  } finally {
    reader.close();
    pool.close();
  }
}

const GZIP_CHUNK = 256 * 1024;

async function* tarStream(
  entries: PackageEntry[],
  options: ArchiveOptions & { longNames?: LongNames },
  reader: ContentReader,
): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield entryHeader(entry, options.mtime, options.longNames ?? 'pax');
    if (entry.type !== 'file') continue;
    yield* reader.content(entry, (digests) => options.record?.(entry, digests));
    const pad = padding(entry.size);
    if (pad.length > 0) yield pad;
  }
  yield END_OF_ARCHIVE;
}

/** Joins small pieces (headers, padding, small files) so the compressor is called less often. */
async function* coalesce(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const piece of source) {
    if (piece.length >= GZIP_CHUNK) {
      if (size > 0) yield Buffer.concat(parts, size);
      parts = [];
      size = 0;
      yield piece;
      continue;
    }
    parts.push(piece);
    size += piece.length;
    if (size >= GZIP_CHUNK) {
      yield Buffer.concat(parts, size);
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.concat(parts, size);
}
