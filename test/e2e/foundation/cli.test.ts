import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/index.js', ...args], { encoding: 'utf8' });

describe('slipway CLI (bundled)', () => {
  it('--help lists every registered command and exits 0', () => {
    const result = cli('--help');
    expect(result.status).toBe(0);
    const names = buildProgram().commands.map((command) => command.name());
    for (const name of names) expect(result.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
  });

  it('every command has its own --help', () => {
    for (const command of buildProgram().commands) {
      const result = cli(command.name(), '--help');
      expect(result.status, command.name()).toBe(0);
      expect(result.stdout).toContain(`Usage: slipway ${command.name()}`);
    }
  });

  it('exits 2 on a usage error', () => {
    const result = cli('--no-such-option');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option '--no-such-option'");
  });

  it('prints its version', () => {
    const result = cli('--version');
    expect(result.status).toBe(0);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(result.stdout.trim()).toBe(version);
  });
});
