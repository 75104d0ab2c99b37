import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirTarget } from '../../../src/promotion/dir-target.js';
import { releaseName } from '../../../src/promotion/release-target.js';
import { parseTarget } from '../../../src/promotion/release-target.js';
import { DIGEST_A } from './entries.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'slipway-dir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const fill = (version: string) => async (dir: string) => {
  await writeFile(join(dir, 'version.txt'), version);
};

describe('DirTarget', () => {
  it('names releases <version>-<digest12> and parses dir: targets', () => {
    expect(releaseName('1.2.3', DIGEST_A)).toBe('1.2.3-aaaaaaaaaaaa');
    expect(releaseName('1.2.3/../x', DIGEST_A)).toBe('1.2.3_.._x-aaaaaaaaaaaa');
    expect(parseTarget('dir:/srv/app')).toEqual({ kind: 'dir', path: '/srv/app' });
    expect(parseTarget(undefined)).toBeUndefined();
    expect(() => parseTarget('s3://bucket')).toThrow('expected `dir:<path>`');
  });

  it('replaces a state file atomically, leaves no temporary file, and refuses a path', async () => {
    const target = new DirTarget(root);
    expect(await target.readFile('flags.json')).toBeUndefined();
    await target.writeFile('flags.json', '{"a":1}');
    await target.writeFile('flags.json', '{"a":2}');
    expect(await target.readFile('flags.json')).toBe('{"a":2}');
    expect(await readdir(root)).toEqual(['flags.json']);
    await expect(target.writeFile('../escape.json', 'x')).rejects.toThrow('not a plain file name');
    expect(target.description).toBe(`dir:${root}`);
  });

  it('installs a release only once it is complete, and leaves nothing behind when filling fails', async () => {
    const target = new DirTarget(root);
    await expect(
      target.install('bad', async (dir) => {
        await writeFile(join(dir, 'half'), 'x');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await readdir(join(root, 'releases'))).toEqual([]);
    const dir = await target.install('1.0.0-a', fill('1.0.0'));
    expect(await readFile(join(dir, 'version.txt'), 'utf8')).toBe('1.0.0');
    // An existing release is reused, not refilled.
    await target.install('1.0.0-a', fill('changed'));
    expect(await readFile(join(dir, 'version.txt'), 'utf8')).toBe('1.0.0');
  });

  it('switches the live symlink by replacing it, leaving no temporary links', async () => {
    const target = new DirTarget(root);
    await target.install('1.0.0-a', fill('1.0.0'));
    await target.install('1.1.0-b', fill('1.1.0'));
    await target.point('1.0.0-a');
    expect(await readlink(join(root, 'current'))).toBe(join('releases', '1.0.0-a'));
    await target.point('1.1.0-b');
    expect(await readFile(join(root, 'current', 'version.txt'), 'utf8')).toBe('1.1.0');
    expect(await target.pointed()).toBe('1.1.0-b');
    expect((await readdir(root)).sort()).toEqual(['current', 'releases']);
    await expect(target.point('9.9.9-z')).rejects.toThrow(/Release '9.9.9-z' is not in/);
  });

  it('refuses to replace a real directory at the live path', async () => {
    const target = new DirTarget(root);
    await target.install('1.0.0-a', fill('1.0.0'));
    await mkdir(join(root, 'current'));
    await expect(target.point('1.0.0-a')).rejects.toThrow(/exists and is not a symlink/);
    expect((await lstat(join(root, 'current'))).isDirectory()).toBe(true);
  });

  it('keeps the newest `keep` releases and never deletes the live or warm one', async () => {
    const target = new DirTarget(root);
    for (const v of ['1', '2', '3', '4', '5']) await target.install(`${v}.0.0-x`, fill(v));
    await target.point('1.0.0-x', 'blue'); // the warm slot holds the oldest
    await target.point('2.0.0-x'); // live is the second oldest
    const removed = await target.prune(2, ['current', 'blue', 'green']);
    expect(removed.sort()).toEqual(['3.0.0-x']);
    const kept = ['1.0.0-x', '2.0.0-x', '4.0.0-x', '5.0.0-x'];
    expect((await readdir(join(root, 'releases'))).sort()).toEqual([
      ...kept.map((name) => `.${name}.manifest`),
      ...kept,
    ]);
  });

  it('reuses a kept release only while it matches its manifest; a tampered one is extracted again (issue 16, finding 10)', async () => {
    const target = new DirTarget(root);
    const dir = await target.install('1.0.0-a', fill('1.0.0'));
    await target.point('1.0.0-a');
    expect(await target.has('1.0.0-a')).toBe(true);
    await writeFile(join(dir, 'version.txt'), 'defaced');
    // No longer "in place": a rollback redeploys it rather than switching to it.
    expect(await target.has('1.0.0-a')).toBe(false);
    await target.install('1.0.0-a', fill('1.0.0'));
    expect(await readFile(join(root, 'current', 'version.txt'), 'utf8')).toBe('1.0.0');
    // An added file is a change too.
    await writeFile(join(dir, 'backdoor.php'), '<?php');
    expect(await target.has('1.0.0-a')).toBe(false);
    await target.install('1.0.0-a', fill('1.0.0'));
    expect((await readdir(join(root, 'current'))).sort()).toEqual(['version.txt']);
    expect((await readdir(join(root, 'releases'))).sort()).toEqual(['.1.0.0-a.manifest', '1.0.0-a']);
  });

  it('does not follow a symlinked releases directory', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'slipway-elsewhere-'));
    try {
      await symlink(elsewhere, join(root, 'releases'));
      const target = new DirTarget(root);
      const refusal = `${join(root, 'releases')} is a symlink; Slipway does not follow it. Make it a directory.`;
      await expect(target.install('1.0.0-a', fill('1.0.0'))).rejects.toThrow(refusal);
      await expect(target.has('1.0.0-a')).rejects.toThrow(/is a symlink/);
      expect(await readdir(elsewhere)).toEqual([]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
