import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import yazl from 'yazl';
import { afterAll, describe, expect, test } from 'vitest';
import { sha256File, verifyAndExtract } from '../../../src/packaging/extract.js';
import { FORMATS, packageArtefact } from '../../../src/packaging/package-artefact.js';
import { UserError } from '../../../src/runtime/errors.js';
import { cleanup, LONG_NAME, sampleTree, tempDir } from './sample-tree.js';

afterAll(cleanup);

const DEB = {
  package: 'demo',
  architecture: 'all',
  maintainer: 'Jane <jane@example.com>',
  depends: [],
  description: 'Demo',
  prefix: '/opt/demo',
};

type TarEntry = { name: string; type?: tarStream.Header['type']; linkname?: string; body?: string };

/** A tar.gz with exactly these entries, as a hostile archive would carry them. */
async function craftTarGz(entries: TarEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      pack.entry(
        {
          name: entry.name,
          type: entry.type ?? 'file',
          linkname: entry.linkname,
          mode: 0o644,
          devmajor: 1,
          devminor: 3,
        },
        entry.body ?? '',
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/**
 * A zip with these entries. yazl refuses unsafe names, so each is written under a placeholder of
 * the same length and the name bytes are replaced afterwards (names are not covered by the CRC).
 */
async function craftZip(entries: Array<{ name: string; body?: string; symlink?: boolean }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const placeholders = entries.map(
    (entry, i) => `${String(i).padStart(2, '0')}${'x'.repeat(Buffer.byteLength(entry.name) - 2)}`,
  );
  entries.forEach((entry, i) =>
    zip.addBuffer(Buffer.from(entry.body ?? ''), placeholders[i] ?? '', {
      mode: entry.symlink ? 0o120777 : 0o100644,
      compress: false,
    }),
  );
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  let bytes = Buffer.concat(chunks);
  entries.forEach((entry, i) => {
    bytes = Buffer.from(
      bytes
        .toString('latin1')
        .split(Buffer.from(placeholders[i] ?? '').toString('latin1'))
        .join(Buffer.from(entry.name).toString('latin1')),
      'latin1',
    );
  });
  return bytes;
}

async function artefactFile(bytes: Buffer, name: string): Promise<{ file: string; digest: string }> {
  const file = path.join(tempDir(), name);
  writeFileSync(file, bytes);
  return { file, digest: await sha256File(file) };
}

/** A directory holding `target/` (where extraction goes) and the places an escape would reach. */
function arena(): { root: string; target: string } {
  const root = tempDir();
  return { root, target: path.join(root, 'deep', 'target') };
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(UserError);
  return thrown as UserError;
}

describe.each(FORMATS)('a %s made by the package action', (format) => {
  test('is verified and extracted whole: names, modes, symlinks, empty directories', async () => {
    const result = await packageArtefact({
      path: sampleTree(),
      cwd: '/',
      name: 'demo',
      version: '1.0.0',
      format,
      outputDir: tempDir(),
      sourceDate: 1_700_000_000,
      buildInfo: false,
      deb: DEB,
    });
    const target = path.join(tempDir(), 'release');
    const extracted = await verifyAndExtract({ file: result.file, expectedDigest: result.digest, targetDir: target });
    expect(extracted).toEqual({ digest: result.digest, files: 6 });
    const root = format === 'deb' ? path.join(target, 'opt/demo') : target;
    expect(readFileSync(path.join(root, LONG_NAME), 'utf8')).toBe('long\n');
    expect(readFileSync(path.join(root, 'docs/ünïcødé-名前.txt'), 'utf8')).toBe('unicode\n');
    expect(lstatSync(path.join(root, 'bin/run')).mode & 0o777).toBe(0o755);
    expect(lstatSync(path.join(root, 'lib/app.js')).mode & 0o777).toBe(0o644);
    expect(readlinkSync(path.join(root, 'bin/app-link'))).toBe('../lib/app.js');
    expect(readdirSync(path.join(root, 'empty'))).toEqual(['nested']);
  });
});

describe('the digest check', () => {
  test('a file that does not match its digest is not extracted at all, and both digests are named', async () => {
    const { file, digest } = await artefactFile(await craftTarGz([{ name: 'app.js', body: 'x' }]), 'app.tar.gz');
    const { target } = arena();
    const wrong = `sha256:${'0'.repeat(64)}`;
    const error = await refusal(verifyAndExtract({ file, expectedDigest: wrong, targetDir: target }));
    expect(error.message).toBe(
      `Artefact '${file}' does not match its digest: expected ${wrong}, got ${digest}; nothing was extracted. Use the artefact the digest was recorded for.`,
    );
    expect(existsSync(target)).toBe(false);
  });

  test('a digest not in sha256:<hex> form is refused before reading anything', async () => {
    const error = await refusal(
      verifyAndExtract({ file: '/nonexistent', expectedDigest: 'md5:abc', targetDir: tempDir() }),
    );
    expect(error.message).toBe(
      `Expected digest "md5:abc" is not valid: give 'sha256:' followed by 64 hex digits, as the package action's 'digest' output.`,
    );
  });

  test('a target that is a file is refused with a one-line error', async () => {
    const { file, digest } = await artefactFile(await craftTarGz([{ name: 'app.js', body: 'x' }]), 'app.tar.gz');
    const target = path.join(tempDir(), 'taken');
    writeFileSync(target, '');
    const error = await refusal(verifyAndExtract({ file, expectedDigest: digest, targetDir: target }));
    expect(error.message).toBe(`Cannot create target directory '${target}': EEXIST; nothing was extracted.`);
  });

  test('sha256File agrees with sha256sum', async () => {
    const { file, digest } = await artefactFile(Buffer.from('hello\n'), 'hello.txt');
    expect(digest).toBe(`sha256:${execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]}`);
  });

  test('content that is not an archive is refused after the digest matches', async () => {
    const { file, digest } = await artefactFile(Buffer.from('just text'), 'notes.txt');
    const error = await refusal(verifyAndExtract({ file, expectedDigest: digest, targetDir: tempDir() }));
    expect(error.message).toMatch(
      /^Artefact '.*notes\.txt' is not a tar\.gz, zip or Debian package \(its first bytes are 6a75737420746578\)\.$/,
    );
  });
});

interface Hostile {
  tar?: TarEntry[];
  zip?: Array<{ name: string; body?: string; symlink?: boolean }>;
  /** The entry the error must name, and why. */
  error: RegExp;
  /** Paths relative to the arena root that must not exist afterwards. */
  untouched: string[];
}

const hostile: Record<string, Hostile> = {
  'tar: a ../ entry (tar-slip)': {
    tar: [
      { name: 'ok.txt', body: 'ok' },
      { name: '../../escaped.txt', body: 'pwned' },
    ],
    error: /entry "\.\.\/\.\.\/escaped\.txt" has a '\.\.' segment that would leave the target directory/,
    untouched: ['escaped.txt', 'deep/escaped.txt'],
  },
  'tar: an absolute entry': {
    tar: [{ name: '/tmp/slipway-absolute-escape.txt', body: 'pwned' }],
    error: /entry "\/tmp\/slipway-absolute-escape\.txt" has an absolute path/,
    untouched: ['/tmp/slipway-absolute-escape.txt'],
  },
  'tar: a symlink out, then a file through it': {
    tar: [
      { name: 'out', type: 'symlink', linkname: '../..' },
      { name: 'out/escaped.txt', body: 'pwned' },
    ],
    error: /entry "out" is a symlink to "\.\.\/\.\.", outside the target directory/,
    untouched: ['escaped.txt'],
  },
  'tar: a symlink inside, then a file written through it': {
    tar: [
      { name: 'sub/', type: 'directory' },
      { name: 'link', type: 'symlink', linkname: 'sub' },
      { name: 'link/file.txt', body: 'x' },
    ],
    error: /entry "link\/file\.txt" would be written through the symlink 'link'/,
    untouched: [],
  },
  'tar: a symlink, then a file of the same name': {
    tar: [
      { name: 'app.js', type: 'symlink', linkname: 'other.js' },
      { name: 'app.js', body: 'overwrite' },
    ],
    error: /entry "app\.js" would overwrite something already extracted or present in the target/,
    untouched: [],
  },
  'tar: a symlink chain that only leaves when followed': {
    tar: [
      { name: 'here', type: 'symlink', linkname: '.' },
      { name: 'sneaky', type: 'symlink', linkname: 'here/../escaped.txt' },
    ],
    error: /entry "sneaky" is a symlink that leads outside the target directory through other symlinks/,
    untouched: [],
  },
  'tar: a device file': {
    tar: [{ name: 'null', type: 'character-device' }],
    error: /entry "null" is a character-device, not a file, directory or symlink/,
    untouched: [],
  },
  'tar: a hard link': {
    tar: [
      { name: 'a.txt', body: 'a' },
      { name: 'b.txt', type: 'link', linkname: '/etc/passwd' },
    ],
    error: /entry "b\.txt" is a hard link/,
    untouched: [],
  },
  'zip: a ../ entry (zip-slip)': {
    zip: [
      { name: 'ok.txt', body: 'ok' },
      { name: '../../escaped.txt', body: 'pwned' },
    ],
    error: /entry "\.\.\/\.\.\/escaped\.txt" has a '\.\.' segment that would leave the target directory/,
    untouched: ['escaped.txt'],
  },
  'zip: a Windows-style ..\\ entry (read as / like yauzl does)': {
    zip: [{ name: '..\\..\\escaped.txt', body: 'pwned' }],
    error: /entry "\.\.\/\.\.\/escaped\.txt" has a '\.\.' segment that would leave the target directory/,
    untouched: ['escaped.txt'],
  },
  'zip: an absolute entry': {
    zip: [{ name: '/tmp/slipway-zip-absolute.txt', body: 'pwned' }],
    error: /entry "\/tmp\/slipway-zip-absolute\.txt" has an absolute path/,
    untouched: ['/tmp/slipway-zip-absolute.txt'],
  },
  'zip: a symlink out, then a file through it': {
    zip: [
      { name: 'out', body: '../..', symlink: true },
      { name: 'out/escaped.txt', body: 'pwned' },
    ],
    error: /entry "out" is a symlink to "\.\.\/\.\.", outside the target directory/,
    untouched: ['escaped.txt'],
  },
  'zip: a symlink inside, then a file written through it': {
    zip: [{ name: 'sub/' }, { name: 'link', body: 'sub', symlink: true }, { name: 'link/file.txt', body: 'x' }],
    error: /entry "link\/file\.txt" would be written through the symlink 'link'/,
    untouched: [],
  },
};

test.each(Object.entries(hostile))(
  'refuses %s, naming the entry, and leaves nothing extracted',
  async (_, { tar, zip, error, untouched }) => {
    const bytes = tar ? await craftTarGz(tar) : await craftZip(zip ?? []);
    const { file, digest } = await artefactFile(bytes, tar ? 'hostile.tar.gz' : 'hostile.zip');
    const { root, target } = arena();
    const refused = await refusal(verifyAndExtract({ file, expectedDigest: digest, targetDir: target }));
    expect(refused.message).toMatch(/^Refusing to extract '.*hostile\.(tar\.gz|zip)': entry /);
    expect(refused.message).toMatch(error);
    expect(refused.message).toMatch(/; nothing was extracted\.$/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
    for (const place of untouched) expect(existsSync(path.resolve(root, place))).toBe(false);
  },
);

test('a .deb whose data.tar.gz holds a ../ entry is refused too', async () => {
  const data = await craftTarGz([
    { name: './opt/', type: 'directory' },
    { name: './opt/../../escaped.txt', body: 'pwned' },
  ]);
  const member = (name: string, body: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(body.length).padEnd(10)}\`\n`,
      ),
      body,
      Buffer.alloc(body.length % 2, '\n'),
    ]);
  const deb = Buffer.concat([
    Buffer.from('!<arch>\n'),
    member('debian-binary', Buffer.from('2.0\n')),
    member('control.tar.gz', await craftTarGz([{ name: './control', body: 'Package: x\n' }])),
    member('data.tar.gz', data),
  ]);
  const { file, digest } = await artefactFile(deb, 'hostile.deb');
  const { root, target } = arena();
  const refused = await refusal(verifyAndExtract({ file, expectedDigest: digest, targetDir: target }));
  expect(refused.message).toMatch(/entry "\.\/opt\/\.\.\/\.\.\/escaped\.txt" has a '\.\.' segment/);
  expect(readdirSync(root)).toEqual([]);
});

test('an existing target directory keeps what it had when a refusal undoes the extraction', async () => {
  const { file, digest } = await artefactFile(
    await craftTarGz([
      { name: 'new.txt', body: 'new' },
      { name: 'keep.txt', body: 'overwrite' },
    ]),
    'clash.tar.gz',
  );
  const target = tempDir();
  writeFileSync(path.join(target, 'keep.txt'), 'mine');
  const refused = await refusal(verifyAndExtract({ file, expectedDigest: digest, targetDir: target }));
  expect(refused.message).toMatch(
    /entry "keep\.txt" would overwrite something already extracted or present in the target/,
  );
  expect(readdirSync(target)).toEqual(['keep.txt']);
  expect(readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('mine');
});
