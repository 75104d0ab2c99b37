import type { DeflatePool } from './deflate-pool.js';
import { BlockDeflater } from './parallel-deflate.js';
import { GZIP_OPTIONS } from './reproducible.js';

/**
 * One gzip member (RFC 1952) holding everything `source` yields, deflated by the workers of `pool`. The
 * header carries no name and no time, and OS 3 (Unix) wherever it is built; XFL is 0 as gzip
 * writes it for level 6.
 */
export async function* gzipStream(source: AsyncIterable<Buffer>, pool: DeflatePool): AsyncGenerator<Buffer> {
  yield Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const deflater = new BlockDeflater(GZIP_OPTIONS.level, pool);
  yield* deflater.deflate(source);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(deflater.crc >>> 0, 0);
  trailer.writeUInt32LE(deflater.bytes % 2 ** 32, 4);
  yield trailer;
}
