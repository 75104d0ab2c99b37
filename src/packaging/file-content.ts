import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { UserError } from '../runtime/errors.js';
import type { PackageEntry } from './collect-files.js';

/** Digests of one packaged file, taken while it is copied into the artefact. */
export interface FileDigests {
  sha256: string;
  md5: string;
}

/**
 * The bytes of a file entry, hashed on the way through; `record` receives the digests once the
 * last byte has passed. A file whose size changed since it was listed is an error, because the
 * archive header already promised the old size.
 */
export async function* fileContent(entry: PackageEntry, record: (digests: FileDigests) => void): AsyncGenerator<Buffer> {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let bytes = 0;
  const source = entry.content ? Readable.from([entry.content]) : createReadStream(entry.source ?? '', { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      sha256.update(chunk);
      md5.update(chunk);
      bytes += chunk.length;
      if (bytes > entry.size) break;
      yield chunk;
    }
  } catch (error) {
    throw new UserError(`Cannot read '${entry.source}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  if (bytes !== entry.size) {
    throw new UserError(`File '${entry.source ?? entry.path}' changed size while being packaged (${entry.size} bytes listed, ${bytes} read); package a finished build.`);
  }
  record({ sha256: sha256.digest('hex'), md5: md5.digest('hex') });
}
