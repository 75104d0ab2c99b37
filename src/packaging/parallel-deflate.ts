import { constants, crc32, type ZlibOptions } from 'node:zlib';
import type { DeflatePool } from './deflate-pool.js';

/** Input bytes deflated as one independent piece: output is cut here, whatever the reads were. */
export const DEFLATE_BLOCK = 1024 * 1024;
/** Deflate's window: each block is primed with this much of the block before it, so nothing is lost in ratio. */
const DICTIONARY = 32 * 1024;
/**
 * Keeps at most `size` promises in flight and hands their results back in the order they were
 * added. A rejection is reported when its turn comes, never as an unhandled rejection.
 */
export class OrderedWindow<T> {
  private readonly queue: Promise<T>[] = [];

  constructor(readonly size: number) {}

  get length(): number {
    return this.queue.length;
  }

  get full(): boolean {
    return this.queue.length >= this.size;
  }

  add(job: Promise<T>): void {
    job.catch(() => undefined);
    this.queue.push(job);
  }

  /** The oldest result; call only when `length > 0`. */
  next(): Promise<T> {
    const job = this.queue.shift();
    if (!job) throw new Error('OrderedWindow.next() on an empty window');
    return job;
  }
}

/**
 * One raw deflate stream (RFC 1951) of everything `source` yields, made pigz-style: the input is
 * cut into DEFLATE_BLOCK pieces, each deflated by a worker of `pool` with the previous 32 KiB as
 * its dictionary and ended by a sync flush, the last one by a final block. The pieces join into a
 * single valid stream, and the bytes depend only on the input and `level`, never on timing. Memory
 * is bounded by two blocks in flight per worker.
 */
export class BlockDeflater {
  /** CRC-32 and length of the input, complete once `deflate` has finished. */
  crc = 0;
  bytes = 0;

  constructor(
    private readonly level: number,
    private readonly pool: DeflatePool,
  ) {}

  async *deflate(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const window = new OrderedWindow<Buffer>(2 * this.pool.size);
    let parts: Buffer[] = [];
    let filled = 0;
    let dictionary: Buffer | undefined;
    const start = (block: Buffer, last: boolean) => {
      const options: ZlibOptions = {
        level: this.level,
        finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
        ...(dictionary ? { dictionary } : {}),
      };
      window.add(this.pool.deflate([{ data: block, options }]).then(([out]) => out ?? Buffer.alloc(0)));
      dictionary = block.length >= DICTIONARY ? block.subarray(block.length - DICTIONARY) : undefined;
    };
    for await (const chunk of source) {
      this.crc = crc32(chunk, this.crc);
      this.bytes += chunk.length;
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(DEFLATE_BLOCK - filled, chunk.length - offset);
        parts.push(chunk.subarray(offset, offset + take));
        filled += take;
        offset += take;
        if (filled === DEFLATE_BLOCK) {
          start(parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts, filled), false);
          parts = [];
          filled = 0;
          while (window.full) yield await window.next();
        }
      }
    }
    start(Buffer.concat(parts, filled), true);
    while (window.length > 0) yield await window.next();
  }
}
