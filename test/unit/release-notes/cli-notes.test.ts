import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { repositoryOfRemote } from '../../../src/git/remote.js';
import { runCli } from '../../../src/cli/program.js';
import { sampleHistory, type SampleHistory } from './sample-history.js';

let sample: SampleHistory;
const home = process.cwd();
beforeAll(() => {
  sample = sampleHistory();
  sample.repo.git('remote', 'add', 'origin', 'git@github.com:octo/app.git');
});
afterAll(() => sample.repo.remove());
afterEach(() => {
  process.chdir(home);
  vi.restoreAllMocks();
});

async function slipway(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.chdir(sample.repo.dir);
  const code = await runCli(args);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('slipway notes (offline, local git only)', () => {
  it('previews Markdown from the previous tag to a ref, with numbers and titles from commit messages', async () => {
    const { code, stdout, stderr } = await slipway('notes', '--to', 'v1.1.0');
    expect(code).toBe(0);
    expect(stdout).toContain('## Breaking changes\n\n- **api:** drop the v1 endpoints (#5) by Bob');
    expect(stdout).toContain('- crash on empty input (#2) by Carol');
    expect(stdout).toContain('**Full changelog**: https://github.com/octo/app/compare/v1.0.0...v1.1.0');
    expect(stderr).toContain('Previous tag: v1.0.0');
  });

  it('writes the JSON model with --format json and honours --from', async () => {
    const { code, stdout } = await slipway('notes', '--from', 'v1.1.0-rc.1', '--to', 'v1.1.0', '--format', 'json');
    expect(code).toBe(0);
    const model = JSON.parse(stdout);
    expect(model.previousTag).toBe('v1.1.0-rc.1');
    expect(model.sections.flatMap((s: { changes: Array<{ number?: number }> }) => s.changes.map((c) => c.number ?? 'commit')).sort()).toEqual([4, 5, 6, 'commit']);
  });

  it('uses a release.yml given with --config, and fails in one line for a missing one', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${sample.repo.dir}/release.yml`, 'changelog:\n  categories:\n    - title: Everything\n      labels: ["*"]\n');
    const { stdout } = await slipway('notes', '--to', 'v1.1.0', '--config', 'release.yml');
    expect(stdout.startsWith('## Everything\n')).toBe(true);
    const missing = await slipway('notes', '--config', 'nope.yml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('slipway: --config: no file at "nope.yml"; give the path of a release.yml.\n');
  });

  it('reads owner/name from GitHub remotes', () => {
    expect(repositoryOfRemote('https://github.com/octo/app.git\n')).toBe('octo/app');
    expect(repositoryOfRemote('git@github.com:octo/app.git')).toBe('octo/app');
    expect(repositoryOfRemote('https://gitlab.com/octo/app.git')).toBeUndefined();
  });
});
