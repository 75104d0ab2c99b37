import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, expect, test } from 'vitest';
import type { PackageEntry } from '../../../src/packaging/collect-files.js';
import type { FileDigests } from '../../../src/packaging/file-content.js';
import { writeTarGz } from '../../../src/packaging/tar-gz.js';
import { writeZip } from '../../../src/packaging/zip.js';
import { cleanup, tempDir } from './sample-tree.js';

afterAll(cleanup);

/** Files of assorted sizes (empty, small, and over the whole-file read limit) in archive order. */
function tree(): PackageEntry[] {
  const root = tempDir();
  const sizes = [0, 1, 511, 512, 70_000, 2 * 1024 * 1024 + 3, 10, 300_000, 0, 5];
  return sizes.map((size, i) => {
    const source = path.join(root, `f${i}`);
    writeFileSync(source, Buffer.alloc(size, i + 1));
    return { path: `f${i}`, type: 'file', mode: 0o644, size, source };
  });
}

async function collect(
  write: typeof writeTarGz,
  entries: PackageEntry[],
  record?: (entry: PackageEntry, digests: FileDigests) => void,
): Promise<Buffer> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => parts.push(chunk));
  await write(entries, sink, { mtime: 1_700_000_000, record });
  return Buffer.concat(parts);
}

test.each([
  ['tar.gz', writeTarGz],
  ['zip', writeZip],
] as const)('%s: files read ahead are recorded in order with the digests of their bytes', async (_, write) => {
  const entries = tree();
  const seen: string[] = [];
  await collect(write, entries, (entry, digests) => {
    const bytes = Buffer.alloc(entry.size, Number(entry.path.slice(1)) + 1);
    expect(digests.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(digests.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    seen.push(entry.path);
  });
  expect(seen).toEqual(entries.map((entry) => entry.path));
});

test('tar.gz: the tar holds every byte in order, whatever was read ahead', async () => {
  const entries = tree();
  const tar = gunzipSync(await collect(writeTarGz, entries));
  let offset = 0;
  for (const entry of entries) {
    offset += 512;
    expect(
      tar.subarray(offset, offset + entry.size).equals(Buffer.alloc(entry.size, Number(entry.path.slice(1)) + 1)),
    ).toBe(true);
    offset += Math.ceil(entry.size / 512) * 512;
  }
});

test.each([
  ['tar.gz', writeTarGz],
  ['zip', writeZip],
] as const)('%s: a file gone before it is read ahead fails naming it', async (_, write) => {
  const entries = tree();
  const missing = { ...entries[3]!, source: path.join(tempDir(), 'gone') };
  entries[3] = missing;
  await expect(collect(write, entries)).rejects.toThrow(`Cannot read '${missing.source}': ENOENT.`);
});
