import { afterAll, beforeAll, expect, test } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../../src/runtime/github-client.js';
import { startEmulator, type GitHubEmulator } from './index.js';

const repo = { owner: 'octo', repo: 'app' };
let gh: GitHubEmulator;
let client: GitHubClient;

beforeAll(async () => {
  gh = await startEmulator();
  gh.repo('octo/app');
  // Seeded through the state: 250 API writes would take minutes of the client's write pacing.
  for (let n = 1; n <= 250; n++) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    gh.state.releases.push({
      id: gh.state.nextId(),
      repository: 'octo/app',
      tag_name: `v1.0.${n}`,
      target_commitish: 'main',
      name: `Release ${n}`,
      body: null,
      draft: false,
      prerelease: false,
      author: gh.state.actor,
      created_at: at,
      published_at: at,
      assets: [],
    });
  }
  client = createGitHubClient({ token: gh.token, apiUrl: gh.url, retries: 0, writeIntervalMs: 0 });
});

afterAll(async () => {
  await gh.close();
});

test("octokit's paginate collects all 250 releases, newest first, 30 per page by default", async () => {
  const releases = await client.paginate(client.rest.repos.listReleases, repo);
  expect(releases).toHaveLength(250);
  expect(releases[0]?.tag_name).toBe('v1.0.250');
  expect(releases.at(-1)?.tag_name).toBe('v1.0.1');
  expect(new Set(releases.map((r) => r.id)).size).toBe(250);
  expect(gh.count('repos/list-releases')).toBe(9);
});

test('per_page is capped at 100', async () => {
  const before = gh.count('repos/list-releases');
  const page = await client.rest.repos.listReleases({ ...repo, per_page: 500 });
  expect(page.data).toHaveLength(100);
  const all = await client.paginate(client.rest.repos.listReleases, { ...repo, per_page: 100 });
  expect(all).toHaveLength(250);
  expect(gh.count('repos/list-releases') - before).toBe(1 + 3);
});

test('the Link header names next, last, first and prev like GitHub', async () => {
  const middle = await client.rest.repos.listReleases({ ...repo, per_page: 100, page: 2 });
  const links = Object.fromEntries(
    (middle.headers.link ?? '').split(', ').map((part) => {
      const [, url = '', rel = ''] = /^<([^>]+)>; rel="(\w+)"$/.exec(part) ?? [];
      return [rel, new URL(url).searchParams.get('page')];
    }),
  );
  expect(links).toEqual({ prev: '1', next: '3', last: '3', first: '1' });
  const last = await client.rest.repos.listReleases({ ...repo, per_page: 100, page: 3 });
  expect(last.data).toHaveLength(50);
  expect(last.headers.link).not.toContain('rel="next"');
  const beyond = await client.rest.repos.listReleases({ ...repo, per_page: 100, page: 4 });
  expect(beyond.data).toEqual([]);
});
