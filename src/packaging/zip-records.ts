/**
 * The records of a zip (APPNOTE 6.3), laid out as yazl and Info-ZIP write them: UTF-8 names, Unix
 * modes, DOS time plus the Info-ZIP UTC timestamp in the central directory, a data descriptor only
 * for entries whose compressed size was not known when their header was written, and ZIP64 fields
 * only where a size or offset needs them.
 */
export interface ZipRecord {
  name: Buffer;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the local header starts. */
  offset: number;
  /** Unix mode with the file type bits (S_IFREG, S_IFDIR, S_IFLNK). */
  mode: number;
  /** Sizes and CRC follow the data in a data descriptor (general purpose bit 3). */
  streamed: boolean;
}

export interface ZipTime {
  dosTime: number;
  dosDate: number;
  /** Seconds since 1970 for the Info-ZIP timestamp. */
  unix: number;
}

const UTF8_NAME = 1 << 11;
const DATA_DESCRIPTOR = 1 << 3;
const VERSION_NEEDED = 20;
const VERSION_NEEDED_ZIP64 = 45;
/** Unix, spec 6.3. */
const VERSION_MADE_BY = (3 << 8) | 63;
const MAX32 = 0xffffffff;

/** DOS date and time from the fields of `date` as its getters give them (see zipDate). */
export function zipTime(date: Date): ZipTime {
  const unix = Math.min(Math.max(Math.floor(date.getTime() / 1000), -0x80000000), 0x7fffffff);
  return {
    dosDate:
      (date.getDate() & 0x1f) | (((date.getMonth() + 1) & 0xf) << 5) | (((date.getFullYear() - 1980) & 0x7f) << 9),
    dosTime: Math.floor(date.getSeconds() / 2) | ((date.getMinutes() & 0x3f) << 5) | ((date.getHours() & 0x1f) << 11),
    unix,
  };
}

function needsZip64(record: ZipRecord): boolean {
  return record.size > 0xfffffffe || record.compressedSize > 0xfffffffe || record.offset > 0xfffffffe;
}

function flags(record: ZipRecord): number {
  return record.streamed ? UTF8_NAME | DATA_DESCRIPTOR : UTF8_NAME;
}

/** The local file header; a streamed entry's CRC and sizes are left 0 for its data descriptor. */
export function localHeader(record: ZipRecord, time: ZipTime): Buffer {
  const header = Buffer.alloc(30 + record.name.length);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(flags(record), 6);
  header.writeUInt16LE(record.method, 8);
  header.writeUInt16LE(time.dosTime, 10);
  header.writeUInt16LE(time.dosDate, 12);
  if (!record.streamed) {
    header.writeUInt32LE(record.crc >>> 0, 14);
    header.writeUInt32LE(record.compressedSize, 18);
    header.writeUInt32LE(record.size, 22);
  }
  header.writeUInt16LE(record.name.length, 26);
  header.writeUInt16LE(0, 28);
  record.name.copy(header, 30);
  return header;
}

/** What follows a streamed entry's data: CRC and sizes, 64-bit sizes when the entry needs ZIP64. */
export function dataDescriptor(record: ZipRecord): Buffer {
  const zip64 = needsZip64(record);
  const descriptor = Buffer.alloc(zip64 ? 24 : 16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(record.crc >>> 0, 4);
  if (zip64) {
    descriptor.writeBigUInt64LE(BigInt(record.compressedSize), 8);
    descriptor.writeBigUInt64LE(BigInt(record.size), 16);
  } else {
    descriptor.writeUInt32LE(record.compressedSize, 8);
    descriptor.writeUInt32LE(record.size, 12);
  }
  return descriptor;
}

/** The entry's record in the central directory. */
export function centralRecord(record: ZipRecord, time: ZipTime): Buffer {
  const zip64 = needsZip64(record);
  const extra = zip64 ? 9 + 28 : 9;
  const out = Buffer.alloc(46 + record.name.length + extra);
  out.writeUInt32LE(0x02014b50, 0);
  out.writeUInt16LE(VERSION_MADE_BY, 4);
  out.writeUInt16LE(zip64 ? VERSION_NEEDED_ZIP64 : VERSION_NEEDED, 6);
  out.writeUInt16LE(flags(record), 8);
  out.writeUInt16LE(record.method, 10);
  out.writeUInt16LE(time.dosTime, 12);
  out.writeUInt16LE(time.dosDate, 14);
  out.writeUInt32LE(record.crc >>> 0, 16);
  out.writeUInt32LE(zip64 ? MAX32 : record.compressedSize, 20);
  out.writeUInt32LE(zip64 ? MAX32 : record.size, 24);
  out.writeUInt16LE(record.name.length, 28);
  out.writeUInt16LE(extra, 30);
  // comment length, disk number, internal attributes: 0
  out.writeUInt32LE((record.mode << 16) >>> 0, 38);
  out.writeUInt32LE(zip64 ? MAX32 : record.offset, 42);
  let at = 46 + record.name.copy(out, 46);
  // Info-ZIP universal timestamp: mtime flag and (as Info-ZIP does) atime flag, mtime only.
  at = out.writeUInt16LE(0x5455, at);
  at = out.writeUInt16LE(5, at);
  at = out.writeUInt8(0b11, at);
  at = out.writeInt32LE(time.unix, at);
  if (zip64) {
    at = out.writeUInt16LE(0x0001, at);
    at = out.writeUInt16LE(24, at);
    at = out.writeBigUInt64LE(BigInt(record.size), at);
    at = out.writeBigUInt64LE(BigInt(record.compressedSize), at);
    out.writeBigUInt64LE(BigInt(record.offset), at);
  }
  return out;
}

/** The end of the central directory, preceded by the ZIP64 record and locator when a count or offset needs them. */
export function endOfCentralDirectory(entries: number, start: number, size: number): Buffer {
  const zip64 = entries >= 0xffff || size >= MAX32 || start >= MAX32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries, 0xffff), 10);
  end.writeUInt32LE(Math.min(size, MAX32), 12);
  end.writeUInt32LE(Math.min(start, MAX32), 16);
  if (!zip64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(VERSION_MADE_BY, 12);
  record.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(entries), 24);
  record.writeBigUInt64LE(BigInt(entries), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(start), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(start + size), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}
