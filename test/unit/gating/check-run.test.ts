import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CheckAnnotation,
  type CheckRunApi,
  checkRunApi,
  publishCheckRun,
} from '../../../src/gating/output/check-run.js';
import { createGitHubClient } from '../../../src/runtime/github-client.js';

interface Call {
  kind: 'find' | 'create' | 'update';
  status?: string;
  conclusion?: string;
  annotations: number;
}

function fakeApi(existing?: {
  id: number;
  status: string;
}): CheckRunApi & { calls: Call[]; annotations: CheckAnnotation[] } {
  const calls: Call[] = [];
  const annotations: CheckAnnotation[] = [];
  return {
    calls,
    annotations,
    async find() {
      calls.push({ kind: 'find', annotations: 0 });
      return existing;
    },
    async create(run) {
      calls.push({
        kind: 'create',
        status: run.status,
        conclusion: run.conclusion,
        annotations: run.output.annotations?.length ?? 0,
      });
      annotations.push(...(run.output.annotations ?? []));
      return 42;
    },
    async update(_id, run) {
      calls.push({
        kind: 'update',
        status: run.status,
        conclusion: run.conclusion,
        annotations: run.output.annotations?.length ?? 0,
      });
      annotations.push(...(run.output.annotations ?? []));
    },
  };
}

const annotations = (count: number): CheckAnnotation[] =>
  Array.from({ length: count }, (_, i) => ({
    path: `src/f${i}.ts`,
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'failure',
    message: `failure ${i}`,
  }));
const options = {
  name: 'Tests',
  externalId: 'run/1/gate',
  conclusion: 'failure' as const,
  title: 'Failed',
  summary: '## ❌',
};

describe('publishing a check run', () => {
  it('sends 120 annotations complete in exactly 3 requests of at most 50, completing with the last', async () => {
    const api = fakeApi();
    const result = await publishCheckRun(api, { ...options, annotations: annotations(120) });
    expect(result).toEqual({ id: 42, annotationRequests: 3, alreadyPublished: false });
    expect(api.calls).toEqual([
      { kind: 'find', annotations: 0 },
      { kind: 'create', status: 'in_progress', conclusion: undefined, annotations: 50 },
      { kind: 'update', status: undefined, conclusion: undefined, annotations: 50 },
      { kind: 'update', status: 'completed', conclusion: 'failure', annotations: 20 },
    ]);
    expect(api.annotations.map((annotation) => annotation.message)).toEqual(
      annotations(120).map((annotation) => annotation.message),
    );
  });

  it('up to 50 annotations (or none) go out with one completed create', async () => {
    for (const count of [0, 50]) {
      const api = fakeApi();
      await publishCheckRun(api, { ...options, conclusion: 'success', annotations: annotations(count) });
      expect(api.calls.slice(1)).toEqual([
        { kind: 'create', status: 'completed', conclusion: 'success', annotations: count },
      ]);
    }
  });

  it('a re-run of the step finds its completed check run and publishes nothing twice', async () => {
    const api = fakeApi({ id: 7, status: 'completed' });
    expect(await publishCheckRun(api, { ...options, annotations: annotations(3) })).toEqual({
      id: 7,
      annotationRequests: 0,
      alreadyPublished: true,
    });
    expect(api.calls.map((call) => call.kind)).toEqual(['find']);
  });

  it('a run left in progress by an interrupted step is completed instead of duplicated', async () => {
    const api = fakeApi({ id: 7, status: 'in_progress' });
    await publishCheckRun(api, { ...options, annotations: annotations(60) });
    expect(api.calls.map((call) => [call.kind, call.annotations, call.status])).toEqual([
      ['find', 0, undefined],
      ['update', 50, undefined],
      ['update', 10, 'completed'],
    ]);
  });
});

describe('checkRunApi creating a check run whose answer is lost', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  /** A loopback GitHub that applies every create but answers the first with a 502. */
  async function losingGitHub() {
    const runs: Array<{ id: number; name: string; external_id: string; status: string }> = [];
    const posts: number[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const reply = (status: number, data: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(data));
        };
        if (req.method === 'POST' && req.url === '/repos/o/r/check-runs') {
          const run = {
            id: runs.length + 1,
            status: 'in_progress',
            ...(JSON.parse(body) as { name: string; external_id: string }),
          };
          runs.push(run);
          posts.push(run.id);
          return posts.length === 1 ? reply(502, { message: 'Server Error' }) : reply(201, run);
        }
        if (req.method === 'GET' && req.url?.startsWith('/repos/o/r/commits/abc/check-runs'))
          return reply(200, { total_count: runs.length, check_runs: runs });
        return reply(404, { message: 'Not Found' });
      });
    });
    server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { runs, posts, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  it('finds the run GitHub made instead of creating a second one', async () => {
    const gh = await losingGitHub();
    const api = checkRunApi(createGitHubClient({ token: 't', apiUrl: gh.base, retryBaseMs: 1 }), 'o', 'r', 'abc', {
      retryBaseMs: 1,
    });
    const id = await api.create({
      name: 'Tests',
      external_id: 'run/1',
      status: 'in_progress',
      output: { title: 't', summary: 's' },
    });
    expect(gh.posts).toEqual([1]);
    expect(gh.runs).toHaveLength(1);
    expect(id).toBe(1);
  });
});
