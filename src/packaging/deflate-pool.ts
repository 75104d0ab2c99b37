import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ZlibOptions } from 'node:zlib';

/** One buffer to deflate raw (RFC 1951) with the given zlib options. */
export interface DeflateJob {
  data: Buffer;
  options: ZlibOptions;
}

/** Bytes of input a batch slab holds at least; slabs are reused, so memory stays flat. */
const SLAB = 2 * 1024 * 1024;

/**
 * Each worker runs zlib's synchronous raw deflate on a batch of jobs copied into one slab of
 * memory. Node's asynchronous zlib makes a stream and a fresh compressor per call, several times
 * the CPU of the deflate itself for small files. The slab and an exact copy of each output travel
 * as transfers, so the worker holds only zlib's short-lived buffers. The code
 * is evaluated as CommonJS or as a module depending on the parent's flags, so it imports nothing.
 */
const WORKER = `
const GARBAGE = ${16 * 1024 * 1024};
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { deflateRawSync } = process.getBuiltinModule('node:zlib');
process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
const collect = process.getBuiltinModule('node:vm').runInNewContext('gc');
let garbage = 0;
parentPort.on('message', ({ id, slab, jobs }) => {
  try {
    const out = jobs.map(({ offset, length, dictionary, options }) => {
      const bound = Math.max(8192, length + (length >> 3) + 1024);
      const dict = dictionary ? { dictionary: Buffer.from(slab, dictionary[0], dictionary[1]) } : {};
      const result = deflateRawSync(Buffer.from(slab, offset, length), { ...options, ...dict, chunkSize: bound });
      // zlib's own buffer may be pooled or otherwise untransferable: send an exact copy.
      return new Uint8Array(result);
    });
    const buffers = out.map((result) => result.buffer);
    garbage += buffers.reduce((sum, buffer) => sum + 2 * buffer.byteLength, 0);
    if (garbage > GARBAGE) {
      garbage = 0;
      collect({ type: 'minor' });
    }
    parentPort.postMessage({ id, slab, out: buffers, lengths: out.map((result) => result.byteLength) }, [slab, ...buffers]);
  } catch (error) {
    parentPort.postMessage({ id, slab, error: String((error && error.message) || error) }, [slab]);
  }
});
`;

/** A worker's own heap stays tiny (its buffers live outside it): small generations keep its footprint small. */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

interface Reply {
  id: number;
  slab: ArrayBuffer;
  out?: ArrayBuffer[];
  lengths?: number[];
  error?: string;
}

interface Slot {
  worker: Worker;
  busy: number;
}

interface Pending {
  resolve: (out: Buffer[]) => void;
  reject: (error: Error) => void;
  slot: Slot;
}

/** Workers deflating batches side by side, one per core (at most 4); started on first use, ended by `close`. */
export class DeflatePool {
  /** How many workers run at once. */
  readonly size = Math.min(Math.max(availableParallelism(), 1), 4);
  private readonly workers: Slot[] = [];
  private readonly slabs: ArrayBuffer[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  /** Deflates each job of the batch; results in the same order. */
  deflate(jobs: DeflateJob[]): Promise<Buffer[]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.idlest();
    const id = this.nextId++;
    const total = jobs.reduce(
      (sum, job) => sum + job.data.length + ((job.options.dictionary as Buffer)?.length ?? 0),
      0,
    );
    const slab = this.slab(total);
    const view = Buffer.from(slab);
    let at = 0;
    const place = (data: Buffer): [number, number] => {
      data.copy(view, at);
      at += data.length;
      return [at - data.length, data.length];
    };
    const message = jobs.map(({ data, options }) => {
      const { dictionary, ...rest } = options;
      const [offset, length] = place(data);
      return { offset, length, options: rest, dictionary: dictionary ? place(dictionary as Buffer) : undefined };
    });
    slot.busy += 1;
    return new Promise<Buffer[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, slab, jobs: message }, [slab]);
    });
  }

  close(): void {
    for (const { worker } of this.workers.splice(0)) void worker.terminate();
    this.fail(new Error('Deflate pool closed.'));
  }

  /** A free slab of at least `size` bytes. */
  private slab(size: number): ArrayBuffer {
    const index = this.slabs.findIndex((slab) => slab.byteLength >= size);
    if (index >= 0) return this.slabs.splice(index, 1)[0] ?? new ArrayBuffer(Math.max(size, SLAB));
    return new ArrayBuffer(Math.max(size, SLAB));
  }

  private idlest(): Slot {
    if (this.workers.length < this.size) {
      const worker = new Worker(WORKER, { eval: true, resourceLimits: WORKER_HEAP });
      worker.on('message', (reply: Reply) => this.answer(reply));
      worker.on('error', (error) => this.fail(error));
      const slot = { worker, busy: 0 };
      this.workers.push(slot);
      return slot;
    }
    return this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private answer(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    waiting.slot.busy -= 1;
    // Two per worker are in flight at most; more would only be garbage.
    if (this.slabs.length < 2 * this.size) this.slabs.push(reply.slab);
    const { out, lengths } = reply;
    if (reply.error !== undefined || !out || !lengths) waiting.reject(new Error(`Deflate failed: ${reply.error}`));
    else waiting.resolve(out.map((buffer, i) => Buffer.from(buffer, 0, lengths[i])));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }
}
