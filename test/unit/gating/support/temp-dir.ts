import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A temporary directory for one test file, removed afterwards; `write` puts a file in it. */
export function useTempDir(prefix: string) {
  const state = { dir: '' };
  beforeAll(() => {
    state.dir = mkdtempSync(join(tmpdir(), `slipway-${prefix}-`));
  });
  afterAll(() => rmSync(state.dir, { recursive: true, force: true }));
  return {
    get dir() {
      return state.dir;
    },
    write(name: string, content: string): string {
      // Before beforeAll the directory does not exist yet, and the file would land in the working directory.
      if (!state.dir)
        throw new Error(`write('${name}') before the temporary directory exists: call it in a test or hook`);
      const file = join(state.dir, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
  };
}
