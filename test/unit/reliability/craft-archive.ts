import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readlinkSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import yazl from 'yazl';

/** One archive member as a hostile archive would carry it, whatever a well-behaved packer allows. */
export interface Member {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';
  linkname?: string;
  body?: string;
}

/** A tar.gz holding exactly these members, in this order. */
export async function craftTarGz(members: Member[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const member of members) {
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: member.name,
        type: member.type ?? 'file',
        linkname: member.linkname,
        mode: member.type === 'directory' ? 0o755 : 0o644,
        devmajor: 1,
        devminor: 3,
      };
      const callback = (error?: Error | null) => (error ? reject(error) : resolve());
      if (header.type === 'file') pack.entry(header, member.body ?? '', callback);
      else pack.entry(header, callback);
    });
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

const ZIP_KIND: Record<NonNullable<Member['type']>, number> = {
  'file': 0o100644,
  'directory': 0o040755,
  'symlink': 0o120777,
  'link': 0o100644,
  'character-device': 0o020644,
  'block-device': 0o060644,
  'fifo': 0o010644,
};

/**
 * A zip holding these members. yazl refuses unsafe names, so each is written under a placeholder
 * of the same byte length and the name bytes are swapped afterwards (names are outside the CRC).
 * A symlink's target is its content, as Info-ZIP stores it.
 */
export async function craftZip(members: Member[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const placeholders = members.map(
    (member, i) => `${String(i).padStart(2, '0')}${'q'.repeat(Math.max(0, Buffer.byteLength(member.name) - 2))}`,
  );
  members.forEach((member, i) => {
    const content = member.type === 'symlink' ? (member.linkname ?? '') : (member.body ?? '');
    zip.addBuffer(Buffer.from(content), placeholders[i]!, { mode: ZIP_KIND[member.type ?? 'file'], compress: false });
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  let latin1 = Buffer.concat(chunks).toString('latin1');
  members.forEach((member, i) => {
    latin1 = latin1
      .split(Buffer.from(placeholders[i]!).toString('latin1'))
      .join(Buffer.from(member.name).toString('latin1'));
  });
  return Buffer.from(latin1, 'latin1');
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Every path under `dir` with what it is and holds (file content hash, link target, mode), so that
 * a test can show a directory was left exactly as it was.
 */
export function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string, prefix: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      const path = `${prefix}${name}`;
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) result[path] = `link -> ${readlinkSync(full)}`;
      else if (stats.isDirectory()) {
        result[path] = `dir ${(stats.mode & 0o777).toString(8)}`;
        walk(full, `${path}/`);
      } else
        result[path] =
          `file ${(stats.mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 16)}`;
    }
  };
  walk(dir, '');
  return result;
}
