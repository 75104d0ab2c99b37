import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setOutputs } from '../../../src/runtime/toolkit.js';
import { parseKeyValueFile } from '../../support/github-output.js';

/**
 * Outputs carry untrusted text (commit messages, pull-request titles, test names). Written with a
 * fixed heredoc delimiter, a value holding that delimiter on a line of its own would end the value
 * early and let the rest forge other outputs. The runtime's setOutputs must write each value so the
 * runner (whose parser the harness reproduces) reads back exactly the value set, and nothing else.
 */
const HOSTILE: Record<string, string> = {
  'eof-line': 'first\nEOF\nforged=yes\n',
  'delimiter-like': 'a\nghadelimiter_00000000-0000-0000-0000-000000000000\nforged=yes',
  'heredoc-start': 'forged<<EOF\nyes\nEOF',
  'crlf': 'line one\r\nline two\r\n',
  'equals-and-newline': 'name=value\nother=value',
  'only-newlines': '\n\n\n',
  'empty': '',
  'unicode': 'déploiement ✅ 🚀\n\u2028separator',
  'long': `${'x'.repeat(100_000)}\nEOF\n`,
};

let dir: string;
let file: string;
let saved: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-outputs-'));
  file = join(dir, 'output');
  writeFileSync(file, '');
  saved = process.env.GITHUB_OUTPUT;
  process.env.GITHUB_OUTPUT = file;
});
afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_OUTPUT;
  else process.env.GITHUB_OUTPUT = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('outputs holding newlines or delimiter-like text', () => {
  it('are read back by the runner exactly as set, with no forged output', () => {
    setOutputs(HOSTILE);
    const parsed = parseKeyValueFile(readFileSync(file, 'utf8'));
    expect(parsed).toEqual(HOSTILE);
    expect(parsed).not.toHaveProperty('forged');
  });

  it('a value holding the very delimiter line the file uses cannot end it early', () => {
    setOutputs({ first: 'one' });
    const delimiters = readFileSync(file, 'utf8').match(/^first<<(.+)$/m);
    expect(delimiters, 'values are written in heredoc form').not.toBeNull();
    // A later value guessing the delimiter pattern (a fresh one is drawn per value) is still read whole.
    const guess = `x\n${delimiters![1]}\nforged=yes`;
    setOutputs({ second: guess });
    expect(parseKeyValueFile(readFileSync(file, 'utf8'))).toEqual({ first: 'one', second: guess });
  });

  it('non-string values are JSON, and undefined values are left unset', () => {
    setOutputs({ list: ['a\nEOF', 'b'], count: 3, missing: undefined });
    expect(parseKeyValueFile(readFileSync(file, 'utf8'))).toEqual({
      list: JSON.stringify(['a\nEOF', 'b']),
      count: '3',
    });
  });
});
