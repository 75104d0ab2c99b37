import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A tiny web app: `npm run build` writes dist/index.html and dist/health.json for a version. */
const FILES: Record<string, string> = {
  'package.json': JSON.stringify(
    { name: 'hello-slipway', private: true, type: 'module', scripts: { build: 'node build.mjs' } },
    null,
    2,
  ),
  'build.mjs': `import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { page } from './page.mjs';
const version = process.argv[2] ?? '0.0.0';
// A clean build: nothing of the previous version's output may ship with this one.
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
writeFileSync('dist/index.html', page(version));
if (process.env.BREAK_HEALTH !== '1') writeFileSync('dist/health.json', JSON.stringify({ status: 'ok', version }));
`,
  // Feature flags in the OpenFeature flagd format: the hosting answers /<environment>/features from them.
  'flags.json': `${JSON.stringify(
    {
      $schema: 'https://flagd.dev/schema/v0/flags.json',
      flags: { 'greeting-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' } },
    },
    null,
    2,
  )}\n`,
  'page.mjs': `export const greeting = (name) => \`Hello, \${name}!\`;
export const page = (version) => \`<h1>\${greeting('world')}</h1><p>hello-slipway \${version}</p>\`;
`,
  'test/page.test.mjs': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { greeting, page } from '../page.mjs';
test('greets by name', () => assert.equal(greeting('Ada'), 'Hello, Ada!'));
test('shows the version', () => assert.match(page('1.2.3'), /1\\.2\\.3/));
test('escapes nothing it does not need to', () => assert.ok(page('1.0.0').startsWith('<h1>')));
`,
};

export interface PullRequest {
  number: number;
  title: string;
  author: string;
  labels: string[];
  mergeCommitSha: string;
}

export interface SampleRepo {
  dir: string;
  pullRequests: PullRequest[];
  git(...args: string[]): string;
}

/** Creates the sample repository: an initial commit, then pull requests merged the three ways teams merge. */
export function createSampleRepo(dir: string): SampleRepo {
  mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Ada',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
  const write = (files: Record<string, string>) => {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
  };
  git('init', '-q', '-b', 'main');
  write({ ...FILES, '.gitignore': 'dist/\nreports/\nnode_modules/\n' });
  git('add', '-A');
  git('commit', '-q', '-m', 'chore: start hello-slipway');
  const pullRequests: PullRequest[] = [];
  const squash = (number: number, title: string, author: string, labels: string[], files: Record<string, string>) => {
    write(files);
    git('add', '-A');
    git('commit', '-q', '-m', `${title} (#${number})`);
    pullRequests.push({ number, title, author, labels, mergeCommitSha: git('rev-parse', 'HEAD') });
  };
  const merge = (
    number: number,
    title: string,
    author: string,
    labels: string[],
    branch: string,
    files: Record<string, string>,
  ) => {
    git('checkout', '-q', '-b', branch);
    write(files);
    git('add', '-A');
    git('commit', '-q', '-m', title);
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-ff', branch, '-m', `Merge pull request #${number} from ${author}/${branch}\n\n${title}`);
    pullRequests.push({ number, title, author, labels, mergeCommitSha: git('rev-parse', 'HEAD') });
  };
  squash(1, 'feat: greet visitors by name', 'ada', ['enhancement'], {
    'README.md': '# hello-slipway\n\nGreets people.\n',
  });
  merge(2, 'fix: keep the greeting on one line', 'grace', ['bug'], 'one-line', { 'NOTES.md': 'One line.\n' });
  squash(3, 'build(deps): bump left-pad from 1.0.0 to 1.3.0', 'dependabot[bot]', ['dependencies'], {
    'deps.txt': 'left-pad 1.3.0\n',
  });
  squash(4, 'perf: render the page once', 'linus', [], { 'PERF.md': 'Rendered once.\n' });
  return { dir, pullRequests, git };
}
