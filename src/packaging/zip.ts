import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import type { PackageEntry } from './collect-files.js';
import { ContentReader, WHOLE_FILE_LIMIT } from './file-content.js';
import { DeflatePool } from './deflate-pool.js';
import { BlockDeflater, OrderedWindow } from './parallel-deflate.js';
import { zipDate } from './reproducible.js';
import type { ArchiveOptions } from './tar-gz.js';
import {
  centralRecord,
  dataDescriptor,
  endOfCentralDirectory,
  localHeader,
  type ZipRecord,
  zipTime,
} from './zip-records.js';

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const LEVEL = 6;
/** Small files go to the deflate workers in batches of about this many files or input bytes. */
const BATCH_FILES = 64;
const BATCH_BYTES = 512 * 1024;

/** An entry whose data is ready to be written after its local header. */
interface Ready {
  record: Omit<ZipRecord, 'offset'>;
  data: Buffer;
}

function known(name: Buffer, mode: number, method: 0 | 8, crc: number, size: number, data: Buffer): Ready {
  return { record: { name, method, crc, compressedSize: data.length, size, mode, streamed: false }, data };
}

/**
 * Writes `entries`, in the order given, as a zip to `sink` and ends it. Every entry has the same
 * time (DOS fields in UTC plus the Info-ZIP UTC timestamp) and a Unix mode; symlinks are stored as
 * Info-ZIP does, the target as the entry's content. Small files are deflated whole, in batches
 * on every core while the next ones are read; larger ones are streamed and deflated in blocks.
 * At most two batches or blocks per core are in flight, so memory stays flat whatever the tree.
 */
export async function writeZip(entries: PackageEntry[], sink: Writable, options: ArchiveOptions): Promise<void> {
  const reader = new ContentReader(entries);
  const pool = new DeflatePool();
  try {
    await pipeline(Readable.from(zipStream(entries, options, reader, pool)), sink);
  } finally {
    reader.close();
    pool.close();
  }
}

async function* zipStream(
  entries: PackageEntry[],
  options: ArchiveOptions,
  reader: ContentReader,
  pool: DeflatePool,
): AsyncGenerator<Buffer> {
  const time = zipTime(zipDate(options.mtime));
  const records: ZipRecord[] = [];
  const window = new OrderedWindow<Ready[]>(2 * pool.size);
  let batch: (Ready | { deflate: Buffer; ready: (compressed: Buffer) => Ready })[] = [];
  let batchBytes = 0;
  let offset = 0;

  function* emit(ready: Ready): Generator<Buffer> {
    const record = { ...ready.record, offset };
    records.push(record);
    const header = localHeader(record, time);
    offset += header.length + ready.data.length;
    yield header;
    if (ready.data.length > 0) yield ready.data;
  }
  /** Sends the batch to the workers, then writes what is done while the window is full (or everything). */
  async function* flush(all: boolean): AsyncGenerator<Buffer> {
    if (batch.length > 0) {
      const items = batch;
      const jobs = items.flatMap((item) =>
        'deflate' in item ? [{ data: item.deflate, options: { level: LEVEL } }] : [],
      );
      window.add(
        (jobs.length > 0 ? pool.deflate(jobs) : Promise.resolve([])).then((out) => {
          let next = 0;
          return items.map((item) => ('deflate' in item ? item.ready(out[next++] ?? Buffer.alloc(0)) : item));
        }),
      );
      batch = [];
      batchBytes = 0;
    }
    while (window.length > 0 && (all || window.full)) for (const ready of await window.next()) yield* emit(ready);
  }

  for (const entry of entries) {
    const name = Buffer.from(entry.type === 'directory' ? `${entry.path}/` : entry.path);
    if (entry.type === 'file' && entry.size > WHOLE_FILE_LIMIT) {
      yield* flush(true);
      yield* streamed(entry, name);
      continue;
    }
    if (entry.type === 'file') {
      const parts: Buffer[] = [];
      for await (const part of reader.content(entry, (digests) => options.record?.(entry, digests))) parts.push(part);
      const data = parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
      const crc = crc32(data);
      const mode = S_IFREG | entry.mode;
      batch.push({ deflate: data, ready: (compressed) => known(name, mode, 8, crc, data.length, compressed) });
      batchBytes += data.length;
    } else {
      const data = entry.type === 'symlink' ? Buffer.from(entry.linkTarget ?? '') : Buffer.alloc(0);
      const mode = (entry.type === 'symlink' ? S_IFLNK : S_IFDIR) | entry.mode;
      batch.push(known(name, mode, 0, crc32(data), data.length, data));
    }
    if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) yield* flush(false);
  }
  yield* flush(true);

  async function* streamed(entry: PackageEntry, name: Buffer): AsyncGenerator<Buffer> {
    const record: ZipRecord = {
      name,
      method: 8,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset,
      mode: S_IFREG | entry.mode,
      streamed: true,
    };
    const header = localHeader(record, time);
    yield header;
    const deflater = new BlockDeflater(LEVEL, pool);
    for await (const piece of deflater.deflate(reader.content(entry, (digests) => options.record?.(entry, digests)))) {
      record.compressedSize += piece.length;
      yield piece;
    }
    record.crc = deflater.crc;
    record.size = deflater.bytes;
    const descriptor = dataDescriptor(record);
    yield descriptor;
    offset += header.length + record.compressedSize + descriptor.length;
    records.push(record);
  }

  const start = offset;
  let size = 0;
  for (const record of records) {
    const central = centralRecord(record, time);
    size += central.length;
    yield central;
  }
  yield endOfCentralDirectory(records.length, start, size);
}
