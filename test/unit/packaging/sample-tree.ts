import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A temporary directory removed by `cleanup()`. */
export function tempDir(label = 'slipway-pkg-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), label));
  made.push(dir);
  return dir;
}

const made: string[] = [];
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const LONG_NAME = `${'deep-directory-name/'.repeat(6)}a file name that is long enough to need pax.txt`;

/**
 * A build output exercising what the packager must handle: an executable, a symlink inside the
 * tree, an empty directory, spaces, Unicode, a path over 100 bytes.
 */
export function sampleTree(options: { time?: number; umask?: 'loose' | 'strict' } = {}): string {
  const root = tempDir();
  const files: Record<string, string> = {
    'bin/run': '#!/bin/sh\necho run\n',
    'lib/app.js': 'console.log("app")\n',
    'docs/read me.txt': 'spaces\n',
    'docs/ünïcødé-名前.txt': 'unicode\n',
    [LONG_NAME]: 'long\n',
    'data/kb.bin': 'x'.repeat(1025),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  mkdirSync(path.join(root, 'empty/nested'), { recursive: true });
  symlinkSync('../lib/app.js', path.join(root, 'bin/app-link'));
  chmodSync(path.join(root, 'bin/run'), options.umask === 'loose' ? 0o775 : 0o700);
  chmodSync(path.join(root, 'lib/app.js'), options.umask === 'loose' ? 0o664 : 0o600);
  if (options.time !== undefined) {
    // Touch everything, links included, so only the time differs between two copies.
    execFileSync('find', [root, '-exec', 'touch', '-h', '-d', `@${options.time}`, '{}', '+']);
    utimesSync(root, options.time, options.time);
  }
  return root;
}
