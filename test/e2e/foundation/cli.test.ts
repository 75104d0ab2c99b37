import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/index.js', ...args], { encoding: 'utf8' });

describe('slipway CLI (bundled)', () => {
  it('--help lists every registered command and exits 0', () => {
    const result = cli('--help');
    expect(result.status).toBe(0);
    const names = buildProgram().commands.map((command) => command.name());
    expect(names.sort()).toEqual(['flags', 'gate', 'metrics', 'notes', 'notify', 'package', 'status']);
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

  describe("--version after a subcommand is that command's option, not the program's", () => {
    const temp = mkdtempSync(join(tmpdir(), 'slipway-cli-'));
    afterAll(() => rmSync(temp, { recursive: true, force: true }));
    const tree = join(temp, 'site');
    mkdirSync(tree);
    writeFileSync(join(tree, 'index.html'), '<h1>hi</h1>\n');

    it.each([
      ['after the path', [tree, '--version', '1.0.0'], '1.0.0'],
      ['before the path', ['--version', '2.1.0-rc.1', tree], '2.1.0-rc.1'],
    ])('slipway package %s: --version is the artefact version', (_where, args, version) => {
      const result = cli('package', ...args, '--out', join(temp, 'out'));
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const printed = JSON.parse(result.stdout) as { version: string; file: string };
      expect(printed.version).toBe(version);
      expect(printed.file).toBe(join(temp, 'out', `site-${version}.tar.gz`));
    });

    it('slipway notify --version is the version in the message', () => {
      const result = cli(
        'notify',
        '--provider',
        'webhook',
        '--event',
        'deployment-succeeded',
        '--version',
        '3.2.1',
        '--dry-run',
      );
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('3.2.1');
    });
  });
});
