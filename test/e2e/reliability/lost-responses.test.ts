import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { runAction, type GitHubEndpoints } from '../../support/harness.js';
import { type LoopbackServer, startLoopbackServer } from '../../support/loopback-server.js';
import { expectNoSecrets } from '../../support/secret-scan.js';
import { sampleHistory, type SampleHistory } from '../../unit/release-notes/sample-history.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';
import { seedSamplePullRequests } from '../release-notes/seed.js';
import { expectNoDuplicates } from './invariants.js';

/**
 * The fault the emulator's own injection cannot make: GitHub applied a write, but its answer never
 * arrived (the connection dropped, or a gateway answered 502 after the write committed). The client
 * retries; the retry must not create a second deployment, status, check run or release. A proxy in
 * front of the emulator forwards every request and, for the one chosen, loses the answer.
 */
interface LosingProxy extends LoopbackServer {
  endpoints: GitHubEndpoints;
  /** Lose the answer to the next request matching `route` (`POST /repos/*\/deployments`), after the emulator applied it. */
  loseNext(route: RegExp, how: 'drop' | '502'): void;
  lost: string[];
}

async function losingProxy(gh: GitHubEmulator): Promise<LosingProxy> {
  let pending: { route: RegExp; how: 'drop' | '502' } | undefined;
  const lost: string[] = [];
  const server = await startLoopbackServer(async (request, body, response) => {
    const line = `${request.method} ${(request.url ?? '/').split('?')[0]}`;
    const upstream = await new Promise<{
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: Buffer;
    }>((resolve, reject) => {
      const headers = { ...request.headers, host: new URL(gh.url).host };
      const forward = httpRequest(`${gh.url}${request.url}`, { method: request.method, headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
        );
      });
      forward.on('error', reject);
      forward.end(body);
    });
    if (pending && pending.route.test(line)) {
      const { how } = pending;
      pending = undefined;
      lost.push(`${line} (${upstream.status}, answer ${how === 'drop' ? 'dropped' : 'replaced by 502'})`);
      if (how === 'drop') {
        request.socket.destroy();
        return;
      }
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Server Error' }));
      return;
    }
    const { 'transfer-encoding': _te, 'connection': _c, 'keep-alive': _k, ...headers } = upstream.headers;
    response.writeHead(upstream.status, headers as Record<string, string>);
    response.end(upstream.body);
  });
  return {
    ...server,
    endpoints: { url: server.url, graphqlUrl: `${server.url}/graphql`, serverUrl: gh.serverUrl, token: gh.token },
    loseNext: (route, how) => {
      pending = { route, how };
    },
    lost,
  };
}

describe('promote when GitHub applied a write but its answer was lost', () => {
  let bed: Bed;
  let proxy: LosingProxy;
  let runId = 80_000;
  beforeAll(async () => {
    bed = await startBed();
    proxy = await losingProxy(bed.gh);
  });
  afterAll(async () => {
    await proxy.close();
    await bed.close();
  });

  it.each([
    ['creating the deployment', 'drop', /^POST \/repos\/octo\/app\/deployments$/],
    ['creating the deployment', '502', /^POST \/repos\/octo\/app\/deployments$/],
    ['setting in_progress', '502', /^POST \/repos\/octo\/app\/deployments\/\d+\/statuses$/],
  ] as const)('%s (answer: %s): one deployment, each status once, the release live', async (_what, how, route) => {
    const environment = `lost-${++runId}`;
    const artefact = await bed.artefact(`8.${runId}.0`);
    proxy.loseNext(route, how);
    const lostBefore = proxy.lost.length;
    const run = await runAction({
      action: 'promote',
      github: proxy.endpoints,
      sha: bed.git.shas[1],
      runId,
      workspace: bed.work,
      inputs: {
        environment,
        'artifact-path': artefact.file,
        'version': `8.${runId}.0`,
        'target': bed.target(environment),
        'verify-url': `${bed.siteUrl}/${environment}`,
        'verify-version': 'true',
        'lock-timeout': '5s',
      },
      env: { SLIPWAY_RETRY_BASE_MS: '10', SLIPWAY_POLL_MS: '100' },
    });
    expectNoSecrets(run, [bed.gh.token]);
    expect(proxy.lost.length - lostBefore).toBe(1);
    // lock-timeout is short so that a run waiting on a deployment it created itself fails fast.
    expect(run.errors).toEqual([]);
    const deployments = bed.gh.state.deployments.filter((d) => d.environment === environment);
    expect(deployments, 'deployments recorded for one promotion').toHaveLength(1);
    expect(statusesOf(bed.gh, deployments[0]!.id)).toEqual(['in_progress', 'success']);
    expect(await bed.served(`/${environment}`)).toBe(`200 app 8.${runId}.0`);
    expectNoDuplicates(bed.gh);
  });
});

describe('gate and release-notes when GitHub applied a write but its answer was lost', () => {
  let sample: SampleHistory;
  let gh: GitHubEmulator;
  let proxy: LosingProxy;
  let scratch: string;
  beforeAll(async () => {
    const { startEmulator } = await import('../../support/emulator/index.js');
    sample = sampleHistory();
    gh = await startEmulator();
    seedSamplePullRequests(gh.repo('octo/app', { gitDir: sample.repo.dir }), sample);
    proxy = await losingProxy(gh);
    scratch = mkdtempSync(join(tmpdir(), 'slipway-lost-'));
  });
  afterAll(async () => {
    await proxy.close();
    await gh.close();
    sample.repo.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('gate: creating the check run (answer 502) leaves one check run with every annotation once', async () => {
    const workspace = mkdtempSync(join(scratch, 'gate-'));
    mkdirSync(join(workspace, 'reports'));
    const cases = Array.from(
      { length: 3 },
      (_, i) =>
        `<testcase classname="app.T${i}" name="t" file="src/t${i}.ts" line="${i + 1}"><failure message="no"/></testcase>`,
    );
    writeFileSync(
      join(workspace, 'reports', 'TEST-a.xml'),
      `<testsuite name="a">${cases.join('')}<testcase classname="app.Ok" name="ok"/></testsuite>`,
    );
    const sha = execFileSync('git', ['rev-parse', 'v1.0.0^{commit}'], {
      cwd: sample.repo.dir,
      encoding: 'utf8',
    }).trim();
    proxy.loseNext(/^POST \/repos\/octo\/app\/check-runs$/, '502');
    const run = await runAction({
      action: 'gate',
      github: proxy.endpoints,
      workspace,
      sha,
      runId: 81_001,
      job: 'gate',
      inputs: { 'reports': 'reports/*.xml', 'check-run': 'Tests', 'max-failures': '3', 'min-pass-rate': '0' },
      env: { SLIPWAY_RETRY_BASE_MS: '10' },
    });
    expectNoSecrets(run, [gh.token]);
    expect(proxy.lost).toHaveLength(1);
    expect(run.errors).toEqual([]);
    const published = gh.state.checkRuns.filter((checkRun) => checkRun.name === 'Tests');
    expect(published, 'check runs published by one gate run').toHaveLength(1);
    expect(published[0]!.annotations).toHaveLength(3);
    expectNoDuplicates(gh);
  });

  it('release-notes: creating the release (answer dropped) leaves one release and a successful run', async () => {
    const sha = execFileSync('git', ['rev-parse', 'v1.1.0^{commit}'], {
      cwd: sample.repo.dir,
      encoding: 'utf8',
    }).trim();
    const workspace = mkdtempSync(join(scratch, 'rn-'));
    execFileSync('git', [
      '-c',
      'advice.detachedHead=false',
      'clone',
      '-q',
      '--depth',
      '1',
      '--no-tags',
      '--branch',
      'v1.1.0',
      `file://${sample.repo.dir}`,
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
    proxy.loseNext(/^POST \/repos\/octo\/app\/releases$/, 'drop');
    const lostBefore = proxy.lost.length;
    const run = await runAction({
      action: 'release-notes',
      github: proxy.endpoints,
      event,
      ref: 'refs/tags/v1.1.0',
      sha,
      workspace,
      runId: 81_002,
      env: { SLIPWAY_RETRY_BASE_MS: '10' },
    });
    expectNoSecrets(run, [gh.token]);
    expect(proxy.lost.length - lostBefore).toBe(1);
    expect(run.errors).toEqual([]);
    expect(gh.state.releases.filter((release) => release.tag_name === 'v1.1.0')).toHaveLength(1);
    expect(run.outputs['release-id']).toBe(
      String(gh.state.releases.find((release) => release.tag_name === 'v1.1.0')!.id),
    );
    expectNoDuplicates(gh);
  });
});
