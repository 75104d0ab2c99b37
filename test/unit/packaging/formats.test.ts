import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  packageArtefact,
  type ArtefactFormat,
  type PackageOptions,
  type PackageResult,
} from '../../../src/packaging/package-artefact.js';
import { END_OF_ARCHIVE, entryHeader } from '../../../src/packaging/tar-header.js';
import { cleanup, LONG_NAME, sampleTree, tempDir } from './sample-tree.js';

const SOURCE_DATE = 1_700_000_000; // 2023-11-14 22:13:20 UTC
const UTC = { ...process.env, TZ: 'UTC', LC_ALL: 'C.UTF-8' };
const run = (command: string, args: string[], cwd?: string) =>
  execFileSync(command, args, { env: UTC, cwd, encoding: 'utf8' });

const DEB = {
  package: 'demo-app',
  architecture: 'all',
  maintainer: 'Jane Doe <jane@example.com>',
  depends: ['libc6 (>= 2.31)', 'tzdata'],
  description: 'Demo application\nIt does demo things.\n\nReally.',
  prefix: '/opt/demo',
};

function options(tree: string, format: ArtefactFormat, extra: Partial<PackageOptions> = {}): PackageOptions {
  return {
    path: tree,
    cwd: '/',
    name: 'demo',
    version: '1.2.3',
    format,
    outputDir: tempDir(),
    sourceDate: SOURCE_DATE,
    buildInfo: {
      commit: 'a'.repeat(40),
      ref: 'refs/tags/v1.2.3',
      repository: 'octo/demo',
      runUrl: 'https://github.com/octo/demo/actions/runs/7',
    },
    deb: DEB,
    ...extra,
  };
}

/** The listed tree, as `tar -tv` shows it, without the prefix a format adds. */
const EXPECTED_PATHS = [
  'BUILD-INFO.json',
  'bin/',
  'bin/app-link',
  'bin/run',
  'data/',
  'data/kb.bin',
  ...LONG_NAME.split('/')
    .slice(0, -1)
    .map((_, i, parts) => `${parts.slice(0, i + 1).join('/')}/`),
  LONG_NAME,
  'docs/',
  'docs/read me.txt',
  'docs/ünïcødé-名前.txt',
  'empty/',
  'empty/nested/',
  'lib/',
  'lib/app.js',
];

afterAll(cleanup);

describe('tar.gz, checked with GNU tar', () => {
  let result: PackageResult;
  let listing: string[];
  beforeAll(async () => {
    result = await packageArtefact(options(sampleTree(), 'tar.gz'));
    listing = run('tar', ['-tvzf', result.file]).trim().split('\n');
  });

  test('lists every entry in byte order, root-owned, at the source date, with normalised modes', () => {
    const names = listing.map((line) => line.replace(/^(\S+\s+){5}/, '').replace(/ -> .*$/, ''));
    expect(names).toEqual(EXPECTED_PATHS);
    for (const line of listing) expect(line).toMatch(/^\S+ 0\/0\s+\d+ 2023-11-14 22:13 /);
    const mode = (name: string) =>
      listing.find((line) => line.endsWith(` ${name}`) || line.includes(` ${name} -> `))?.split(' ')[0];
    expect(mode('bin/run')).toBe('-rwxr-xr-x');
    expect(mode('lib/app.js')).toBe('-rw-r--r--');
    expect(mode('empty/nested/')).toBe('drwxr-xr-x');
    expect(listing.find((line) => line.includes('bin/app-link'))).toMatch(
      /^lrwxrwxrwx .* bin\/app-link -> \.\.\/lib\/app\.js$/,
    );
  });

  test('extracts with GNU tar to the same files, the long and Unicode names intact', () => {
    const into = tempDir();
    run('tar', ['-xzf', result.file, '-C', into]);
    expect(readFileSync(path.join(into, LONG_NAME), 'utf8')).toBe('long\n');
    expect(readFileSync(path.join(into, 'docs/ünïcødé-名前.txt'), 'utf8')).toBe('unicode\n');
    expect(readlinkSync(path.join(into, 'bin/app-link'))).toBe('../lib/app.js');
    expect(lstatSync(path.join(into, 'empty/nested')).isDirectory()).toBe(true);
  });

  test('carries the long and Unicode names in PAX extended headers', () => {
    const tar = execFileSync('gzip', ['-dc', result.file]).toString('latin1');
    expect(tar).toContain(Buffer.from(` path=${LONG_NAME}\n`).toString('latin1'));
    expect(tar).toContain(Buffer.from(' path=docs/ünïcødé-名前.txt\n').toString('latin1'));
  });

  test('has a gzip header without a file name or time, OS byte fixed to Unix', () => {
    const head = readFileSync(result.file).subarray(0, 10);
    expect([...head.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // FLG 0: no FNAME
    expect(head.readUInt32LE(4)).toBe(0);
    expect(head[9]).toBe(3);
  });

  test('carries BUILD-INFO.json with the build facts and the source date', () => {
    const info = JSON.parse(run('tar', ['-xzOf', result.file, 'BUILD-INFO.json'])) as Record<string, unknown>;
    expect(info).toEqual({
      name: 'demo',
      version: '1.2.3',
      commit: 'a'.repeat(40),
      ref: 'refs/tags/v1.2.3',
      repository: 'octo/demo',
      runUrl: 'https://github.com/octo/demo/actions/runs/7',
      sourceDate: '2023-11-14T22:13:20.000Z',
    });
  });

  test('reports the digest and size sha256sum and stat see, and writes SHA256SUMS beside it', () => {
    const [hex] = run('sha256sum', [result.file]).split(' ');
    expect(result.digest).toBe(`sha256:${hex}`);
    expect(result.size).toBe(readFileSync(result.file).length);
    expect(path.basename(result.file)).toBe('demo-1.2.3.tar.gz');
    expect(run('sha256sum', ['-c', 'SHA256SUMS'], path.dirname(result.file))).toBe('demo-1.2.3.tar.gz: OK\n');
    expect(result.files).toBe(7);
  });

  test('writes a manifest with every entry, its size, mode and the sha256 of each file', () => {
    const manifest = JSON.parse(readFileSync(result.manifest, 'utf8')) as {
      digest: string;
      files: Array<{ path: string; size: number; mode: string; sha256?: string; target?: string }>;
    };
    expect(manifest.digest).toBe(result.digest);
    expect(manifest.files.map((file) => file.path + (file.sha256 || file.target ? '' : '/'))).toEqual(EXPECTED_PATHS);
    const kb = manifest.files.find((file) => file.path === 'data/kb.bin');
    expect(kb).toEqual({
      path: 'data/kb.bin',
      type: 'file',
      size: 1025,
      mode: '0644',
      sha256: run('sha256sum', [path.join(sampleTree(), 'data/kb.bin')]).split(' ')[0],
    });
    expect(manifest.files.find((file) => file.path === 'bin/run')?.mode).toBe('0755');
    expect(manifest.files.find((file) => file.path === 'bin/app-link')?.target).toBe('../lib/app.js');
  });
});

test.each(['pax', 'gnu'] as const)(
  '%s headers: a file of 8 GiB or more gets a base-256 size GNU tar reads',
  (longNames) => {
    const size = 9 * 1024 ** 3;
    const header = entryHeader({ path: 'huge.bin', type: 'file', mode: 0o644, size }, SOURCE_DATE, longNames);
    const file = path.join(tempDir(), 'huge.tar');
    writeFileSync(file, Buffer.concat([header, END_OF_ARCHIVE]));
    // Only the header is there, so tar lists the entry and then reports the missing content.
    const listing = spawnSync('tar', ['-tvf', file], { env: UTC, encoding: 'utf8' }).stdout;
    expect(listing).toMatch(new RegExp(`^-rw-r--r-- 0/0 +${size} 2023-11-14 22:13 huge\\.bin\\n$`));
  },
);

describe('zip, checked with Info-ZIP unzip', () => {
  let result: PackageResult;
  beforeAll(async () => {
    result = await packageArtefact(options(sampleTree(), 'zip'));
  });

  test('passes unzip -t', () => {
    expect(run('unzip', ['-t', result.file])).toContain('No errors detected in compressed data');
  });

  test('lists every entry in byte order with Unix modes and the source date', () => {
    const lines = run('unzip', ['-Z', '-T', result.file])
      .trim()
      .split('\n')
      .filter((line) => /^[-dl][-r]/.test(line));
    expect(lines.map((line) => line.replace(/^(\S+\s+){7}/, ''))).toEqual(EXPECTED_PATHS);
    for (const line of lines) expect(line).toMatch(/ unx .* 20231114\.2213(20|21) /);
    expect(lines.find((line) => line.endsWith(' bin/run'))).toMatch(/^-rwxr-xr-x /);
    expect(lines.find((line) => line.endsWith(' lib/app.js'))).toMatch(/^-rw-r--r-- /);
    expect(lines.find((line) => line.endsWith(' bin/app-link'))).toMatch(/^lrwxrwxrwx /);
  });

  test('extracts with unzip to the same files, the symlink as a symlink', () => {
    const into = tempDir();
    run('unzip', ['-q', result.file, '-d', into]);
    expect(readFileSync(path.join(into, LONG_NAME), 'utf8')).toBe('long\n');
    expect(readFileSync(path.join(into, 'docs/ünïcødé-名前.txt'), 'utf8')).toBe('unicode\n');
    expect(readlinkSync(path.join(into, 'bin/app-link'))).toBe('../lib/app.js');
    expect(existsSync(path.join(into, 'empty/nested'))).toBe(true);
  });
});

describe('deb, checked with dpkg-deb', () => {
  let result: PackageResult;
  beforeAll(async () => {
    result = await packageArtefact(options(sampleTree(), 'deb'));
  });

  test('is named as Debian tools expect and shows the declared control fields', () => {
    expect(path.basename(result.file)).toBe('demo-app_1.2.3_all.deb');
    const info = run('dpkg-deb', ['--info', result.file]);
    expect(info).toContain(' Package: demo-app\n');
    expect(info).toContain(' Version: 1.2.3\n');
    expect(info).toContain(' Architecture: all\n');
    expect(info).toContain(' Maintainer: Jane Doe <jane@example.com>\n');
    expect(info).toContain(' Depends: libc6 (>= 2.31), tzdata\n');
    expect(info).toContain(' Description: Demo application\n  It does demo things.\n  .\n  Really.\n');
    expect(run('dpkg-deb', ['--field', result.file, 'Package', 'Version'])).toBe('Package: demo-app\nVersion: 1.2.3\n');
  });

  test('declares Installed-Size as dpkg-gencontrol counts it: whole KiB per file, 1 per directory and symlink', () => {
    // files: BUILD-INFO 1, run 1, kb.bin (1025 B) 2, long 1, read me 1, unicode 1, app.js 1 = 8;
    // directories ./, opt, opt/demo, bin, data, 6 deep, docs, empty, empty/nested, lib = 15; symlink 1.
    expect(run('dpkg-deb', ['--field', result.file, 'Installed-Size'])).toBe('24\n');
  });

  test('lists the files under deb-prefix', () => {
    const names = run('dpkg-deb', ['--contents', result.file])
      .trim()
      .split('\n')
      .map((line) => line.replace(/^(\S+\s+){5}/, '').replace(/ -> .*$/, ''));
    expect(names).toEqual(['./', './opt/', './opt/demo/', ...EXPECTED_PATHS.map((name) => `./opt/demo/${name}`)]);
  });

  test('installs with dpkg-deb -x to deb-prefix, and its md5sums verify the installed files', () => {
    const root = tempDir();
    run('dpkg-deb', ['-x', result.file, root]);
    expect(readFileSync(path.join(root, 'opt/demo/bin/run'), 'utf8')).toBe('#!/bin/sh\necho run\n');
    expect(lstatSync(path.join(root, 'opt/demo/bin/run')).mode & 0o777).toBe(0o755);
    expect(readlinkSync(path.join(root, 'opt/demo/bin/app-link'))).toBe('../lib/app.js');
    const control = tempDir();
    run('dpkg-deb', ['-e', result.file, control]);
    const sums = run('md5sum', ['-c', path.join(control, 'md5sums')], root);
    expect(sums.trim().split('\n')).toHaveLength(7);
    expect(sums).not.toMatch(/FAILED/);
  });

  test('installs with dpkg --root into a temporary root', () => {
    const root = tempDir();
    for (const dir of ['var/lib/dpkg/updates', 'var/lib/dpkg/info', 'var/lib/dpkg/triggers'])
      execFileSync('mkdir', ['-p', path.join(root, dir)]);
    execFileSync('touch', [path.join(root, 'var/lib/dpkg/status')]);
    run('dpkg', [
      '--root',
      root,
      '--force-not-root',
      '--force-depends',
      '--force-script-chrootless',
      '--log=/dev/null',
      '-i',
      result.file,
    ]);
    expect(readFileSync(path.join(root, 'opt/demo/lib/app.js'), 'utf8')).toBe('console.log("app")\n');
    expect(run('dpkg', ['--root', root, '-s', 'demo-app'])).toMatch(/Status: install ok installed/);
  });

  test('turns a semantic pre-release into a Debian version that sorts before the release', async () => {
    const pre = await packageArtefact(options(sampleTree(), 'deb', { version: '2.0.0-rc.1+build.5' }));
    expect(run('dpkg-deb', ['--field', pre.file, 'Version'])).toBe('2.0.0~rc.1+build.5\n');
    execFileSync('dpkg', ['--compare-versions', '2.0.0~rc.1+build.5', 'lt', '2.0.0']);
  });
});

describe('what is packaged', () => {
  test('globs keep their paths, include everything under a matched directory, and honour !exclusions', async () => {
    const workspace = sampleTree();
    const result = await packageArtefact(
      options('bin\ndocs/*.txt\n!docs/read me.txt', 'tar.gz', {
        cwd: workspace,
        path: 'bin\ndocs/*.txt\n!docs/read me.txt',
        buildInfo: false,
      }),
    );
    const names = run('tar', ['-tzf', result.file]).trim().split('\n');
    expect(names).toEqual(['bin/', 'bin/app-link', 'bin/run', 'docs/', 'docs/ünïcødé-名前.txt']);
  });

  test('an output directory inside the packaged tree is left out, so a re-run does not package earlier artefacts', async () => {
    const tree = sampleTree();
    const outputDir = path.join(tree, 'out');
    await packageArtefact(options(tree, 'tar.gz', { outputDir, buildInfo: false }));
    const again = await packageArtefact(options(tree, 'tar.gz', { outputDir, buildInfo: false, version: '1.2.4' }));
    expect(run('tar', ['-tzf', again.file])).not.toMatch(/^out\//m);
    expect(again.files).toBe(6);
  });

  test('a directory given through a symlink is packaged as that directory', async () => {
    const tree = sampleTree();
    const link = path.join(tempDir(), 'build');
    symlinkSync(tree, link);
    const result = await packageArtefact(options(link, 'tar.gz', { buildInfo: false }));
    expect(run('tar', ['-tzf', result.file])).toContain('bin/run\n');
  });

  test('build-info false leaves BUILD-INFO.json out', async () => {
    const result = await packageArtefact(options(sampleTree(), 'zip', { buildInfo: false }));
    expect(run('unzip', ['-Z1', result.file])).not.toContain('BUILD-INFO.json');
    expect(result.files).toBe(6);
  });

  test('SHA256SUMS keeps one line per artefact written to the same directory', async () => {
    const outputDir = tempDir();
    const tree = sampleTree();
    await packageArtefact(options(tree, 'tar.gz', { outputDir }));
    await packageArtefact(options(tree, 'zip', { outputDir }));
    await packageArtefact(options(tree, 'zip', { outputDir }));
    expect(run('sha256sum', ['-c', 'SHA256SUMS'], outputDir)).toBe('demo-1.2.3.tar.gz: OK\ndemo-1.2.3.zip: OK\n');
  });
});
