import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { PackageEntry } from './collect-files.js';
import { ContentReader } from './file-content.js';
import { zipDate } from './reproducible.js';
import type { ArchiveOptions } from './tar-gz.js';

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/**
 * Writes `entries`, in the order given, as a zip to `sink` and ends it. Every entry has the same
 * time (DOS fields in UTC plus the Info-ZIP UTC timestamp) and a Unix mode; symlinks are stored as
 * Info-ZIP does, the target as the entry's content.
 */
export async function writeZip(entries: PackageEntry[], sink: Writable, options: ArchiveOptions): Promise<void> {
  const zip = new yazl.ZipFile();
  // Reads the next few small files ahead while yazl compresses the current one.
  const reader = new ContentReader(entries);
  const mtime = zipDate(options.mtime);
  const output = zip.outputStream as Readable;
  let failure: Error | undefined;
  // yazl leaves errors of lazily opened streams to the caller: stop the archive with ours, which names the file.
  const fail = (error: Error) => {
    failure ??= error;
    output.destroy(failure);
  };
  zip.on('error', fail);
  for (const entry of entries) {
    if (entry.type === 'directory') {
      zip.addEmptyDirectory(entry.path, { mtime, mode: S_IFDIR | entry.mode });
    } else if (entry.type === 'symlink') {
      zip.addBuffer(Buffer.from(entry.linkTarget ?? ''), entry.path, {
        mtime,
        mode: S_IFLNK | entry.mode,
        compress: false,
      });
    } else {
      zip.addReadStreamLazy(
        entry.path,
        { mtime, mode: S_IFREG | entry.mode, size: entry.size, compress: true, compressionLevel: 6 },
        (callback) => {
          const content = Readable.from(reader.content(entry, (digests) => options.record?.(entry, digests)));
          content.on('error', fail);
          callback(null, content);
        },
      );
    }
  }
  zip.end();
  try {
    await pipeline(output, sink);
  } catch (error) {
    throw failure ?? error;
  } finally {
    reader.close();
  }
}
