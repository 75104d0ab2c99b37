// actions/checkout, as far as a workflow depends on it: the commit of the event (or `ref`) in the workspace,
// with history and tags when fetch-depth is 0 (or fetch-tags is true), and the remote named origin.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const input = (name) => process.env[`INPUT_${name.toUpperCase()}`] ?? '';
const source = process.env.WORKFLOW_RUNNER_GIT_DIR;
if (!source) {
  console.log('::error::checkout stand-in: the workflow runner was given no git repository (gitDir)');
  process.exit(1);
}
if (input('repository') !== process.env.GITHUB_REPOSITORY) {
  console.log(`::error::checkout stand-in: only the workflow's own repository is modelled, not ${input('repository')}`);
  process.exit(1);
}
const target = resolve(process.env.GITHUB_WORKSPACE, input('path'));
mkdirSync(target, { recursive: true });
const git = (...args) =>
  execFileSync('git', args, { cwd: target, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const ref = input('ref') || process.env.GITHUB_REF;
const depth = Number(input('fetch-depth'));
git('init', '--quiet');
git('remote', 'add', 'origin', `file://${source}`);
if (depth === 0) {
  git('fetch', '--quiet', '--prune', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*');
} else {
  git('fetch', '--quiet', '--no-tags', `--depth=${depth}`, 'origin', input('ref') ? ref : process.env.GITHUB_SHA);
  if (input('fetch-tags') === 'true') git('fetch', '--quiet', '--depth=1', 'origin', '+refs/tags/*:refs/tags/*');
}
const commit =
  input('ref') && depth === 0
    ? git('rev-parse', `${ref.startsWith('refs/') ? ref : `origin/${ref}`}^{commit}`)
    : depth === 0
      ? process.env.GITHUB_SHA
      : git('rev-parse', 'FETCH_HEAD');
git('-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', commit);
appendFileSync(process.env.GITHUB_OUTPUT, `ref=${ref}\ncommit=${commit}\n`);
