import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  it('with the previous tag found automatically, runs six git processes and asks nothing twice', async () => {
    // A `git` first on PATH that logs each call's subcommand, then runs the real one.
    const shim = mkdtempSync(path.join(tmpdir(), 'slipway-git-shim-'));
    const log = path.join(shim, 'calls');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(shim, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${realGit}' "$@"\n`, {
      mode: 0o755,
    });
    vi.stubEnv('PATH', `${shim}:${process.env.PATH ?? ''}`);
    try {
      const { code, stderr } = await slipway('notes');
      expect(code).toBe(0);
      expect(stderr).toMatch(/^Previous tag: v1\.0\.0:/m);
      // rev-parse (repository, shallow, HEAD) beside remote; the tag list; one batch of candidates; the range; earlier authors.
      expect(readFileSync(log, 'utf8').split('\n').filter(Boolean).sort()).toEqual([
        'for-each-ref',
        'for-each-ref',
        'log',
        'log',
        'remote',
        'rev-parse',
      ]);
    } finally {
      vi.unstubAllEnvs();
      rmSync(shim, { recursive: true, force: true });
    }
  });

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
    expect(
      model.sections
        .flatMap((s: { changes: Array<{ number?: number }> }) => s.changes.map((c) => c.number ?? 'commit'))
        .sort(),
    ).toEqual([4, 5, 6, 'commit']);
  });

  it('uses a release.yml given with --config, and fails in one line for a missing one', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      `${sample.repo.dir}/release.yml`,
      'changelog:\n  categories:\n    - title: Everything\n      labels: ["*"]\n',
    );
    const { stdout } = await slipway('notes', '--to', 'v1.1.0', '--config', 'release.yml');
    expect(stdout.startsWith('## Everything\n')).toBe(true);
    const missing = await slipway('notes', '--config', 'nope.yml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('slipway: --config: no file at "nope.yml"; give the path of a release.yml.\n');
  });

  it("offers the action's settings as flags: --paths, --tag-prefix, --tag-pattern, --include-prereleases, --exclude-authors, --template", async () => {
    const paths = await slipway('notes', '--to', 'v1.1.0', '--paths', 'packages/**', '--format', 'json');
    expect(
      JSON.parse(paths.stdout).sections.flatMap((s: { changes: Array<{ number?: number }> }) =>
        s.changes.map((c) => c.number),
      ),
    ).toEqual([5]);
    expect((await slipway('notes', '--to', 'HEAD', '--tag-prefix', 'api/v')).stderr).toContain(
      'Previous tag: api/v2.0.0',
    );
    expect(
      (await slipway('notes', '--to', 'v1.1.0', '--tag-pattern', 'v1.0.*', '--include-prereleases')).stderr,
    ).toContain('Previous tag: v1.0.0');
    expect((await slipway('notes', '--to', 'v1.1.0', '--include-prereleases')).stderr).toContain(
      'Previous tag: v1.1.0-rc.1',
    );
    const excluded = await slipway('notes', '--to', 'v1.1.0', '--exclude-authors', 'Bob,dependabot');
    expect(excluded.stdout).not.toMatch(/Bob|yaml/);
    const templated = await slipway('notes', '--to', 'v1.1.0', '--template', '{{ version }} after {{ previousTag }}');
    expect(templated.stdout).toBe('1.1.0 after v1.0.0');
  });

  it('says in one line, naming flags, what is wrong: reversed range, unknown prefix, --config a directory, a bad glob', async () => {
    const reversed = await slipway('notes', '--from', 'v1.1.0', '--to', 'v1.0.0');
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toMatch(
      /^slipway: --from 'v1\.1\.0' is newer than --to 'v1\.0\.0' \(the range is reversed\); swap them\.\n$/m,
    );
    const prefix = await slipway('notes', '--tag-prefix', 'web/v');
    expect(prefix.code).toBe(1);
    expect(prefix.stderr).toMatch(
      /^slipway: --tag-prefix 'web\/v' matches no tag in the repository \(tags look like [^)]+\); give the text before the version\.\n$/,
    );
    const { mkdirSync } = await import('node:fs');
    mkdirSync(`${sample.repo.dir}/.github`, { recursive: true });
    const directory = await slipway('notes', '--config', '.github');
    expect(directory.stderr).toBe(
      'slipway: --config: ".github" is a directory; give the path of a release.yml file in it.\n',
    );
    const glob = await slipway('notes', '--tag-pattern', 'v[1');
    expect(glob.stderr).toMatch(/^slipway: --tag-pattern has an invalid glob "v\[1": [^\n]+\.\n$/);
    for (const result of [reversed, prefix, directory, glob]) expect(result.stderr).not.toMatch(/input|with:|EISDIR/);
  });

  it("outside a git repository, says to run it inside one instead of printing git's fatal message", async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const outside = mkdtempSync(`${tmpdir()}/slipway-no-git-`);
    try {
      let stderr = '';
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
      process.chdir(outside);
      const code = await runCli(['notes']);
      vi.restoreAllMocks();
      expect(code).toBe(1);
      expect(stderr).toBe(
        `slipway: slipway notes reads the history of a git repository, and ${outside} is not in one; run it inside your project's checkout.\n`,
      );
    } finally {
      process.chdir(home);
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads owner/name from GitHub remotes', () => {
    expect(repositoryOfRemote('https://github.com/octo/app.git\n')).toBe('octo/app');
    expect(repositoryOfRemote('git@github.com:octo/app.git')).toBe('octo/app');
    expect(repositoryOfRemote('https://gitlab.com/octo/app.git')).toBeUndefined();
  });
});
