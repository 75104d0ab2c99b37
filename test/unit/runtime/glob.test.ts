import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFiles, globBase, globError, globMatcher } from '../../../src/runtime/glob.js';

const dir = mkdtempSync(path.join(tmpdir(), 'slipway-glob-'));
for (const file of [
  'dist/app.tar.gz',
  'dist/app.zip',
  'dist/.hidden.tar.gz',
  'dist/skip/old.tar.gz',
  'node_modules/x/app.tar.gz',
]) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), file);
}
symlinkSync(path.join(dir, 'dist/app.zip'), path.join(dir, 'dist/latest.zip'));
symlinkSync(path.join(dir, 'dist'), path.join(dir, 'dist/loop'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the one glob', () => {
  it('matches dotfiles like any other file, one glob or several', () => {
    expect(globMatcher('**/*.tar.gz')('dist/.hidden.tar.gz')).toBe(true);
    expect(globMatcher(['*.zip', '*.deb'])('app.deb')).toBe(true);
    expect(globMatcher([])('anything')).toBe(false);
  });

  it('finds files relative to a directory, with exclusions, symlinked files, and no loops or node_modules', () => {
    const found = findFiles(['**/*.tar.gz', 'dist/*.zip', '!dist/skip/**'], dir).map((file) =>
      path.relative(dir, file),
    );
    expect(found).toEqual(['dist/.hidden.tar.gz', 'dist/app.tar.gz', 'dist/app.zip', 'dist/latest.zip']);
    expect(findFiles([path.join(dir, 'node_modules/**/*.tar.gz')], dir)).toEqual([
      path.join(dir, 'node_modules/x/app.tar.gz'),
    ]);
    expect(findFiles(['dist/app.zip', 'missing.txt'], dir)).toEqual([path.join(dir, 'dist/app.zip')]);
  });

  it('tells a glob’s fixed base and reports unbalanced brackets', () => {
    expect(globBase('reports/**/*.xml')).toEqual({ base: 'reports', isGlob: true });
    expect(globBase('reports/a.xml').isGlob).toBe(false);
    expect(globError('v[0-9*')).toMatch(/Missing closing/);
    expect(globError('v[0-9]*')).toBeUndefined();
  });
});
