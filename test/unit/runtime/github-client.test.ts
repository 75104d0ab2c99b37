import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient, RequestCounter } from '../../../src/runtime/github-client.js';

interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  at: number;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A loopback server answering from a script of responses, recording what it was asked. */
async function serve(
  answer: (req: IncomingMessage, index: number) => { status: number; body: unknown; headers?: Record<string, string> },
) {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, at: Date.now() });
    req.resume();
    req.on('end', () => {
      const { status, body, headers } = answer(req, seen.length - 1);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { seen, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('createGitHubClient', () => {
  it('sends REST to the API URL and GraphQL to the GraphQL URL, with the token, and counts both', async () => {
    const { seen, base } = await serve((req) =>
      req.url === '/gql'
        ? { status: 200, body: { data: { viewer: { login: 'octo' } } } }
        : { status: 200, body: { full_name: 'octo/app' } },
    );
    const counter = new RequestCounter();
    const client = createGitHubClient({
      token: 't0ken',
      apiUrl: `${base}/api/v3/`,
      graphqlUrl: `${base}/gql`,
      counter,
    });
    const repo = await client.rest.repos.get({ owner: 'octo', repo: 'app' });
    const gql = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    expect(repo.data.full_name).toBe('octo/app');
    expect(gql.viewer.login).toBe('octo');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/v3/repos/octo/app', 'POST /gql']);
    expect(seen.every((s) => s.auth === 'token t0ken')).toBe(true);
    expect(counter.total).toBe(2);
    expect(counter.byRoute.get('GET /repos/{owner}/{repo}')).toBe(1);
  });

  it('retries a 5xx answer and succeeds', async () => {
    const { seen, base } = await serve((_req, index) =>
      index < 2 ? { status: 503, body: { message: 'unavailable' } } : { status: 200, body: { id: 1 } },
    );
    const client = createGitHubClient({ token: 't', apiUrl: base, retryBaseMs: 1 });
    const release = await client.rest.repos.getRelease({ owner: 'o', repo: 'r', release_id: 1 });
    expect(release.data.id).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it('does not retry a 404 or 422', async () => {
    const { seen, base } = await serve(() => ({ status: 422, body: { message: 'Validation Failed' } }));
    const client = createGitHubClient({ token: 't', apiUrl: base, retryBaseMs: 1 });
    await expect(client.rest.repos.createRelease({ owner: 'o', repo: 'r', tag_name: 'v1' })).rejects.toMatchObject({
      status: 422,
    });
    expect(seen).toHaveLength(1);
  });

  it('waits out a secondary rate limit as told by retry-after, then succeeds', async () => {
    const logged: string[] = [];
    const { seen, base } = await serve((_req, index) =>
      index === 0
        ? {
            status: 403,
            body: { message: 'You have exceeded a secondary rate limit.' },
            headers: { 'retry-after': '1' },
          }
        : { status: 200, body: { id: 2 } },
    );
    const client = createGitHubClient({ token: 't', apiUrl: base, log: (m) => logged.push(m) });
    const started = Date.now();
    await client.rest.repos.getRelease({ owner: 'o', repo: 'r', release_id: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
    expect(logged.join('\n')).toContain('secondary rate limit');
  });

  it('spaces writes by the interval asked for, and reads not at all', async () => {
    const { seen, base } = await serve(() => ({ status: 200, body: { id: 1 } }));
    const client = createGitHubClient({ token: 't', apiUrl: base, writeIntervalMs: 400 });
    await Promise.all([
      client.rest.repos.createDeploymentStatus({ owner: 'o', repo: 'r', deployment_id: 1, state: 'success' }),
      client.rest.repos.createDeploymentStatus({ owner: 'o', repo: 'r', deployment_id: 1, state: 'inactive' }),
    ]);
    const [first, second] = seen.map((s) => s.at).sort((a, b) => a - b);
    expect(second! - first!).toBeGreaterThanOrEqual(380);
  });
});
