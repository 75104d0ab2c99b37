import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';
import { t as listTar } from 'tar';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { afterAll, expect, test } from 'vitest';
import type { PackageEntry } from '../../../src/packaging/collect-files.js';
import { packageArtefact, type ArtefactFormat } from '../../../src/packaging/package-artefact.js';
import { DeflatePool } from '../../../src/packaging/deflate-pool.js';
import { BlockDeflater, DEFLATE_BLOCK, OrderedWindow } from '../../../src/packaging/parallel-deflate.js';
import { zipDate } from '../../../src/packaging/reproducible.js';
import { writeZip } from '../../../src/packaging/zip.js';
import { cleanup, tempDir } from './sample-tree.js';

const pool = new DeflatePool();
afterAll(() => {
  pool.close();
  cleanup();
});

const MiB = 1024 * 1024;

/** Text-like and random bytes, so blocks differ in how well they compress. */
function mixed(size: number): Buffer {
  const text = Buffer.from(
    Array.from({ length: size / 40 }, (_, i) => `line ${i} of the build output\n`).join(''),
  ).subarray(0, size / 2);
  return Buffer.concat([text, randomBytes(size - text.length)]);
}

async function deflateAll(input: Buffer, pieceSize: number): Promise<{ out: Buffer; crc: number; bytes: number }> {
  const pieces: Buffer[] = [];
  for (let at = 0; at < input.length; at += pieceSize) pieces.push(input.subarray(at, at + pieceSize));
  const deflater = new BlockDeflater(6, pool);
  const out: Buffer[] = [];
  for await (const piece of deflater.deflate(Readable.from(pieces))) out.push(piece);
  return { out: Buffer.concat(out), crc: deflater.crc, bytes: deflater.bytes };
}

test('deflating in blocks gives one raw deflate stream of the input, its CRC-32 and length', async () => {
  const input = mixed(3 * DEFLATE_BLOCK + 12_345);
  const { out, crc, bytes } = await deflateAll(input, 64 * 1024);
  expect(inflateRawSync(out).equals(input)).toBe(true);
  expect(crc).toBe(crc32(input));
  expect(bytes).toBe(input.length);
});

test('the deflated bytes depend on the input only, not on how it was read', async () => {
  const input = mixed(2 * DEFLATE_BLOCK + 999);
  const whole = await deflateAll(input, input.length);
  const odd = await deflateAll(input, 4097);
  expect(odd.out.equals(whole.out)).toBe(true);
});

test('an empty input still ends the stream with a final block', async () => {
  const { out, crc, bytes } = await deflateAll(Buffer.alloc(0), 1);
  expect(inflateRawSync(out).length).toBe(0);
  expect([crc, bytes]).toEqual([0, 0]);
});

test('the window hands results back in the order they were added, and a failure at its turn', async () => {
  const window = new OrderedWindow<string>(3);
  const later = (value: string, ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve(value), ms));
  window.add(later('first', 30));
  window.add(later('second', 1));
  window.add(Promise.reject(new Error('third failed')));
  expect(window.full).toBe(true);
  expect(await window.next()).toBe('first');
  expect(await window.next()).toBe('second');
  await expect(window.next()).rejects.toThrow('third failed');
  expect(window.length).toBe(0);
});

/** Small files, one over the whole-file read limit and several deflate blocks long, a symlink and a directory. */
function bigTree(): { root: string; files: Record<string, Buffer> } {
  const root = tempDir();
  const files: Record<string, Buffer> = {
    'assets/large.bin': mixed(3 * MiB + 100),
    'assets/empty.txt': Buffer.alloc(0),
    'lib/a.js': Buffer.from('console.log("a")\n'.repeat(500)),
    'lib/b.bin': randomBytes(70_000),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  mkdirSync(path.join(root, 'empty'));
  symlinkSync('../lib/a.js', path.join(root, 'assets/a-link'));
  return { root, files };
}

async function build(format: ArtefactFormat, root: string) {
  return packageArtefact({
    path: root,
    cwd: '/',
    name: 'big',
    version: '1.0.0',
    format,
    outputDir: tempDir(),
    sourceDate: 1_700_000_000,
    buildInfo: false,
  });
}

function expectSameFiles(dir: string, files: Record<string, Buffer>): void {
  for (const [name, content] of Object.entries(files))
    expect(readFileSync(path.join(dir, name)).equals(content)).toBe(true);
}

test('tar.gz of several deflate blocks: gzip -t, GNU tar, Node and node-tar read it, and it is the same twice', async () => {
  const { root, files } = bigTree();
  const first = await build('tar.gz', root);
  const second = await build('tar.gz', root);
  expect(readFileSync(second.file).equals(readFileSync(first.file))).toBe(true);
  execFileSync('gzip', ['-t', first.file]);
  const out = tempDir();
  execFileSync('tar', ['-xzf', first.file, '-C', out]);
  expectSameFiles(out, files);
  expect(gunzipSync(readFileSync(first.file)).length % 512).toBe(0);
  const listed: string[] = [];
  listTar({ file: first.file, sync: true, onReadEntry: (entry) => void listed.push(entry.path) });
  expect(listed).toEqual(expect.arrayContaining(Object.keys(files)));
});

test('zip with a file streamed in blocks: unzip -t checks every CRC, unzip and yauzl read it, and it is the same twice', async () => {
  const { root, files } = bigTree();
  const first = await build('zip', root);
  const second = await build('zip', root);
  expect(readFileSync(second.file).equals(readFileSync(first.file))).toBe(true);
  expect(execFileSync('unzip', ['-t', first.file], { encoding: 'utf8' })).toContain('No errors detected');
  const out = tempDir();
  execFileSync('unzip', ['-q', first.file, '-d', out]);
  expectSameFiles(out, files);
  const large = await new Promise<Buffer>((resolve, reject) => {
    yauzl.open(first.file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'assets/large.bin') return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const parts: Buffer[] = [];
          stream.on('data', (part: Buffer) => parts.push(part));
          stream.on('end', () => resolve(Buffer.concat(parts)));
        });
      });
      zip.readEntry();
    });
  });
  expect(large.equals(files['assets/large.bin']!)).toBe(true);
});

async function zipBytes(write: (sink: PassThrough) => Promise<void> | void): Promise<Buffer> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise((resolve) => sink.on('end', resolve));
  await write(sink);
  await ended;
  return Buffer.concat(parts);
}

function sampleEntries(root: string, count: number): PackageEntry[] {
  const entries: PackageEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ path: `d${i}`, type: 'directory', mode: 0o755, size: 0 });
    if (i % 1000 === 0) {
      const content = Buffer.from(`file ${i}\n`.repeat(i % 7));
      writeFileSync(path.join(root, `f${i}`), content);
      entries.push({
        path: `d${i}/f`,
        type: 'file',
        mode: 0o755,
        size: content.length,
        source: path.join(root, `f${i}`),
      });
      entries.push({ path: `d${i}/l`, type: 'symlink', mode: 0o777, size: 0, linkTarget: 'f' });
    }
  }
  return entries;
}

test('small files, directories and symlinks are laid out byte for byte as yazl writes them', async () => {
  const root = tempDir();
  const entries = sampleEntries(root, 3_000);
  const ours = await zipBytes((sink) => writeZip(entries, sink, { mtime: 1_700_000_000 }));
  const theirs = await zipBytes((sink) => {
    const zip = new yazl.ZipFile();
    const mtime = zipDate(1_700_000_000);
    for (const entry of entries) {
      if (entry.type === 'directory') zip.addEmptyDirectory(entry.path, { mtime, mode: 0o040000 | entry.mode });
      else if (entry.type === 'symlink')
        zip.addBuffer(Buffer.from(entry.linkTarget ?? ''), entry.path, {
          mtime,
          mode: 0o120000 | entry.mode,
          compress: false,
        });
      else
        zip.addBuffer(readFileSync(entry.source ?? ''), entry.path, {
          mtime,
          mode: 0o100000 | entry.mode,
          compressionLevel: 6,
        });
    }
    zip.end();
    (zip.outputStream as Readable).pipe(sink);
  });
  expect(ours.length).toBe(theirs.length);
  expect(ours.equals(theirs)).toBe(true);
});

// yazl takes ~20 s for 70,000 entries, so past 65,535 entries (the ZIP64 end records) the
// oracles are the readers users have: Info-ZIP's unzip and yauzl must list every entry.
test('70,000 entries, which need the ZIP64 end records, are read whole by unzip and yauzl', async () => {
  const root = tempDir();
  const entries = sampleEntries(root, 70_000);
  const file = path.join(root, 'many.zip');
  writeFileSync(file, await zipBytes((sink) => writeZip(entries, sink, { mtime: 1_700_000_000 })));
  expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).toContain(
    'No errors detected',
  );
  const names = await new Promise<string[]>((resolve, reject) => {
    const seen: string[] = [];
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        seen.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(seen));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
  expect(names).toHaveLength(entries.length);
  expect(new Set(names)).toEqual(new Set(entries.map((e) => (e.type === 'directory' ? `${e.path}/` : e.path))));
});

test('a closed pool refuses work, and what was waiting on it fails instead of hanging', async () => {
  const closing = new DeflatePool();
  const waiting = closing.deflate([{ data: randomBytes(4 * MiB), options: { level: 9 } }]);
  closing.close();
  await expect(waiting).rejects.toThrow('Deflate pool closed.');
  await expect(closing.deflate([{ data: Buffer.from('x'), options: {} }])).rejects.toThrow('Deflate pool closed.');
});
