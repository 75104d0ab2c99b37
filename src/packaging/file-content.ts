import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { UserError } from '../runtime/errors.js';
import type { PackageEntry } from './collect-files.js';

/** Digests of one packaged file, taken while it is copied into the artefact. */
export interface FileDigests {
  sha256: string;
  md5: string;
}

/** Read size for files streamed in pieces. */
export const READ_CHUNK = 256 * 1024;
/** Files up to this size are read whole, ahead of time; larger ones are streamed when reached. */
export const WHOLE_FILE_LIMIT = 1024 * 1024;
/** At most this many files, and this many bytes, are read ahead of the one being written. */
const READ_AHEAD_FILES = 16;
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

type ReadResult = { data: Buffer } | { error: unknown };

/**
 * The bytes of a file entry, hashed on the way through; `record` receives the digests once the
 * last byte has passed. A file whose size changed since it was listed is an error, because the
 * archive header already promised the old size.
 */
export async function* fileContent(
  entry: PackageEntry,
  record: (digests: FileDigests) => void,
): AsyncGenerator<Buffer> {
  yield* streamedContent(entry, record);
}

/**
 * Hands out file contents in archive order while reading the next few (small) files ahead, so
 * disk reads overlap compression. The window is bounded in files and bytes, so memory stays flat
 * whatever the tree. Contents must be asked for in the order of `entries`.
 */
export class ContentReader {
  private readonly files: PackageEntry[];
  private readonly index = new Map<PackageEntry, number>();
  private readonly pending = new Map<PackageEntry, Promise<ReadResult>>();
  private cursor = 0;
  private pendingBytes = 0;

  constructor(entries: readonly PackageEntry[]) {
    this.files = entries.filter((entry) => entry.type === 'file' && !entry.content);
    this.files.forEach((entry, i) => this.index.set(entry, i));
  }

  /** The same bytes and checks as `fileContent`, served from the read-ahead window when possible. */
  async *content(entry: PackageEntry, record: (digests: FileDigests) => void): AsyncGenerator<Buffer> {
    const ahead = this.pending.get(entry);
    if (ahead) {
      this.pending.delete(entry);
      this.pendingBytes -= entry.size;
    }
    const position = this.index.get(entry);
    if (position !== undefined && position >= this.cursor) this.cursor = position + 1;
    this.fill();
    if (!ahead) {
      yield* streamedContent(entry, record);
      return;
    }
    const result = await ahead;
    this.fill();
    if ('error' in result) throw readError(entry, result.error);
    const { data } = result;
    if (data.length !== entry.size) throw changedSize(entry, data.length);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const md5 = createHash('md5').update(data).digest('hex');
    if (data.length > 0) yield data;
    record({ sha256, md5 });
  }

  /** Stops reading ahead; files already being read are closed when their reads finish. */
  close(): void {
    this.cursor = this.files.length;
    this.pending.clear();
    this.pendingBytes = 0;
  }

  private fill(): void {
    while (this.cursor < this.files.length && this.pending.size < READ_AHEAD_FILES) {
      const next = this.files[this.cursor];
      if (!next) return;
      if (next.size > WHOLE_FILE_LIMIT) return; // streamed when reached; nothing is read past it
      if (this.pending.size > 0 && this.pendingBytes + next.size > READ_AHEAD_BYTES) return;
      this.cursor += 1;
      this.pendingBytes += next.size;
      this.pending.set(
        next,
        readWhole(next.source ?? '', next.size).then(
          (data) => ({ data }),
          (error: unknown) => ({ error }),
        ),
      );
    }
  }
}

/** Reads up to `size + 1` bytes (one more reveals a file that grew). */
async function readWhole(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

async function* streamedContent(entry: PackageEntry, record: (digests: FileDigests) => void): AsyncGenerator<Buffer> {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let bytes = 0;
  const source = entry.content
    ? Readable.from([entry.content])
    : createReadStream(entry.source ?? '', { highWaterMark: READ_CHUNK });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      sha256.update(chunk);
      md5.update(chunk);
      bytes += chunk.length;
      if (bytes > entry.size) break;
      yield chunk;
    }
  } catch (error) {
    throw readError(entry, error);
  }
  if (bytes !== entry.size) throw changedSize(entry, bytes);
  record({ sha256: sha256.digest('hex'), md5: md5.digest('hex') });
}

function readError(entry: PackageEntry, error: unknown): UserError {
  return new UserError(`Cannot read '${entry.source}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
}

function changedSize(entry: PackageEntry, bytes: number): UserError {
  return new UserError(
    `File '${entry.source ?? entry.path}' changed size while being packaged (${entry.size} bytes listed, ${bytes} read); package a finished build.`,
  );
}
