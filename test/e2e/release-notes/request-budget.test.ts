import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type GitHubEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { runAction } from '../../support/harness.js';
import { plannedHistory, type PlannedChange, type PlannedHistory } from './seed.js';

/**
 * Requests for ranges with commits that name no pull request. Every look-up (a number, or a commit
 * through associatedPullRequests) takes one of a GraphQL batch's 50 places, so N numbers and C such
 * commits cost ⌈(N + C)/50⌉ GraphQL requests; with the release look-up and its creation,
 * 2 + ⌈(N + C)/50⌉, and at most 3 + ⌈(N + C)/50⌉ (a draft is looked for in the list of releases too).
 * A first release's root commit is never looked up.
 */
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

// v1.0.0 (a first release: the root commit and everything after it): 150 squash merges, a commit
// pushed without a pull request after every third, 50 in all.
const first: PlannedChange[] = range(1, 150).flatMap((n) =>
  n % 3 === 0 ? [{ squash: n }, 'direct' as const] : [{ squash: n }],
);
// v1.1.0: 40 squash merges (#151–#190), 5 rebase merges of 3 commits each (#191–#195), 46 direct commits.
const second: PlannedChange[] = [
  ...range(151, 40).flatMap((n) => [
    { squash: n },
    'direct' as const,
    ...((n - 151) % 8 === 0 ? [{ rebase: 191 + (n - 151) / 8, commits: 3 }] : []),
  ]),
  ...Array<PlannedChange>(6).fill('direct'),
];

let history: PlannedHistory;
let gh: GitHubEmulator;
let scratch: string;

beforeAll(() => {
  history = plannedHistory([
    { tag: 'v1.0.0', changes: first },
    { tag: 'v1.1.0', changes: second },
  ]);
});
afterAll(() => history.repo.remove());
beforeEach(async () => {
  gh = await startEmulator();
  history.seed(gh.repo('octo/app', { gitDir: history.repo.dir }));
  scratch = mkdtempSync(path.join(tmpdir(), 'slipway-rn-budget-'));
});
afterEach(async () => {
  await gh.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function release(tag: string) {
  const origin = history.repo.dir;
  const sha = execFileSync('git', ['rev-parse', `${tag}^{commit}`], { cwd: origin, encoding: 'utf8' }).trim();
  const workspace = path.join(scratch, 'workspace');
  execFileSync('git', [
    '-c',
    'advice.detachedHead=false',
    'clone',
    '-q',
    '--depth',
    '1',
    '--no-tags',
    '--branch',
    tag,
    `file://${origin}`,
    workspace,
  ]);
  const event = {
    name: 'push',
    payload: examplePayload('push', (payload) => ({
      ...payload,
      ref: `refs/tags/${tag}`,
      after: sha,
      base_ref: null,
      created: true,
    })),
  };
  const run = await runAction({ action: 'release-notes', github: gh, event, ref: `refs/tags/${tag}`, sha, workspace });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  return { ...run, notes: run.outputs.notes! };
}

describe('request budget with commits that name no pull request', () => {
  it('a first release of 150 pull requests and 50 commits pushed without one: 6 requests, 3 + ⌈150/50⌉', async () => {
    const run = await release('v1.0.0');
    for (const n of range(1, 150)) expect(run.notes).toContain(`(#${n})`);
    for (const subject of history.directSubjects.slice(0, 50))
      expect(run.notes).toContain(`- ${subject.replace('chore: ', '')} (`);
    expect(run.notes).toContain('- initial commit (');
    // 150 numbers + 50 commits = 200 look-ups: 4 batches of 50. The root commit, which no pull
    // request can have merged, is not asked about: with it, 201 look-ups would take a fifth.
    expect(run.stdout).toContain('Pull requests: 150 by number, 0 through their commits, in 4 GraphQL request(s).');
    expect(gh.requests.map((r) => r.operationId)).toEqual([
      'graphql',
      'graphql',
      'graphql',
      'graphql',
      'repos/get-release-by-tag',
      'repos/create-release',
    ]);
    expect(gh.count()).toBeLessThanOrEqual(3 + Math.ceil(150 / 50));
  });

  it('past the room in the batches, each 50 such commits cost one request: 3 + ⌈(N + C)/50⌉, not 3 + ⌈M/50⌉', async () => {
    const run = await release('v1.1.0');
    expect(run.outputs['previous-tag']).toBe('v1.0.0');
    for (const n of range(151, 45)) expect(run.notes).toContain(`(#${n})`);
    // Rebase merges are found through their commits, each one entry; commits pushed directly stay commits.
    expect(run.notes).toContain('- change 191 (#191) @dev2');
    expect(run.notes).not.toContain('part 1 of change 191');
    for (const subject of history.directSubjects.slice(50))
      expect(run.notes).toContain(`- ${subject.replace('chore: ', '')} (`);
    // N = 40 numbers, C = 15 rebased + 46 direct = 61 commits: ⌈101/50⌉ = 3 GraphQL requests, 5 in all.
    // The 3 + ⌈M/50⌉ (M = 45 pull requests) would be 4: 101 look-ups do not fit in 2 batches of 50.
    expect(run.stdout).toContain('Pull requests: 40 by number, 5 through their commits, in 3 GraphQL request(s).');
    expect(gh.count('graphql')).toBe(Math.ceil((40 + 61) / 50));
    expect(gh.count()).toBe(5);
    expect(gh.count()).toBeLessThanOrEqual(3 + Math.ceil((40 + 61) / 50));
  });
});
