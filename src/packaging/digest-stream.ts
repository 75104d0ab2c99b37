import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Passes bytes through unchanged while hashing and counting them, so nothing is read twice. */
export class DigestStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  /** `sha256:<hex>`; call once, after the stream has finished. */
  digest(): string {
    return `sha256:${this.hash.digest('hex')}`;
  }
}

/** The SHA-256 of a whole file, as `sha256:<hex>`. */
export async function sha256File(path: string): Promise<string> {
  const digest = new DigestStream();
  // Only the hash is wanted: the bytes are dropped once hashed.
  await pipeline(createReadStream(path), digest, new Writable({ write: (_chunk, _encoding, callback) => callback() }));
  return digest.digest();
}
