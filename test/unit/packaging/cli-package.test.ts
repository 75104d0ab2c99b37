import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, expect, test, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { cleanup, sampleTree, tempDir } from './sample-tree.js';

afterAll(cleanup);

let printed: string;
beforeEach(() => {
  printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((printed += String(chunk)), true),
  );
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs the real `slipway` program, as the bin does. */
async function slipway(args: string[]): Promise<Record<string, unknown>> {
  expect(await runCli(['package', ...args])).toBe(0);
  expect(printed.trim().split('\n')).toHaveLength(1);
  return JSON.parse(printed) as Record<string, unknown>;
}

test.each(['tar.gz', 'zip', 'deb'])(
  'slipway package --format %s prints {file, digest, size, version, manifest} as one JSON object',
  async (format) => {
    const out = tempDir();
    const result = await slipway([
      sampleTree(),
      '--format',
      format,
      '--version',
      '3.1.4',
      '--name',
      'tool',
      '--out',
      out,
      '--maintainer',
      'Jane <jane@example.com>',
    ]);
    expect(Object.keys(result)).toEqual(['file', 'digest', 'size', 'version', 'manifest']);
    expect(result.version).toBe('3.1.4');
    expect(result.file).toBe(`${out}/${format === 'deb' ? 'tool_3.1.4_all.deb' : `tool-3.1.4.${format}`}`);
    expect(result.digest).toBe(
      `sha256:${execFileSync('sha256sum', [String(result.file)], { encoding: 'utf8' }).split(' ')[0]}`,
    );
    expect(result.size).toBe(readFileSync(String(result.file)).length);
    expect(existsSync(String(result.manifest))).toBe(true);
    if (format === 'deb')
      expect(execFileSync('dpkg-deb', ['--field', String(result.file), 'Maintainer'], { encoding: 'utf8' })).toBe(
        'Jane <jane@example.com>\n',
      );
  },
);

test('without --version or --name it names the artefact after the directory and versions it 0.0.0-<short sha> of the checkout', async () => {
  const repo = tempDir();
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: '@1700000000 +0000', GIT_COMMITTER_DATE: '@1700000000 +0000' },
    }).trim();
  git('init', '-q');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'init');
  const sha = git('rev-parse', 'HEAD');
  const tree = sampleTree();
  const cwd = process.cwd();
  process.chdir(repo);
  try {
    const result = await slipway([tree, '--out', tempDir()]);
    const name = tree.split('/').pop();
    expect(result.version).toBe(`0.0.0-${sha.slice(0, 7)}`.replace(/-(0\d*)$/, '-g$1'));
    expect(String(result.file)).toMatch(new RegExp(`/${name}-0\\.0\\.0-g?${sha.slice(0, 7)}\\.tar\\.gz$`));
    // The commit time is the source date: every entry carries it.
    expect(
      execFileSync('tar', ['-tvzf', String(result.file)], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }),
    ).toMatch(/ 2023-11-14 22:13 bin\/run\n/);
  } finally {
    process.chdir(cwd);
  }
});

test('a refused tree exits 1 with a one-line error and prints no JSON', async () => {
  const stderr: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk: string | Uint8Array) => (stderr.push(String(chunk)), true),
  );
  expect(await runCli(['package', tempDir(), '--version', '1.0.0', '--out', tempDir()])).toBe(1);
  expect(printed).toBe('');
  expect(stderr.join('')).toMatch(
    /^slipway: Nothing to package: '.*' matched no files\. Check the path and that the build wrote its output there\.\n$/,
  );
});
