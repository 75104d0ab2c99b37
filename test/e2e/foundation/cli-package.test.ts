import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/action-metadata.js';
import { assembleCliPackage } from '../../../scripts/cli-package.mjs';

// The npm package of the `slipway` command, as the release workflow assembles and publishes it: packed by npm
// itself, then installed from the tarball (offline: it depends on nothing) and run through its bin.

const scratch = mkdtempSync(join(tmpdir(), 'cli-package-'));
const packageDir = join(scratch, 'package');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

beforeAll(() => {
  assembleCliPackage(packageDir);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the @slipway-hq/cli package', () => {
  it('packs exactly the CLI bundle, README, LICENSE and its manifest', () => {
    const [packed] = JSON.parse(npm(['pack', '--dry-run', '--json'], packageDir)) as Array<{
      name: string;
      version: string;
      files: Array<{ path: string }>;
    }>;
    expect(packed!.name).toBe('@slipway-hq/cli');
    expect(packed!.version).toBe(version);
    const bundle = readdirSync(join(REPO_ROOT, 'dist/cli')).map((file) => `dist/cli/${file}`);
    expect(bundle).toContain('dist/cli/index.js');
    expect(packed!.files.map((file) => file.path).sort()).toEqual(
      ['LICENSE', 'README.md', 'package.json', ...bundle].sort(),
    );
  });

  it('is publishable: scoped, public, with provenance, not private, depending on nothing', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
    expect(manifest.dependencies).toBeUndefined();
    // npm refuses a provenance statement whose source repository differs from the manifest's.
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/slipway-hq/slipway.git' });
  });

  it('installed from the tarball, its bin runs and prints the package version', () => {
    npm(['pack', '--pack-destination', scratch], packageDir);
    const tarball = join(scratch, `slipway-hq-cli-${version}.tgz`);
    const app = join(scratch, 'app');
    npm(['install', '--offline', '--prefix', app, tarball], scratch);
    const bin = join(app, 'node_modules/.bin/slipway');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(version);
    expect(execFileSync(bin, ['--help'], { encoding: 'utf8' })).toContain('Usage: slipway');
  });

  it('without an output directory, says how to call it and exits 1', () => {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/cli-package.mjs')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('cli-package: usage: node scripts/cli-package.mjs <out-dir>');
  });
});
