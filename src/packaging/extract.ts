import { type EventEmitter, once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, open, readlink, realpath, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Transform } from 'node:stream';
import tarStream from 'tar-stream';
import yauzl from 'yauzl';
import { UserError } from '../runtime/errors.js';
import { sha256File } from './digest-stream.js';
import { DEFAULT_MAX_ENTRIES, defaultMaxBytes, ExtractLimitError, type ExtractLimits } from './extract-limits.js';
import { normalMode } from './reproducible.js';
import { formatCount } from '../runtime/count.js';

export { sha256File };
export { DEFAULT_MAX_ENTRIES, defaultMaxBytes, ExtractLimitError, type ExtractLimits } from './extract-limits.js';

/**
 * Verifies `file` against `expectedDigest` (`sha256:<hex>`) and only then extracts it into
 * `targetDir`. The format is read from the content: tar.gz, zip, or a Debian package (its
 * data.tar.gz). Entries that would land outside `targetDir` (absolute, `..`, through a symlink,
 * a symlink pointing out) and special files are refused; on any refusal everything this call
 * extracted is removed again.
 */
export async function verifyAndExtract(options: {
  file: string;
  expectedDigest: string;
  targetDir: string;
  limits?: ExtractLimits;
}): Promise<{ digest: string; files: number }> {
  const expected = options.expectedDigest.trim().toLowerCase();
  if (!/^sha256:[0-9a-f]{64}$/.test(expected)) {
    throw new UserError(
      `Expected digest ${JSON.stringify(options.expectedDigest)} is not valid: give 'sha256:' followed by 64 hex digits, as the package action's 'digest' output.`,
    );
  }
  const digest = await sha256File(options.file).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`Cannot read artefact '${options.file}': ${error.code ?? String(error)}.`);
  });
  if (digest !== expected) {
    throw new UserError(
      `Artefact '${options.file}' does not match its digest: expected ${expected}, got ${digest}; nothing was extracted. Use the artefact the digest was recorded for.`,
    );
  }
  const format = await detectFormat(options.file);
  const { size } = await stat(options.file);
  const budget = new Budget(
    options.file,
    options.limits?.maxBytes ?? defaultMaxBytes(size),
    options.limits?.maxEntries ?? DEFAULT_MAX_ENTRIES,
  );
  const target = await SafeTarget.create(options.targetDir, options.file, budget);
  try {
    if (format === 'zip') await extractZip(options.file, target, budget);
    else if (format === 'deb') await extractTar(await debData(options.file), target, budget);
    else await extractTar(createReadStream(options.file).pipe(createGunzip()), target, budget);
    await target.checkLinks();
  } catch (error) {
    await target.undo();
    if (error instanceof UserError) throw error;
    throw new UserError(
      `Cannot extract '${options.file}': ${error instanceof Error ? error.message : String(error)}; nothing was extracted.`,
    );
  }
  return { digest, files: target.files };
}

async function detectFormat(file: string): Promise<'tar.gz' | 'zip' | 'deb'> {
  const handle = await open(file, 'r');
  const head = Buffer.alloc(8);
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (
    head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) ||
    head.subarray(0, 4).equals(Buffer.from('PK\x05\x06', 'latin1'))
  )
    return 'zip';
  if (head.equals(Buffer.from('!<arch>\n'))) return 'deb';
  throw new UserError(
    `Artefact '${file}' is not a tar.gz, zip or Debian package (its first bytes are ${head.toString('hex')}).`,
  );
}

/** The data member of a .deb (an ar archive), as a stream of tar bytes. */
async function debData(file: string): Promise<Readable> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    for (let offset = 8; offset + 60 <= size;) {
      const header = Buffer.alloc(60);
      await handle.read(header, 0, 60, offset);
      const name = header.toString('latin1', 0, 16).trim().replace(/\/$/, '');
      const length = Number(header.toString('latin1', 48, 58).trim());
      if (!Number.isSafeInteger(length) || header.toString('latin1', 58, 60) !== '`\n') break;
      const start = offset + 60;
      if (name === 'data.tar.gz')
        return createReadStream(file, { start, end: start + length - 1 }).pipe(createGunzip());
      if (name === 'data.tar') return createReadStream(file, { start, end: start + length - 1 });
      if (name.startsWith('data.tar'))
        throw new UserError(`Debian package '${file}' holds ${name}; only data.tar.gz and data.tar can be extracted.`);
      offset = start + length + (length % 2);
    }
  } finally {
    await handle.close();
  }
  throw new UserError(`Debian package '${file}' has no data.tar member; it is not a valid .deb.`);
}

/**
 * Counts and limits what a refusal must stop: file content, entries, and the uncompressed stream
 * itself (headers included, so a bomb of headers alone cannot run for minutes either).
 */
class Budget {
  private bytes = 0;
  private entries = 0;

  constructor(
    private readonly archive: string,
    readonly maxBytes: number,
    readonly maxEntries: number,
  ) {}

  private refuse(what: string, limit: 'bytes' | 'entries'): never {
    throw new ExtractLimitError(`Refusing to extract '${this.archive}': ${what}; nothing was extracted.`, limit);
  }

  entry(): void {
    this.entries += 1;
    if (this.entries > this.maxEntries)
      this.refuse(`it has more than ${formatCount(this.maxEntries)} entries`, 'entries');
  }

  content(length: number): void {
    this.bytes += length;
    if (this.bytes > this.maxBytes) this.refuse(`it expands to more than ${formatBytes(this.maxBytes)}`, 'bytes');
  }

  /** The entry count an archive declares up front (a zip's central directory), checked before anything is written. */
  declaredEntries(entries: number): void {
    if (entries > this.maxEntries)
      this.refuse(`it has ${formatCount(entries)} entries, more than ${formatCount(this.maxEntries)}`, 'entries');
  }

  /** An entry's declared size, checked before its data is read. */
  declaredContent(length: number): void {
    if (this.bytes + length > this.maxBytes)
      this.refuse(`it expands to more than ${formatBytes(this.maxBytes)}`, 'bytes');
  }

  /** A pass-through that fails once the uncompressed tar holds more than the content allowed plus 4 KiB of headers per entry. */
  stream(): Transform {
    const allowed = this.maxBytes + (this.maxEntries + 1) * TAR_HEADER_ALLOWANCE;
    let seen = 0;
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        seen += chunk.length;
        if (seen > allowed) {
          try {
            this.refuse(`it expands to more than ${formatBytes(allowed)} of tar data`, 'bytes');
          } catch (error) {
            callback(error as Error);
            return;
          }
        }
        callback(null, chunk);
      },
    });
  }
}

/** Room per entry for its tar header, a pax or GNU long-name header, and padding. */
const TAR_HEADER_ALLOWANCE = 4096;

export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${formatCount(bytes)} bytes`;
}

async function extractTar(source: Readable, target: SafeTarget, budget: Budget): Promise<void> {
  const extract = tarStream.extract();
  const counted = budget.stream();
  source.on('error', (error) => counted.destroy(error));
  counted.on('error', (error) => extract.destroy(error));
  source.pipe(counted).pipe(extract);
  for await (const entry of extract) {
    const { name, type, mode, linkname } = entry.header;
    if (type === 'file' || type === 'contiguous-file')
      await target.file(name, mode, entry as unknown as AsyncIterable<Buffer>);
    else if (type === 'directory') await target.directory(name);
    else if (type === 'symlink') await target.symlink(name, linkname ?? '');
    else target.refuse(name, type === 'link' ? 'is a hard link' : `is a ${type}, not a file, directory or symlink`);
    entry.resume();
  }
}

async function extractZip(file: string, target: SafeTarget, budget: Budget): Promise<void> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  try {
    // The central directory declares the count at once and each size before its data (yauzl holds
    // the data to the declared size), so most bombs are refused before anything is written.
    budget.declaredEntries(zip.entryCount);
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      budget.declaredContent(entry.uncompressedSize);
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const unix = entry.versionMadeBy >> 8 === 3;
      const mode = unix ? entry.externalFileAttributes >>> 16 : 0;
      const kind = mode & 0o170000;
      if (name.endsWith('/') || kind === 0o040000) await target.directory(name);
      else if (kind === 0o120000)
        await target.symlink(name, await readAll(await zip.openReadStreamPromise(entry), 4096, name, target));
      else if (kind === 0 || kind === 0o100000) await target.file(name, mode, await zip.openReadStreamPromise(entry));
      else target.refuse(name, 'is a device, FIFO or socket, not a file, directory or symlink');
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

async function readAll(stream: Readable, limit: number, name: string, target: SafeTarget): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) target.refuse(name, `is a symlink with a target over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes entries under one root, refusing anything that would land or point outside it. */
class SafeTarget {
  files = 0;
  private readonly created: string[] = [];
  private readonly links: string[] = [];

  private constructor(
    private readonly root: string,
    private readonly archive: string,
    private readonly budget: Budget,
  ) {}

  static async create(targetDir: string, archive: string, budget: Budget): Promise<SafeTarget> {
    const wanted = path.resolve(targetDir);
    const missing: string[] = [];
    for (let dir = wanted; !(await lstat(dir).catch(() => undefined)); dir = path.dirname(dir)) missing.unshift(dir);
    await mkdir(wanted, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(
        `Cannot create target directory '${wanted}': ${error.code ?? String(error)}; nothing was extracted.`,
      );
    });
    const target = new SafeTarget(await realpath(wanted), archive, budget);
    target.created.push(...missing);
    return target;
  }

  refuse(name: string, reason: string): never {
    throw new UserError(
      `Refusing to extract '${this.archive}': entry ${JSON.stringify(name)} ${reason}; nothing was extracted.`,
    );
  }

  /** The absolute destination of an entry, after checking the name and every directory above it. */
  private async destination(name: string): Promise<string | undefined> {
    this.budget.entry();
    if (name.includes('\\')) this.refuse(name, 'has a backslash in its name');
    if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) this.refuse(name, 'has an absolute path');
    const parts = name.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.includes('..')) this.refuse(name, "has a '..' segment that would leave the target directory");
    if (parts.length === 0) return undefined;
    let dir = this.root;
    for (const part of parts.slice(0, -1)) {
      dir = path.join(dir, part);
      const stats = await lstat(dir).catch(() => undefined);
      if (stats?.isSymbolicLink())
        this.refuse(name, `would be written through the symlink '${path.relative(this.root, dir)}'`);
      if (stats && !stats.isDirectory())
        this.refuse(name, `is inside '${path.relative(this.root, dir)}', which is not a directory`);
      if (!stats) {
        await mkdir(dir);
        this.created.push(dir);
      }
    }
    return path.join(dir, parts[parts.length - 1] ?? '');
  }

  async directory(name: string): Promise<void> {
    const dest = await this.destination(name);
    if (!dest) return;
    const stats = await lstat(dest).catch(() => undefined);
    if (stats?.isDirectory()) return;
    if (stats) this.refuse(name, 'is a directory where the target already has a file or symlink');
    await mkdir(dest, { mode: 0o755 });
    this.created.push(dest);
  }

  async file(name: string, mode: number, content: AsyncIterable<Buffer>): Promise<void> {
    const dest = await this.destination(name);
    if (!dest) this.refuse(name, 'has no file name');
    // 'wx' fails on anything already there, a symlink included, so nothing is written through one.
    const out = createWriteStream(dest, { flags: 'wx', mode: 0o600 });
    try {
      await once(out as unknown as EventEmitter, 'open');
    } catch {
      this.refuse(name, 'would overwrite something already extracted or present in the target');
    }
    this.created.push(dest);
    for await (const chunk of content) {
      this.budget.content(chunk.length);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
    await chmod(dest, normalMode('file', mode));
    this.files += 1;
  }

  async symlink(name: string, target: string): Promise<void> {
    const dest = await this.destination(name);
    if (!dest) this.refuse(name, 'is a symlink without a name');
    if (
      !target ||
      path.isAbsolute(target) ||
      target.includes('\\') ||
      !isInside(this.root, path.resolve(path.dirname(dest), target))
    ) {
      this.refuse(name, `is a symlink to ${JSON.stringify(target)}, outside the target directory`);
    }
    await symlink(target, dest).catch(() =>
      this.refuse(name, 'would overwrite something already extracted or present in the target'),
    );
    this.created.push(dest);
    this.links.push(name);
  }

  /** Once everything exists, follows every link as the OS would: a chain of links may not lead out either. */
  async checkLinks(): Promise<void> {
    for (const name of this.links) {
      const dest = path.join(this.root, ...name.split('/').filter((part) => part !== '' && part !== '.'));
      if ((await resolveWithin(this.root, path.dirname(dest), await readlink(dest), 0)) === undefined) {
        this.refuse(name, 'is a symlink that leads outside the target directory through other symlinks');
      }
    }
  }

  async undo(): Promise<void> {
    for (const created of this.created.reverse()) await rm(created, { recursive: true, force: true });
  }
}

/** Where `target`, followed from `dir`, ends up, or undefined if it passes outside `root` on the way. */
async function resolveWithin(root: string, dir: string, target: string, depth: number): Promise<string | undefined> {
  if (depth > 40 || path.isAbsolute(target)) return undefined;
  let current = dir;
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (current === root) return undefined;
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, part);
    const stats = await lstat(next).catch(() => undefined);
    if (stats?.isSymbolicLink()) {
      const resolved = await resolveWithin(root, current, await readlink(next), depth + 1);
      if (resolved === undefined) return undefined;
      current = resolved;
    } else {
      current = next;
    }
  }
  return isInside(root, current) ? current : undefined;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}
