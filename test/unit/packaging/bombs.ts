import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';

/**
 * Archive bombs made of zeros, so they stay small on disk and cheap to make: a gzip stream of many
 * identical members (1 MiB of zeros compresses to about 1 KiB each) and a deflated zip entry.
 */
export const MiB = 1024 * 1024;

/** A ustar header block, written by hand so a test can make any entry type ('0' a file, 'x' pax records). */
export function tarHeader(name: string, size: number, typeflag = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('00000000000\0', 136, 'latin1');
  header.write(typeflag, 156, 'latin1');
  header.write('ustar\x0000', 257, 'latin1');
  header.fill(' ', 148, 156);
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

/** A tar.gz holding one file of `mib` MiB of zeros, built as concatenated gzip members so it costs almost nothing to make. */
export function zerosTarGz(mib: number): Buffer {
  const zeros = gzipSync(Buffer.alloc(MiB));
  return Buffer.concat([
    gzipSync(tarHeader('zeros.bin', mib * MiB)),
    ...Array.from({ length: mib }, () => zeros),
    gzipSync(Buffer.alloc(1024)),
  ]);
}

/** A zip holding one deflated entry of `mib` MiB of zeros. */
export async function zerosZip(mib: number): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addReadStream(
    Readable.from(
      (function* () {
        for (let i = 0; i < mib; i += 1) yield Buffer.alloc(MiB);
      })(),
    ),
    'zeros.bin',
    { mode: 0o100644, size: mib * MiB, compress: true },
  );
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
