import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ArtifactService, startArtifactService } from '../../support/artifact-service.js';
import { type Emulator, startEmulator } from '../../support/emulator/index.js';
import { runAction } from '../../support/harness.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A checked-out repository whose build wrote `build/`: a git commit at a known time. */
function workspace(): { dir: string; sha: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'slipway-package-e2e-'));
  made.push(dir);
  mkdirSync(path.join(dir, 'build/bin'), { recursive: true });
  mkdirSync(path.join(dir, 'build/static/empty'), { recursive: true });
  writeFileSync(path.join(dir, 'build/bin/server'), '#!/bin/sh\nexec node ../app.js\n', { mode: 0o755 });
  writeFileSync(path.join(dir, 'build/app.js'), 'console.log("serving")\n');
  writeFileSync(path.join(dir, 'build/static/index.html'), '<h1>hi</h1>\n');
  symlinkSync('../app.js', path.join(dir, 'build/bin/app.js'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: '@1700000000 +0000', GIT_COMMITTER_DATE: '@1700000000 +0000' },
    }).trim();
  git('init', '-q');
  writeFileSync(path.join(dir, 'README.md'), 'app\n');
  git('add', 'README.md');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
  return { dir, sha: git('rev-parse', 'HEAD') };
}

const sha256 = (file: string) => `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
const utc = { ...process.env, TZ: 'UTC' };

describe('the package action, run by the runner', () => {
  let gh: Emulator;
  let artifacts: ArtifactService;
  beforeAll(async () => {
    artifacts = await startArtifactService();
    gh = await startEmulator({ artifacts });
    gh.repo('octo/app');
  });
  afterAll(async () => {
    await gh.close();
    await artifacts.close();
  });

  test('on a v1.4.0 tag: packages build/, sets every output, writes the summary and uploads the artefact byte for byte', async () => {
    const { dir, sha } = workspace();
    const run = await runAction({
      action: 'package',
      inputs: { 'path': 'build', 'output-dir': 'dist' },
      workspace: dir,
      sha,
      ref: 'refs/tags/v1.4.0',
      github: gh,
      artifacts,
      runId: 9001,
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);

    const file = path.join(dir, 'dist/app-1.4.0.tar.gz');
    expect(run.outputs).toMatchObject({
      file,
      'digest': sha256(file),
      'size': String(readFileSync(file).length),
      'version': '1.4.0',
      'manifest': `${file}.manifest.json`,
      'artifact-name': 'app-1.4.0.tar.gz',
    });
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: path.join(dir, 'dist'), encoding: 'utf8' })).toBe(
      'app-1.4.0.tar.gz: OK\n',
    );

    // Entries carry the commit time (no SOURCE_DATE_EPOCH given), root ownership and normalised modes.
    const listing = execFileSync('tar', ['-tvzf', file], { encoding: 'utf8', env: utc });
    expect(listing).toMatch(/^-rwxr-xr-x 0\/0 +\d+ 2023-11-14 22:13 bin\/server$/m);
    expect(listing).toMatch(/^lrwxrwxrwx 0\/0 +0 2023-11-14 22:13 bin\/app\.js -> \.\.\/app\.js$/m);
    expect(listing).toMatch(/^drwxr-xr-x 0\/0 +0 2023-11-14 22:13 static\/empty\/$/m);
    const info = JSON.parse(execFileSync('tar', ['-xzOf', file, 'BUILD-INFO.json'], { encoding: 'utf8' })) as Record<
      string,
      string
    >;
    expect(info).toEqual({
      name: 'app',
      version: '1.4.0',
      commit: sha,
      ref: 'refs/tags/v1.4.0',
      repository: 'octo/app',
      runUrl: 'https://github.com/octo/app/actions/runs/9001',
      sourceDate: '2023-11-14T22:13:20.000Z',
    });

    // The workflow artifact is the artefact itself: same name, same bytes, visible through the REST API.
    const [stored] = artifacts.list();
    expect(stored?.name).toBe('app-1.4.0.tar.gz');
    expect(
      `sha256:${createHash('sha256')
        .update(artifacts.content(stored?.id ?? -1))
        .digest('hex')}`,
    ).toBe(run.outputs.digest);
    expect(run.outputs['artifact-id']).toBe(String(stored?.id));
    expect(run.outputs['artifact-url']).toBe(`https://github.com/octo/app/actions/runs/9001/artifacts/${stored?.id}`);
    const listed = (await (
      await fetch(`${gh.url}/repos/octo/app/actions/runs/9001/artifacts`, {
        headers: { authorization: `Bearer ${gh.token}` },
      })
    ).json()) as { artifacts: Array<{ id: number; name: string; size_in_bytes: number }> };
    expect(listed.artifacts.map(({ id, name, size_in_bytes }) => ({ id, name, size_in_bytes }))).toEqual([
      { id: stored?.id, name: 'app-1.4.0.tar.gz', size_in_bytes: Number(run.outputs.size) },
    ]);

    expect(run.summary).toContain('### 📦 Packaged app 1.4.0');
    expect(run.summary).toContain('| Name | Version | Format | Size | Files | Digest | Artifact |');
    expect(run.summary).toContain(
      `| app | 1.4.0 | tar.gz | ${Number(run.outputs.size).toLocaleString('en-US')} bytes | 4 | \`${run.outputs.digest}\` | [app-1.4.0.tar.gz](${run.outputs['artifact-url']}) |`,
    );
  });

  test('a deb from the deb-* inputs installs to deb-prefix; on a branch the version is 0.0.0-<short sha>', async () => {
    const { dir, sha } = workspace();
    const run = await runAction({
      action: 'package',
      inputs: {
        'path': 'build',
        'format': 'deb',
        'output-dir': 'out',
        'upload': false,
        'deb-package': 'app-server',
        'deb-maintainer': 'Ops <ops@example.com>',
        'deb-architecture': 'amd64',
        'deb-depends': 'nodejs (>= 20)\nca-certificates',
        'deb-description': 'The app server',
        'deb-prefix': '/srv/app',
      },
      workspace: dir,
      sha,
      ref: 'refs/heads/main',
    });
    expect(run.errors).toEqual([]);
    const version = `0.0.0-${sha.slice(0, 7)}`.replace(/-(0\d*)$/, '-g$1');
    expect(run.outputs.version).toBe(version);
    expect(run.outputs.file).toBe(path.join(dir, `out/app-server_${version.replace('-', '~')}_amd64.deb`));
    expect(run.outputs['artifact-name']).toBeUndefined();
    const fields = execFileSync(
      'dpkg-deb',
      ['--field', run.outputs.file ?? '', 'Package', 'Version', 'Architecture', 'Maintainer', 'Depends', 'Description'],
      { encoding: 'utf8' },
    );
    expect(fields).toBe(
      `Package: app-server\nVersion: ${version.replace('-', '~')}\nArchitecture: amd64\nMaintainer: Ops <ops@example.com>\nDepends: nodejs (>= 20), ca-certificates\nDescription: The app server\n`,
    );
    const root = mkdtempSync(path.join(tmpdir(), 'slipway-deb-root-'));
    made.push(root);
    execFileSync('dpkg-deb', ['-x', run.outputs.file ?? '', root]);
    expect(readFileSync(path.join(root, 'srv/app/app.js'), 'utf8')).toBe('console.log("serving")\n');
    expect(existsSync(path.join(root, 'srv/app/BUILD-INFO.json'))).toBe(true);
  });

  test('the same commit packaged from two checkouts with different file times gives the same digest', async () => {
    const first = workspace();
    const second = mkdtempSync(path.join(tmpdir(), 'slipway-package-e2e-copy-'));
    made.push(second);
    cpSync(first.dir, second, { recursive: true, verbatimSymlinks: true });
    execFileSync('find', [second, '-exec', 'touch', '-h', '-d', '@1234567890', '{}', '+']);
    // No artifact service on this runner and no 'upload' input: nothing is uploaded.
    const inputs = { 'path': 'build', 'format': 'zip', 'output-dir': 'out' };
    const common = { action: 'package', inputs, sha: first.sha, ref: 'refs/tags/v2.0.0', runId: 77 };
    const [a, b] = [
      await runAction({ ...common, workspace: first.dir }),
      await runAction({ ...common, workspace: second }),
    ];
    expect(a.errors).toEqual([]);
    expect(b.outputs.digest).toBe(a.outputs.digest);
    expect(a.outputs['artifact-id']).toBeUndefined();
    expect(a.summary).toContain('| not uploaded |');
    expect(execFileSync('unzip', ['-t', a.outputs.file ?? ''], { encoding: 'utf8' })).toContain('No errors detected');
  });
});

test('without output-dir the artefact is written to RUNNER_TEMP', async () => {
  const { dir, sha } = workspace();
  const run = await runAction({
    action: 'package',
    inputs: { path: 'build', format: 'zip' },
    workspace: dir,
    sha,
    ref: 'refs/tags/v3.0.0',
  });
  expect(run.errors).toEqual([]);
  expect(run.outputs.file).toMatch(/\/runner-temp\/app-3\.0\.0\.zip$/);
  expect(run.outputs.manifest).toBe(`${run.outputs.file}.manifest.json`);
});

describe('bad input fails the step with one ::error:: line and writes nothing', () => {
  test.each([
    ['a missing path', { path: '' }, "Input required and not supplied: 'path'. Set it in the step's 'with:' block."],
    [
      'an unknown format',
      { path: 'build', format: 'rar' },
      'Input \'format\' must be one of `tar.gz`, `zip`, `deb`; got "rar".',
    ],
    [
      'a version that is not semver',
      { path: 'build', version: 'latest' },
      'Input \'version\' must be a semantic version such as 1.2.3 or 1.2.3-rc.1; got "latest".',
    ],
    [
      'retention beyond 90 days',
      { 'path': 'build', 'retention-days': '365' },
      'Input \'retention-days\' must be an integer from 1 to 90; got "365".',
    ],
    [
      'upload that is not a boolean',
      { path: 'build', upload: 'yes' },
      'Input \'upload\' must be `true` or `false`; got "yes".',
    ],
    [
      'a path matching no files',
      { path: 'dist/**' },
      "Nothing to package: 'dist/**' matched no files. Check the path and that the build wrote its output there.",
    ],
    [
      'a symlink leaving the tree',
      { 'path': 'build', 'build-info': 'false' },
      /^Cannot package symlink '.*\/build\/leak': it points to '\/etc\/passwd', outside the packaged tree '.*\/build'\. Copy the target into the tree or remove the link\.$/,
    ],
    [
      'an invalid Debian package name',
      { 'path': 'build', 'format': 'deb', 'deb-package': 'App Server' },
      /^Debian package name "App Server" is not valid: .*\(set 'deb-package'\)\.$/,
    ],
  ] as const)('%s', async (_, inputs, message) => {
    const { dir, sha } = workspace();
    if (_ === 'a symlink leaving the tree') symlinkSync('/etc/passwd', path.join(dir, 'build/leak'));
    const run = await runAction({ action: 'package', inputs: { ...inputs, 'output-dir': 'out' }, workspace: dir, sha });
    expect(run.exitCode).toBe(1);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toHaveLength(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(
      typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message,
    );
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(existsSync(path.join(dir, 'out')) ? readdirSync(path.join(dir, 'out')) : []).toEqual([]);
    expect(run.outputs).toEqual({});
  });
});
