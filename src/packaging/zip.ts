import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import type { PackageEntry } from './collect-files.js';
import { ContentReader, WHOLE_FILE_LIMIT } from './file-content.js';
import { BlockDeflater, deflateWhole, OrderedWindow } from './parallel-deflate.js';
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
/** Small files deflating or deflated but not yet written: at most this many, and this many input bytes. */
const WINDOW_FILES = 32;
const WINDOW_BYTES = 8 * 1024 * 1024;

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
 * Info-ZIP does, the target as the entry's content. Small files are deflated whole, several at a
 * time on libuv's pool while the next ones are read; larger ones are streamed and deflated in
 * blocks on every core. Both windows are bounded, so memory stays flat whatever the tree.
 */
export async function writeZip(entries: PackageEntry[], sink: Writable, options: ArchiveOptions): Promise<void> {
  const reader = new ContentReader(entries);
  try {
    await pipeline(Readable.from(zipStream(entries, options, reader)), sink);
  } finally {
    reader.close();
  }
}

async function* zipStream(
  entries: PackageEntry[],
  options: ArchiveOptions,
  reader: ContentReader,
): AsyncGenerator<Buffer> {
  const time = zipTime(zipDate(options.mtime));
  const records: ZipRecord[] = [];
  const window = new OrderedWindow<Ready>(WINDOW_FILES);
  const windowSizes: number[] = [];
  let windowBytes = 0;
  let offset = 0;

  function* emit(ready: Ready): Generator<Buffer> {
    const record = { ...ready.record, offset };
    records.push(record);
    const header = localHeader(record, time);
    offset += header.length + ready.data.length;
    yield header;
    if (ready.data.length > 0) yield ready.data;
  }
  async function* drain(until: (pending: number) => boolean): AsyncGenerator<Buffer> {
    while (window.length > 0 && !until(window.length)) {
      windowBytes -= windowSizes.shift() ?? 0;
      yield* emit(await window.next());
    }
  }

  for (const entry of entries) {
    const name = Buffer.from(entry.type === 'directory' ? `${entry.path}/` : entry.path);
    if (entry.type === 'file' && entry.size > WHOLE_FILE_LIMIT) {
      yield* drain(() => false);
      yield* streamed(entry, name);
      continue;
    }
    if (entry.type === 'file') {
      const parts: Buffer[] = [];
      for await (const part of reader.content(entry, (digests) => options.record?.(entry, digests))) parts.push(part);
      const data = parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
      const crc = crc32(data);
      const mode = S_IFREG | entry.mode;
      window.add(deflateWhole(data, LEVEL).then((compressed) => known(name, mode, 8, crc, data.length, compressed)));
      windowSizes.push(data.length);
      windowBytes += data.length;
    } else {
      const data = entry.type === 'symlink' ? Buffer.from(entry.linkTarget ?? '') : Buffer.alloc(0);
      const mode = (entry.type === 'symlink' ? S_IFLNK : S_IFDIR) | entry.mode;
      window.add(Promise.resolve(known(name, mode, 0, crc32(data), data.length, data)));
      windowSizes.push(0);
    }
    yield* drain((pending) => pending < WINDOW_FILES && windowBytes < WINDOW_BYTES);
  }
  yield* drain(() => false);

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
    const deflater = new BlockDeflater(LEVEL);
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
