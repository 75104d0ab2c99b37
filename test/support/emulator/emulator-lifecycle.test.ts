import { expect, test } from 'vitest';
import { createGitHubClient } from '../../../src/runtime/github-client.js';
import { startEmulator } from './index.js';

// Alone in its file (its own process), so that no other test's sockets are counted.
const tcpHandles = () => process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;

test('binds to 127.0.0.1, and close() leaves no server or keep-alive socket behind', async () => {
  const baseline = tcpHandles();
  const gh = await startEmulator();
  gh.repo('octo/app');
  expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(gh.graphqlUrl).toBe(`${gh.url}/graphql`);
  const client = createGitHubClient({ token: gh.token, apiUrl: gh.url, retries: 0, writeIntervalMs: 0 });
  const repo = { owner: 'octo', repo: 'app' };
  await Promise.all([client.rest.repos.listReleases(repo), client.rest.repos.listReleases(repo), client.rest.repos.get(repo)]);
  expect(tcpHandles()).toBeGreaterThan(baseline);
  await gh.close();
  // The client's side of each kept-alive connection closes once it reads the server's FIN.
  for (let attempt = 0; attempt < 100 && tcpHandles() > baseline; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(tcpHandles()).toBe(baseline);
});
