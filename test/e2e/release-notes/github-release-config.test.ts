import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type GitHubEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { runAction } from '../../support/harness.js';
import { TempRepo } from '../../unit/git/temp-repo.js';

/**
 * GitHub's documented `.github/release.yml` example, unchanged, on pull requests carrying its labels.
 * What GitHub's generator does with it (docs: "Automatically generated release notes"): a pull request
 * goes to the first category whose labels it has; `exclude.labels` / `exclude.authors` leave it out
 * entirely; `*` takes every pull request no earlier category took.
 */
const PULL_REQUESTS = [
  { number: 1, title: 'Drop Node 18', author: 'bob', labels: ['Semver-Major'] },
  { number: 2, title: 'Add dark mode', author: 'carol', labels: ['enhancement'] },
  { number: 3, title: 'New config format', author: 'dave', labels: ['enhancement', 'breaking-change'] },
  { number: 4, title: 'Fix typo in README', author: 'carol', labels: ['documentation'] },
  { number: 5, title: 'Internal tidy-up', author: 'bob', labels: ['ignore-for-release', 'enhancement'] },
  { number: 6, title: 'Update the mascot', author: 'octocat', labels: ['enhancement'] },
  { number: 7, title: 'Speed up start-up', author: 'dave', labels: [] },
  { number: 8, title: 'Minor API addition', author: 'bob', labels: ['Semver-Minor'] },
];

let gh: GitHubEmulator;
let repo: TempRepo;
let scratch: string;
beforeAll(async () => {
  gh = await startEmulator();
  repo = TempRepo.create('slipway-release-config-');
  repo.commit('chore: release config', undefined, {
    '.github/release.yml': readFileSync('test/fixtures/release-notes/github-docs-release.yml', 'utf8'),
  });
  repo.tag('v1.0.0');
  const handle = gh.repo('octo/app', { gitDir: repo.dir });
  for (const pr of PULL_REQUESTS) {
    const parent = repo.head();
    const sha = repo.commit(`${pr.title} (#${pr.number})`);
    handle.addPullRequest({
      number: pr.number,
      title: pr.title,
      author: pr.author,
      labels: pr.labels,
      mergeCommitSha: sha,
      head: { ref: `topic-${pr.number}`, sha },
      base: { ref: 'main', sha: parent },
    });
  }
  repo.tag('v1.1.0');
  scratch = mkdtempSync(path.join(tmpdir(), 'slipway-release-config-'));
});
afterAll(async () => {
  await gh.close();
  repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

it('an existing .github/release.yml from GitHub’s documentation gives the categories GitHub’s generator would', async () => {
  const sha = repo.head('v1.1.0^{commit}');
  const workspace = path.join(scratch, 'workspace');
  execFileSync('git', [
    '-c',
    'advice.detachedHead=false',
    'clone',
    '-q',
    '--branch',
    'v1.1.0',
    `file://${repo.dir}`,
    workspace,
  ]);
  const event = {
    name: 'push',
    payload: examplePayload('push', (payload) => ({
      ...payload,
      ref: 'refs/tags/v1.1.0',
      after: sha,
      base_ref: null,
      created: true,
    })),
  };
  const run = await runAction({ action: 'root', github: gh, event, ref: 'refs/tags/v1.1.0', sha, workspace });
  expect(run.errors).toEqual([]);
  expect(run.outputs['previous-tag']).toBe('v1.0.0');

  const sections = new Map<string, number[]>();
  let current = '';
  for (const line of run.outputs.notes!.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) current = heading[1]!;
    const entry = /^- .*\(#(\d+)\)/.exec(line);
    if (entry) sections.set(current, [...(sections.get(current) ?? []), Number(entry[1])]);
  }
  expect([...sections]).toEqual([
    // First matching category, in the file's order: #3 has `enhancement` too, but breaking comes first.
    ['Breaking Changes 🛠', [3, 1]],
    ['Exciting New Features 🎉', [8, 2]],
    // `*`: every pull request no earlier category took, whatever its labels.
    ['Other Changes', [7, 4]],
  ]);
  // #5 (`ignore-for-release`) and #6 (by `octocat`) are excluded everywhere, credits included.
  expect(run.outputs.notes).not.toMatch(/#5\b|#6\b|@octocat/);
  expect(gh.state.releases.filter((r) => r.tag_name === 'v1.1.0')).toHaveLength(1);
});
