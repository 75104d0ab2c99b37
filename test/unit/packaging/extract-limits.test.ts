import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { afterAll, describe, expect, test } from 'vitest';
import {
  DEFAULT_MAX_ENTRIES,
  ExtractLimitError,
  type ExtractLimits,
  sha256File,
  verifyAndExtract,
} from '../../../src/packaging/extract.js';
import { MiB, tarHeader, zerosTarGz, zerosZip } from './bombs.js';
import { cleanup, tempDir } from './sample-tree.js';

/**
 * Issue 16, finding 11: a small archive that expands without bound (a zip bomb) or holds a huge
 * number of entries. The bombs are made of zeros, so they stay small on disk: a gzip stream of
 * many identical members (each 1 MiB of zeros compresses to about 1 KiB) and a deflated zip entry.
 */
afterAll(cleanup);

/** A tar.gz of `count` empty files. */
async function manyFilesTarGz(count: number): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (let i = 0; i < count; i += 1) pack.entry({ name: `f${i}`, mode: 0o644 }, '');
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** A zip of `count` empty stored files, written by hand (yazl takes 18 s for 50,000 entries). */
function manyFilesZip(count: number): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i += 1) {
    const name = Buffer.from(`f${i}`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4);
    entry.writeUInt16LE(10, 6);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name);
    central.push(entry, name);
    offset += local.length + name.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function extract(bytes: Buffer, name: string, limits?: ExtractLimits) {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const target = path.join(dir, 'target');
  const outcome = await verifyAndExtract({
    file,
    expectedDigest: await sha256File(file),
    targetDir: target,
    limits,
  }).then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error }),
  );
  return { ...outcome, file, target, archiveBytes: bytes.length };
}

describe('extraction limits (a zip bomb)', () => {
  test('a 128 KiB tar.gz that expands to 128 MiB is refused by the default limit, and nothing stays', async () => {
    const { error, target, file, archiveBytes } = await extract(zerosTarGz(128), 'bomb.tar.gz');
    expect(archiveBytes).toBeLessThan(200 * 1024);
    expect(error).toBeInstanceOf(ExtractLimitError);
    expect((error as ExtractLimitError).limit).toBe('bytes');
    expect((error as Error).message).toBe(
      `Refusing to extract '${file}': it expands to more than 64 MiB; nothing was extracted.`,
    );
    expect(existsSync(target)).toBe(false);
  });

  test('a zip whose entry declares 128 MiB is refused before any of it is written', async () => {
    const { error, target, archiveBytes } = await extract(await zerosZip(128), 'bomb.zip');
    expect(archiveBytes).toBeLessThan(200 * 1024);
    expect((error as ExtractLimitError).limit).toBe('bytes');
    expect((error as Error).message).toMatch(/: it expands to more than 64 MiB; nothing was extracted\.$/);
    expect(existsSync(target)).toBe(false);
  });

  test('a raised limit lets the same kind of archive through, byte for byte', async () => {
    const tight = await extract(zerosTarGz(3), 'three.tar.gz', { maxBytes: 2 * MiB });
    expect((tight.error as Error).message).toMatch(/it expands to more than 2 MiB/);
    const raised = await extract(zerosTarGz(3), 'three.tar.gz', { maxBytes: 3 * MiB });
    expect(raised.error).toBeUndefined();
    expect(statSync(path.join(raised.target, 'zeros.bin')).size).toBe(3 * MiB);
    expect(readFileSync(path.join(raised.target, 'zeros.bin')).every((byte) => byte === 0)).toBe(true);
    const zip = await extract(await zerosZip(3), 'three.zip', { maxBytes: 3 * MiB });
    expect(zip.error).toBeUndefined();
    expect(statSync(path.join(zip.target, 'zeros.bin')).size).toBe(3 * MiB);
  });

  test('content is counted across entries, not per entry', async () => {
    const parts = [0, 1, 2].flatMap((i) => [tarHeader(`part${i}`, MiB), Buffer.alloc(MiB)]);
    const { error, target } = await extract(gzipSync(Buffer.concat([...parts, Buffer.alloc(1024)])), 'parts.tar.gz', {
      maxBytes: 2.5 * MiB,
    });
    expect((error as Error).message).toMatch(/it expands to more than 2\.5 MiB/);
    expect(existsSync(target)).toBe(false);
  });

  test('a stream of headers without content (pax records) is stopped too', async () => {
    const records = `1019 comment=${'x'.repeat(1019 - 14)}\n`;
    const block = Buffer.concat([
      tarHeader('PaxHeader', Buffer.byteLength(records), 'x'),
      Buffer.from(records),
      Buffer.alloc(512 - (Buffer.byteLength(records) % 512)),
    ]);
    const tar = Buffer.concat(Array.from({ length: 1000 }, () => block));
    const { error } = await extract(gzipSync(tar), 'headers.tar.gz', { maxBytes: 64 * 1024, maxEntries: 10 });
    expect(tar.length).toBeGreaterThan(MiB);
    expect((error as ExtractLimitError).limit).toBe('bytes');
    expect((error as Error).message).toMatch(/it expands to more than .* of tar data; nothing was extracted\.$/);
  });
});

describe('extraction limits (entry count)', () => {
  test(`a zip of ${DEFAULT_MAX_ENTRIES + 1} entries is refused by the default count before anything is written`, async () => {
    const { error, target } = await extract(manyFilesZip(DEFAULT_MAX_ENTRIES + 1), 'many.zip');
    expect((await extract(manyFilesZip(3), 'three.zip')).result).toEqual({
      digest: expect.stringMatching(/^sha256:/),
      files: 3,
    });
    expect((error as ExtractLimitError).limit).toBe('entries');
    expect((error as Error).message).toMatch(/: it has 50,001 entries, more than 50,000; nothing was extracted\.$/);
    expect(existsSync(target)).toBe(false);
  });

  test('a tar.gz over the count is refused at the entry that passes it, and what was extracted is removed', async () => {
    const { error, target } = await extract(await manyFilesTarGz(101), 'many.tar.gz', { maxEntries: 100 });
    expect((error as ExtractLimitError).limit).toBe('entries');
    expect((error as Error).message).toMatch(/: it has more than 100 entries; nothing was extracted\.$/);
    expect(existsSync(target)).toBe(false);
    const exact = await extract(await manyFilesTarGz(100), 'many.tar.gz', { maxEntries: 100 });
    expect(exact.error).toBeUndefined();
    expect(readdirSync(exact.target)).toHaveLength(100);
  });
});
