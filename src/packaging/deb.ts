import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { UserError } from '../runtime/errors.js';
import type { PackageEntry } from './collect-files.js';
import type { FileDigests } from './file-content.js';
import { normalMode } from './reproducible.js';
import { writeTarGz, type ArchiveOptions } from './tar-gz.js';

export interface DebControl {
  package: string;
  /** A semantic version; a pre-release sorts before its release (`1.2.3-rc.1` → `1.2.3~rc.1`). */
  version: string;
  architecture: string;
  maintainer: string;
  depends: string[];
  /** First line is the synopsis, the rest the extended description. */
  description: string;
  /** Absolute install location, e.g. `/opt/app`. */
  prefix: string;
}

/** Control fields from what was given, with defaults derived from the artefact name and repository. */
export function debControlFor(
  name: string,
  given: Partial<Omit<DebControl, 'version'>>,
  repository?: string,
): Omit<DebControl, 'version'> {
  const owner = repository?.split('/')[0];
  const maintainer = given.maintainer ?? (owner ? `${owner} <${owner}@users.noreply.github.com>` : '');
  return {
    package: given.package ?? name.toLowerCase().replace(/[^a-z0-9+.-]+/g, '-'),
    architecture: given.architecture ?? 'all',
    maintainer,
    depends: given.depends ?? [],
    description: given.description ?? (repository ? `${name}, built from ${repository}` : name),
    prefix: given.prefix ?? `/opt/${name}`,
  };
}

const AR_SIZE_LIMIT = 9_999_999_999;

/** Refuses control values dpkg would reject, naming the field and the accepted form. */
export function validateDebControl(control: DebControl): void {
  if (!/^[a-z0-9][a-z0-9+.-]+$/.test(control.package)) {
    throw new UserError(
      `Debian package name ${JSON.stringify(control.package)} is not valid: use at least two characters of a-z, 0-9, '+', '-', '.', starting with a letter or digit (set 'deb-package').`,
    );
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(control.architecture)) {
    throw new UserError(
      `Debian architecture ${JSON.stringify(control.architecture)} is not valid: use e.g. 'all', 'amd64' or 'arm64' (set 'deb-architecture').`,
    );
  }
  if (
    !control.prefix.startsWith('/') ||
    control.prefix.split('/').some((part) => part === '..' || part === '.') ||
    /[\\\r\n]/.test(control.prefix)
  ) {
    throw new UserError(
      `Install prefix ${JSON.stringify(control.prefix)} is not valid: give an absolute path without '.' or '..', e.g. /opt/app (set 'deb-prefix').`,
    );
  }
  for (const [field, value] of [
    ['deb-maintainer', control.maintainer],
    ['deb-depends', control.depends.join(', ')],
  ] as const) {
    if (/[\r\n]/.test(value)) throw new UserError(`'${field}' must be one line; got ${JSON.stringify(value)}.`);
  }
  if (!control.maintainer.trim())
    throw new UserError(
      `A .deb needs a maintainer: set 'deb-maintainer' (CLI: --maintainer), e.g. 'Jane Doe <jane@example.com>'.`,
    );
}

/** Debian orders `~` before anything, which is what a semantic pre-release means. */
export function debianVersion(semver: string): string {
  const plus = semver.indexOf('+');
  const core = plus === -1 ? semver : semver.slice(0, plus);
  const build = plus === -1 ? '' : semver.slice(plus);
  return core.replace('-', '~') + build;
}

/** The file name Debian tools expect: `<package>_<version>_<architecture>.deb`. */
export function debFileName(control: DebControl): string {
  return `${control.package}_${debianVersion(control.version)}_${control.architecture}.deb`;
}

/**
 * Writes a Debian binary package to `sink` and ends it: an ar archive of `debian-binary`,
 * `control.tar.gz` (control, md5sums) and `data.tar.gz` (the entries under `control.prefix`).
 * data.tar.gz goes through a temporary file in `tempDir` first, because its ar header must give
 * its size before its bytes.
 */
export async function writeDeb(
  entries: PackageEntry[],
  sink: Writable,
  control: DebControl,
  options: ArchiveOptions & { tempDir: string },
): Promise<void> {
  validateDebControl(control);
  const root = `.${control.prefix.replace(/\/+$/, '')}`;
  const data = dataEntries(entries, root);
  const md5 = new Map<string, FileDigests>();
  const dataFile = path.join(options.tempDir, `.slipway-${randomBytes(6).toString('hex')}.data.tar.gz`);
  try {
    // dpkg reads GNU long names but not PAX headers.
    await writeTarGz(data, createWriteStream(dataFile), {
      mtime: options.mtime,
      longNames: 'gnu',
      record: (entry, digests) => {
        md5.set(entry.path, digests);
        options.record?.({ ...entry, path: entry.path.slice(root.length + 1) }, digests);
      },
    });
    const dataSize = (await stat(dataFile)).size;
    if (dataSize > AR_SIZE_LIMIT)
      throw new UserError(
        `The packaged tree compresses to ${dataSize} bytes, more than a .deb member can hold (${AR_SIZE_LIMIT}); use format 'tar.gz'.`,
      );
    const controlTar = await controlArchive(data, md5, control, options.mtime);
    await write(sink, Buffer.from('!<arch>\n'));
    await writeMember(sink, 'debian-binary', Buffer.from('2.0\n'), options.mtime);
    await writeMember(sink, 'control.tar.gz', controlTar, options.mtime);
    await write(sink, arHeader('data.tar.gz', dataSize, options.mtime));
    await pipeline(createReadStream(dataFile), sink, { end: false });
    if (dataSize % 2) await write(sink, Buffer.from('\n'));
    sink.end();
    await finished(sink);
  } catch (error) {
    sink.destroy();
    throw error;
  } finally {
    await rm(dataFile, { force: true });
  }
}

/** Entries as dpkg expects them: `./`, the directories down to `root` (`./opt/app`), then the tree under it. */
function dataEntries(entries: PackageEntry[], root: string): PackageEntry[] {
  const parts = root.split('/').slice(1);
  const dirs = ['.', ...parts.map((_, i) => `./${parts.slice(0, i + 1).join('/')}`)];
  return [
    ...dirs.map((dir): PackageEntry => ({ path: dir, type: 'directory', mode: normalMode('directory'), size: 0 })),
    ...entries.map((entry) => ({ ...entry, path: `${root}/${entry.path}` })),
  ];
}

/**
 * Installed-Size as dpkg-gencontrol counts it: each file rounded up to whole KiB, and 1 KiB for
 * every directory (the root included) and symlink.
 */
function installedSize(entries: Pick<PackageEntry, 'type' | 'size'>[]): number {
  return entries.reduce((sum, entry) => sum + (entry.type === 'file' ? Math.ceil(entry.size / 1024) : 1), 0);
}

function controlFile(control: DebControl, size: number): string {
  const [synopsis = '', ...rest] = control.description.trim().split(/\r?\n/);
  const extended = rest.map((line) => (line.trim() ? ` ${line.trimEnd()}` : ' .'));
  const fields = [
    `Package: ${control.package}`,
    `Version: ${debianVersion(control.version)}`,
    `Architecture: ${control.architecture}`,
    `Maintainer: ${control.maintainer.trim()}`,
    `Installed-Size: ${size}`,
    ...(control.depends.length > 0 ? [`Depends: ${control.depends.join(', ')}`] : []),
    'Priority: optional',
    `Description: ${synopsis.trim()}`,
    ...extended,
  ];
  return `${fields.join('\n')}\n`;
}

async function controlArchive(
  data: PackageEntry[],
  md5: Map<string, FileDigests>,
  control: DebControl,
  mtime: number,
): Promise<Buffer> {
  const sums = data
    .filter((entry) => entry.type === 'file')
    .map((entry) => `${md5.get(entry.path)?.md5}  ${entry.path.slice(2)}\n`)
    .join('');
  const file = (name: string, text: string): PackageEntry => ({
    path: `./${name}`,
    type: 'file',
    mode: 0o644,
    size: Buffer.byteLength(text),
    content: Buffer.from(text),
  });
  const chunks: Buffer[] = [];
  const collector = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeTarGz(
    [
      { path: '.', type: 'directory', mode: 0o755, size: 0 },
      file('control', controlFile(control, installedSize(data))),
      file('md5sums', sums),
    ],
    collector,
    { mtime, longNames: 'gnu' },
  );
  return Buffer.concat(chunks);
}

function arHeader(name: string, size: number, mtime: number): Buffer {
  const field = (value: string | number, width: number) => String(value).padEnd(width, ' ');
  return Buffer.from(
    `${field(name, 16)}${field(mtime, 12)}${field(0, 6)}${field(0, 6)}${field('100644', 8)}${field(size, 10)}\`\n`,
    'latin1',
  );
}

async function writeMember(sink: Writable, name: string, body: Buffer, mtime: number): Promise<void> {
  await write(sink, arHeader(name, body.length, mtime));
  await write(sink, body.length % 2 ? Buffer.concat([body, Buffer.from('\n')]) : body);
}

async function write(sink: Writable, chunk: Buffer): Promise<void> {
  if (!sink.write(chunk)) await once(sink, 'drain');
}
