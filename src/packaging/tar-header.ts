import type { PackageEntry } from './collect-files.js';

// Headers are encoded here rather than by tar-stream or node-tar: both write a PAX header for any
// long or non-ASCII name, and dpkg refuses PAX headers inside a .deb ("unsupported PAX tar header
// type 'x'"); it needs GNU long names. Reading (extract.ts) uses tar-stream, which handles both.

/**
 * How names that do not fit a ustar header (over 100 bytes, or not ASCII) are carried: PAX
 * extended headers (POSIX), or GNU long-name entries, which dpkg requires in a .deb.
 */
export type LongNames = 'pax' | 'gnu';

const BLOCK = 512;
const TYPEFLAG = { file: '0', symlink: '2', directory: '5', pax: 'x', gnuLongName: 'L', gnuLongLink: 'K' } as const;

/** The header block(s) of one entry; its content, padded to 512 bytes, follows. */
export function entryHeader(entry: PackageEntry, mtime: number, longNames: LongNames): Buffer {
  const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
  const link = entry.linkTarget ?? '';
  const size = entry.type === 'file' ? entry.size : 0;
  const nameFits = fits(name);
  const linkFits = fits(link);
  const blocks: Buffer[] = [];
  if (longNames === 'pax' && !(nameFits && linkFits)) {
    const records = Buffer.from(
      (nameFits ? '' : paxRecord('path', name)) + (linkFits ? '' : paxRecord('linkpath', link)),
    );
    blocks.push(
      header({
        name: 'PaxHeader',
        mode: 0o644,
        size: records.length,
        mtime,
        typeflag: TYPEFLAG.pax,
        link: '',
        gnu: false,
      }),
      padded(records),
    );
  }
  if (longNames === 'gnu') {
    if (!linkFits) blocks.push(...gnuLong(link, TYPEFLAG.gnuLongLink));
    if (!nameFits) blocks.push(...gnuLong(name, TYPEFLAG.gnuLongName));
  }
  blocks.push(
    header({
      name: nameFits ? name : placeholder(name),
      mode: entry.mode,
      size,
      mtime,
      typeflag: TYPEFLAG[entry.type],
      link: linkFits ? link : placeholder(link),
      gnu: longNames === 'gnu',
    }),
  );
  return Buffer.concat(blocks);
}

/** Zeros completing a content of `size` bytes to whole blocks. */
export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** Two zero blocks end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

function fits(value: string): boolean {
  return value.length <= 100 && Buffer.byteLength(value) === value.length;
}

/** What old readers see instead of a long or non-ASCII name: its ASCII characters, cut to 100 bytes. */
function placeholder(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '_').slice(0, 100);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length += 1;
  return `${length}${body}`;
}

function gnuLong(value: string, typeflag: string): Buffer[] {
  const body = Buffer.from(`${value}\0`);
  return [
    header({ name: '././@LongLink', mode: 0o644, size: body.length, mtime: 0, typeflag, link: '', gnu: true }),
    padded(body),
  ];
}

function padded(body: Buffer): Buffer {
  return Buffer.concat([body, padding(body.length)]);
}

interface HeaderFields {
  name: string;
  mode: number;
  size: number;
  mtime: number;
  typeflag: string;
  link: string;
  gnu: boolean;
}

function header(fields: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(fields.name, 0, 100, 'utf8');
  block.write(octal(fields.mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii'); // uid
  block.write(octal(0, 8), 116, 'ascii'); // gid
  writeSize(block, fields.size);
  block.write(octal(fields.mtime, 12), 136, 'ascii');
  block.write(' '.repeat(8), 148, 'ascii');
  block.write(fields.typeflag, 156, 'ascii');
  block.write(fields.link, 157, 100, 'utf8');
  block.write(fields.gnu ? 'ustar  \0' : 'ustar\u000000', 257, 'ascii');
  // uname and gname (265, 297) stay empty; device numbers are zero.
  block.write(octal(0, 8), 329, 'ascii');
  block.write(octal(0, 8), 337, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** Zero-padded octal ending in NUL, filling a field of `width` bytes. */
function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** Sizes of 8 GiB and more do not fit 11 octal digits: GNU base-256, which GNU tar, dpkg and tar-stream read. */
function writeSize(block: Buffer, size: number): void {
  if (size < 0o77777777777) {
    block.write(octal(size, 12), 124, 'ascii');
    return;
  }
  block[124] = 0x80;
  let rest = size;
  for (let i = 135; i > 124; i--) {
    block[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
}
