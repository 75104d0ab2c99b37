import { afterEach, describe, expect, test } from 'vitest';
import { createGitHubClient } from '../../../src/runtime/github-client.js';
import { startEmulator, type FaultOptions, type GitHubEmulator } from './index.js';

const repo = { owner: 'octo', repo: 'app' };
const open: GitHubEmulator[] = [];

async function start(faults?: FaultOptions): Promise<GitHubEmulator> {
  const gh = await startEmulator({ faults });
  open.push(gh);
  gh.repo('octo/app');
  return gh;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((gh) => gh.close()));
});

/** Plain sequential requests with no retries, so each status is exactly what the emulator sent. */
async function statuses(gh: GitHubEmulator, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${gh.url}/repos/octo/app/releases`, {
      headers: { authorization: `token ${gh.token}` },
    });
    await response.arrayBuffer();
    seen.push(response.status);
  }
  return seen;
}

describe('fault injection', () => {
  const faults: FaultOptions = { seed: 42, rate: 0.3, kinds: ['500', '502', '503'] };

  test('a fixed seed fails the same requests at the configured rate, run after run', async () => {
    const first = await statuses(await start(faults), 200);
    const second = await statuses(await start(faults), 200);
    expect(second).toEqual(first);
    const failed = first.filter((status) => status !== 200);
    expect(new Set(failed)).toEqual(new Set([500, 502, 503]));
    // 200 draws at p = 0.3: the fixed seed gives one exact count, which must sit near 60.
    expect(failed.length).toBeGreaterThan(45);
    expect(failed.length).toBeLessThan(75);
    const other = await statuses(await start({ ...faults, seed: 43 }), 200);
    expect(other).not.toEqual(first);
  });

  test('faulted requests are flagged in the request log', async () => {
    const gh = await start(faults);
    const seen = await statuses(gh, 50);
    expect(gh.requests.map((entry) => entry.faulted)).toEqual(seen.map((status) => status !== 200));
    expect(
      gh.requests.filter((entry) => entry.faulted).every((entry) => ['500', '502', '503'].includes(entry.fault ?? '')),
    ).toBe(true);
  });

  test('routes limit faults to the operations named', async () => {
    const gh = await start({
      seed: 1,
      rate: 1,
      kinds: ['503'],
      routes: ['repos/get-latest-release', 'GET /repos/*/tags'],
    });
    expect(await statuses(gh, 3)).toEqual([200, 200, 200]);
    const latest = await fetch(`${gh.url}/repos/octo/app/releases/latest`);
    expect(latest.status).toBe(503);
    const tags = await fetch(`${gh.url}/repos/octo/app/tags`);
    expect(tags.status).toBe(503);
  });

  test("the runtime client's retries recover from injected 5xx and dropped connections", async () => {
    const gh = await start();
    const client = createGitHubClient({
      token: gh.token,
      apiUrl: gh.url,
      retries: 8,
      retryBaseMs: 1,
      writeIntervalMs: 0,
    });
    const release = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v1',
      target_commitish: 'b'.repeat(40),
    });
    gh.setFaults({ seed: 7, rate: 0.3, kinds: ['500', '502', '503', 'drop'] });
    for (let i = 0; i < 20; i++) {
      expect((await client.rest.repos.getRelease({ ...repo, release_id: release.data.id })).data.tag_name).toBe('v1');
    }
    const faulted = gh.requests.filter((entry) => entry.faulted);
    expect(faulted.length).toBeGreaterThan(0);
    expect(gh.count('repos/get-release')).toBe(20 + faulted.length);
  });

  test('a dropped connection happens before the request changes anything', async () => {
    const gh = await start({ rate: 1, kinds: ['drop'], routes: ['repos/create-release'] });
    const client = createGitHubClient({ token: gh.token, apiUrl: gh.url, retries: 0, writeIntervalMs: 0 });
    await expect(
      client.rest.repos.createRelease({ ...repo, tag_name: 'v1', target_commitish: 'c'.repeat(40) }),
    ).rejects.toThrow();
    expect(gh.state.releases).toEqual([]);
    expect(gh.requests).toEqual([
      expect.objectContaining({ operationId: 'repos/create-release', faulted: true, fault: 'drop', status: 0 }),
    ]);
    gh.setFaults(undefined);
    await client.rest.repos.createRelease({ ...repo, tag_name: 'v1', target_commitish: 'c'.repeat(40) });
    expect(gh.state.releases).toHaveLength(1);
  });

  test('secondary rate limits answer with retry-after, and the client waits and succeeds', async () => {
    const gh = await start({
      seed: 3,
      rate: 1,
      kinds: ['429', '403-secondary'],
      routes: ['repos/list-releases'],
      retryAfterSeconds: 1,
    });
    const raw = await fetch(`${gh.url}/repos/octo/app/releases`);
    expect([429, 403]).toContain(raw.status);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(((await raw.json()) as { message: string }).message).toMatch(/secondary rate limit/);

    gh.setFaults({ seed: 3, rate: 0.5, kinds: ['429', '403-secondary'], routes: ['repos/list-releases'] });
    const client = createGitHubClient({ token: gh.token, apiUrl: gh.url, retries: 0, writeIntervalMs: 0 });
    for (let i = 0; i < 3; i++) expect((await client.rest.repos.listReleases(repo)).status).toBe(200);
    expect(gh.requests.slice(1).filter((entry) => entry.faulted).length).toBeGreaterThan(0);
  });

  test('latency faults delay but still answer', async () => {
    const gh = await start({ seed: 5, rate: 1, kinds: ['latency'], latencyMs: 20 });
    expect(await statuses(gh, 3)).toEqual([200, 200, 200]);
    expect(gh.requests.map((entry) => entry.fault)).toEqual(['latency', 'latency', 'latency']);
  });
});
