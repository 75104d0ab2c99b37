import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { PassThrough } from 'node:stream';
import type { PackageEntry } from '../../../src/packaging/collect-files.js';
import { writeTarGz } from '../../../src/packaging/tar-gz.js';
import { writeZip } from '../../../src/packaging/zip.js';
import { packageArtefact, type ArtefactFormat, type PackageOptions } from '../../../src/packaging/package-artefact.js';
import { UserError } from '../../../src/runtime/errors.js';
import { cleanup, tempDir } from './sample-tree.js';

afterAll(cleanup);

const DEB = {
  package: 'demo',
  architecture: 'all',
  maintainer: 'Jane <jane@example.com>',
  depends: [],
  description: 'Demo',
  prefix: '/opt/demo',
};

/** A workspace holding `tree/` with one ordinary file, and a file beside it outside the tree. */
function workspace(): { root: string; tree: string } {
  const root = tempDir();
  const tree = path.join(root, 'tree');
  mkdirSync(tree);
  writeFileSync(path.join(tree, 'ok.txt'), 'ok\n');
  writeFileSync(path.join(root, 'outside.txt'), 'secret\n');
  return { root, tree };
}

const asRoot = (command: string, args: string[]) =>
  process.getuid?.() === 0 ? execFileSync(command, args) : execFileSync('sudo', ['-n', command, ...args]);

interface Case {
  /** Prepares the workspace and returns the options that must be refused. */
  setup: (ws: { root: string; tree: string }) => Partial<PackageOptions>;
  error: RegExp;
  format?: ArtefactFormat;
}

const cases: Record<string, Case> = {
  'a symlink pointing outside the tree': {
    setup: ({ tree }) => (symlinkSync('../outside.txt', path.join(tree, 'escape')), {}),
    error:
      /^Cannot package symlink '.*\/tree\/escape': it points to '\.\.\/outside\.txt', outside the packaged tree '.*\/tree'\. Copy the target into the tree or remove the link\.$/,
  },
  'an absolute symlink pointing outside the tree': {
    setup: ({ tree }) => (symlinkSync('/etc/hostname', path.join(tree, 'abs')), {}),
    error: /^Cannot package symlink '.*\/tree\/abs': it points to '\/etc\/hostname', outside the packaged tree/,
  },
  'a symlink that looks inside but leaves through another symlink': {
    setup: ({ tree }) => (
      symlinkSync('.', path.join(tree, 'here')),
      symlinkSync('here/../outside.txt', path.join(tree, 'sneaky')),
      {}
    ),
    error:
      /^Cannot package symlink '.*\/tree\/sneaky': it points to 'here\/\.\.\/outside\.txt', outside the packaged tree/,
  },
  'an absolute glob': {
    setup: ({ root }) => ({ cwd: root, path: `${root}/tree/*` }),
    error:
      /^Path pattern '\/.*\/tree\/\*' reaches outside the workspace; give a pattern relative to the workspace without '\.\.'\.$/,
  },
  'a glob with ..': {
    setup: ({ tree }) => ({ cwd: tree, path: '../*.txt' }),
    error: /^Path pattern '\.\.\/\*\.txt' reaches outside the workspace/,
  },
  'a FIFO': {
    setup: ({ tree }) => (execFileSync('mkfifo', [path.join(tree, 'pipe')]), {}),
    error:
      /^Cannot package '.*\/tree\/pipe': it is a FIFO \(named pipe\); only files, directories and symlinks can be packaged\. Remove it or exclude it with a '!pattern'\.$/,
  },
  'a socket': {
    setup: ({ tree }) => (
      execFileSync('python3', [
        '-c',
        'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])',
        path.join(tree, 'sock'),
      ]),
      {}
    ),
    error: /^Cannot package '.*\/tree\/sock': it is a socket; only files, directories and symlinks/,
  },
  'a device file': {
    setup: ({ tree }) => (asRoot('mknod', [path.join(tree, 'null'), 'c', '1', '3']), {}),
    error: /^Cannot package '.*\/tree\/null': it is a device file; only files, directories and symlinks/,
  },
  'a tree with no files, only empty directories': {
    setup: ({ root }) => (
      mkdirSync(path.join(root, 'empty/sub'), { recursive: true }),
      { path: path.join(root, 'empty') }
    ),
    error:
      /^Nothing to package: '.*\/empty' matched no files\. Check the path and that the build wrote its output there\.$/,
  },
  'globs matching nothing': {
    setup: ({ root }) => ({ cwd: root, path: 'dist/**\nbuild/*.js' }),
    error: /^Nothing to package: 'dist\/\*\*', 'build\/\*\.js' matched no files\./,
  },
  'a path that does not exist': {
    setup: ({ root }) => ({ cwd: root, path: 'no-such-dir' }),
    error: /^Nothing to package: 'no-such-dir' matched no files\./,
  },
  'a name with a backslash': {
    setup: ({ tree }) => (writeFileSync(path.join(tree, 'win\\path.txt'), ''), {}),
    error:
      /^Cannot package '.*\/tree\/win\\path\.txt': its name holds a backslash or line break, which archives cannot carry portably\. Rename it\.$/,
  },
  'a tree that already has BUILD-INFO.json': {
    setup: ({ tree }) => (writeFileSync(path.join(tree, 'BUILD-INFO.json'), '{}'), {}),
    error:
      /^The packaged tree already holds BUILD-INFO\.json; remove it, or set 'build-info: false' to package the tree as it is\.$/,
  },
  'an artefact name that is not a file name': {
    setup: () => ({ name: '../evil' }),
    error:
      /^Artefact name "\.\.\/evil" is not valid: use letters, digits, '\.', '_', '\+' and '-', starting with a letter or digit \(set 'name'\)\.$/,
  },
  'a Debian package name dpkg refuses': {
    setup: () => ({ deb: { ...DEB, package: 'My_App' } }),
    format: 'deb',
    error: /^Debian package name "My_App" is not valid: .* \(set 'deb-package'\)\.$/,
  },
  'a relative install prefix': {
    setup: () => ({ deb: { ...DEB, prefix: 'opt/../demo' } }),
    format: 'deb',
    error:
      /^Install prefix "opt\/\.\.\/demo" is not valid: give an absolute path without '\.' or '\.\.', e\.g\. \/opt\/app \(set 'deb-prefix'\)\.$/,
  },
};

test.each(Object.entries(cases))(
  'refuses %s with a clear error and leaves no artefact',
  async (_, { setup, error, format }) => {
    const ws = workspace();
    const outputDir = path.join(ws.root, 'out');
    mkdirSync(outputDir);
    const options: PackageOptions = {
      path: ws.tree,
      cwd: ws.root,
      name: 'demo',
      version: '1.0.0',
      format: format ?? 'tar.gz',
      outputDir,
      sourceDate: 1_700_000_000,
      buildInfo: {},
      deb: DEB,
      ...setup(ws),
    };
    const failure = await packageArtefact(options).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as Error).message).toMatch(error);
    expect(readdirSync(outputDir)).toEqual([]);
  },
);

test('an absolute symlink to a file inside the tree is kept, made relative', async () => {
  const ws = workspace();
  mkdirSync(path.join(ws.tree, 'bin'));
  symlinkSync(path.join(ws.tree, 'ok.txt'), path.join(ws.tree, 'bin/ok'));
  const result = await packageArtefact({
    path: ws.tree,
    cwd: ws.root,
    name: 'demo',
    version: '1.0.0',
    format: 'tar.gz',
    outputDir: tempDir(),
    sourceDate: 1_700_000_000,
    buildInfo: false,
  });
  expect(execFileSync('tar', ['-tvzf', result.file], { encoding: 'utf8' })).toMatch(/ bin\/ok -> \.\.\/ok\.txt\n/);
});

test.each([
  ['tar.gz', writeTarGz],
  ['zip', writeZip],
] as const)('%s: a file whose size changed after it was listed fails with a clear error', async (_, write) => {
  const ws = workspace();
  const entry: PackageEntry = {
    path: 'ok.txt',
    type: 'file',
    mode: 0o644,
    size: 10,
    source: path.join(ws.tree, 'ok.txt'),
  };
  const sink = new PassThrough().resume();
  await expect(write([entry], sink, { mtime: 1_700_000_000 })).rejects.toThrow(
    `File '${entry.source}' changed size while being packaged (10 bytes listed, 3 read); package a finished build.`,
  );
});
