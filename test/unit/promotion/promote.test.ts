import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, RequestCounter } from '../../../src/runtime/github-client.js';
import { sha256File, verifyAndExtract } from '../../../src/packaging/extract.js';
import { systemClock } from '../../../src/runtime/clock.js';
import { DirTarget } from '../../../src/promotion/dir-target.js';
import { gitHubApi } from '../../../src/promotion/github-api.js';
import { promote, type PromoteOptions } from '../../../src/promotion/promote.js';
import { rollback } from '../../../src/promotion/rollback.js';
import { createGitFixture, type GitFixture } from '../../support/emulator/git-fixture.js';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { makeArtefact } from './artefacts.js';
import { childExec } from './child-exec.js';
import { loopback } from './loopback.js';

const HOUR = 3_600_000;
let gh: GitHubEmulator;
let git: GitFixture;
let work: string;
let site: Awaited<ReturnType<typeof loopback>>;
/** The emulator's clock runs this far behind real time, to record deployments "in the past". */
let lag = 0;

let repo = { owner: 'octo', name: 'app' };
let repoCount = 0;

// One emulator for the file (its OpenAPI and GraphQL schemas load once); a fresh repository per test.
beforeAll(async () => {
  gh = await startEmulator({ now: () => new Date(Date.now() - lag) });
  git = await createGitFixture([
    { message: 'one', files: { a: '1' } },
    { message: 'two', files: { a: '2' } },
  ]);
});

afterAll(async () => {
  await gh.close();
  await git.remove();
});

beforeEach(async () => {
  lag = 0;
  repo = { owner: 'octo', name: `app${++repoCount}` };
  gh.repo(`octo/${repo.name}`, { gitDir: git.dir });
  // The runs the records name: Slipway believes a record only when its run exists in this repository.
  for (const runId of [42, 43]) gh.workflowRunStarted(`octo/${repo.name}`, runId);
  work = await mkdtemp(join(tmpdir(), 'slipway-promote-'));
  // Serves each environment's `current` release: /<env> answers with its version.txt and `status` file.
  site = await loopback(async (req, res) => {
    const dir = await realpath(join(work, 'envs', (req.url ?? '/').slice(1), 'current'));
    res
      .writeHead(Number(await readFile(join(dir, 'status'), 'utf8')))
      .end(await readFile(join(dir, 'version.txt'), 'utf8'));
  });
});

afterEach(async () => {
  await site.close();
  await rm(work, { recursive: true, force: true });
});

function client(counter = new RequestCounter()) {
  const octokit = createGitHubClient({
    token: gh.token,
    apiUrl: gh.url,
    graphqlUrl: gh.graphqlUrl,
    retries: 0,
    counter,
    writeIntervalMs: 0,
  });
  return { counter, octokit, api: gitHubApi(octokit) };
}

function options(environment: string, overrides: Partial<PromoteOptions> = {}): PromoteOptions {
  return {
    environment,
    strategy: 'direct',
    target: new DirTarget(join(work, 'envs', environment)),
    deployCommand: [],
    migrateCommand: [],
    switchCommand: [],
    verifyUrl: `${site.url}/${environment}`,
    verifyVersion: true,
    verifyTimeoutMs: 2_000,
    soakWatchMs: 0,
    rollbackOnFailure: true,
    pollMs: 50,
    soakMs: 0,
    window: { policy: { windows: [], freezes: [], timezone: 'UTC' }, waitMs: 0 },
    force: false,
    lockTimeoutMs: 30_000,
    staleAfterMs: HOUR,
    lockPollMs: 50,
    keep: 3,
    production: environment === 'production',
    transient: false,
    requiredContexts: [],
    sha: git.shas[1] as string,
    runUrl: `https://github.com/octo/${repo.name}/actions/runs/42`,
    ...overrides,
  };
}

async function run(environment: string, file: string, overrides: Partial<PromoteOptions> = {}, exec = childExec()) {
  const { counter, api } = client();
  const result = await promote(options(environment, overrides), {
    gh: api,
    repo,
    clock: systemClock,
    exec,
    extract: verifyAndExtract,
    hashFile: sha256File,
    obtainArtefact: async () => ({ file, ref: { path: file }, source: `at ${file}` }),
    workDir: work,
    log: () => {},
  });
  return { result, requests: counter.total };
}

const deployments = () => gh.state.deployments.filter((d) => d.repository === `octo/${repo.name}`);
const statuses = (id: number) => gh.state.deploymentStatuses.filter((s) => s.deploymentId === id).map((s) => s.state);

describe('promote against the emulator', () => {
  it('moves one digest dev → staging → production within 6 requests each, recording each deployment properly', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const dev = await run('dev', v1.file, { version: '1.0.0' });
    const staging = await run('staging', v1.file, { from: 'dev' });
    const production = await run('production', v1.file, { from: 'staging' });
    for (const step of [dev, staging, production]) {
      expect(step.result.outcome).toBe('deployed');
      expect(step.requests).toBeLessThanOrEqual(6);
    }
    expect(await (await fetch(`${site.url}/production`)).text()).toBe('app 1.0.0');
    const record = deployments().find((d) => d.id === production.result.deploymentId);
    expect(record).toMatchObject({
      sha: git.shas[1],
      environment: 'production',
      task: 'deploy',
      production_environment: true,
      transient_environment: false,
    });
    expect(record?.payload).toEqual({
      slipway: 1,
      version: '1.0.0',
      digest: v1.digest,
      artifact: { path: v1.file },
      slot: null,
      upstream: { environment: 'staging', deployment_id: staging.result.deploymentId },
      run_url: `https://github.com/octo/${repo.name}/actions/runs/42`,
    });
    expect(statuses(production.result.deploymentId as number)).toEqual(['in_progress', 'success']);
  });

  it('marks the replaced deployment inactive, and is a no-op on a re-run', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const v2 = await makeArtefact(work, '2.0.0');
    const first = await run('dev', v1.file, { version: '1.0.0' });
    const second = await run('dev', v2.file, { version: '2.0.0' });
    expect(second.requests).toBe(6);
    expect(statuses(first.result.deploymentId as number)).toEqual(['in_progress', 'success', 'inactive']);
    const again = await run('dev', v2.file, { version: '2.0.0' });
    expect(again.result).toMatchObject({
      outcome: 'skipped',
      deploymentId: second.result.deploymentId,
      version: '2.0.0',
      digest: v2.digest,
      previous: { version: '1.0.0' },
    });
    expect(again.requests).toBe(1);
    expect(deployments()).toHaveLength(2);
  });

  it('refuses a digest with no success upstream before creating anything', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    await expect(run('staging', v1.file, { from: 'dev' })).rejects.toThrow(
      /^Refused by rule 'upstream': 'dev' has no current successful deployment/,
    );
    expect(deployments()).toHaveLength(0);
  });

  it('refuses an artefact whose digest differs from the upstream one', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const other = await makeArtefact(work, '1.0.1');
    await run('dev', v1.file, { version: '1.0.0' });
    await expect(run('staging', other.file, { from: 'dev' })).rejects.toThrow(
      `Refused by rule 'digest': the artefact at ${other.file} has digest ${other.digest}, expected ${v1.digest}.`,
    );
    expect(deployments().filter((d) => d.environment === 'staging')).toHaveLength(0);
  });

  it('serialises two promotions of one environment started together', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const v2 = await makeArtefact(work, '2.0.0');
    const events: string[] = [];
    const deploy = ['node', '-e', 'setTimeout(() => {}, 300)'];
    const traced = (label: string) => {
      const exec = childExec();
      return async (...args: Parameters<typeof exec>) => {
        events.push(`start ${label}`);
        const code = await exec(...args);
        events.push(`end ${label}`);
        return code;
      };
    };
    const [a, b] = await Promise.all([
      run('dev', v1.file, { version: '1.0.0', deployCommand: deploy }, traced('a')),
      run('dev', v2.file, { version: '2.0.0', deployCommand: deploy }, traced('b')),
    ]);
    expect([a.result.outcome, b.result.outcome]).toEqual(['deployed', 'deployed']);
    // One deploy ran entirely before the other started.
    expect([events.slice(0, 2), events.slice(2)].map((pair) => pair.map((e) => e.split(' ')[0]))).toEqual([
      ['start', 'end'],
      ['start', 'end'],
    ]);
    expect(events[0]?.split(' ')[1]).toBe(events[1]?.split(' ')[1]);
  });

  it('marks a stale in_progress deployment abandoned and proceeds', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const { octokit } = client();
    lag = 2 * HOUR;
    const stale = (
      await octokit.request('POST /repos/{owner}/{repo}/deployments', {
        owner: 'octo',
        repo: repo.name,
        ref: git.shas[0]!,
        environment: 'dev',
        auto_merge: false,
        required_contexts: [],
        payload: { slipway: 1, version: '0.9.0', digest: v1.digest },
      })
    ).data as { id: number };
    await octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      owner: 'octo',
      repo: repo.name,
      deployment_id: stale.id,
      state: 'in_progress',
    });
    lag = 0;
    const { result, requests } = await run('dev', v1.file, { version: '1.0.0' });
    expect(result.outcome).toBe('deployed');
    expect(statuses(stale.id)).toEqual(['in_progress', 'error']);
    expect(
      gh.state.deploymentStatuses.find((s) => s.deploymentId === stale.id && s.state === 'error')?.description,
    ).toMatch(/^abandoned/);
    expect(requests).toBe(6); // the stale one was the only other deployment: one status instead of an inactive one
  });

  it('refuses until the soak time upstream has passed', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    await run('dev', v1.file, { version: '1.0.0' });
    await expect(run('staging', v1.file, { from: 'dev', soakMs: HOUR })).rejects.toThrow(
      /^Refused by rule 'soak': 1\.0\.0 \(\w{12}\) success in 'dev' since .* has soaked \d+m?s of the required 1h\.$/,
    );
    lag = 0;
    expect(deployments().filter((d) => d.environment === 'staging')).toHaveLength(0);
  });

  it('rolls back automatically when verification fails, then the rollback action restores and blocks re-promotion', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const bad = await makeArtefact(work, '2.0.0', 500);
    await run('dev', v1.file, { version: '1.0.0' });
    const failed = await run('dev', bad.file, { version: '2.0.0' });
    expect(failed.result).toMatchObject({ outcome: 'rolled-back', previous: { version: '1.0.0' } });
    expect(failed.result.error).toMatch(/^Rolled back to 1\.0\.0: Verification of .* failed: HTTP 500/);
    expect(await (await fetch(`${site.url}/dev`)).text()).toBe('app 1.0.0');
    expect(statuses(failed.result.deploymentId as number)).toEqual(['in_progress', 'failure']);
    // Recorded as a deployment of the restored release whose payload says what was taken out and why.
    const restore = deployments().at(-1);
    const rolledBack = { deployment_id: failed.result.deploymentId, version: '2.0.0', digest: bad.digest };
    expect(restore).toMatchObject({ task: 'deploy:rollback', payload: { version: '1.0.0', rolled_back: rolledBack } });
    expect((restore?.payload as { rolled_back: { reason: string } }).rolled_back.reason).toMatch(
      /^Verification of .* failed: HTTP 500/,
    );
    expect(statuses(restore?.id as number)).toEqual(['success']);
    // The auto-rolled-back digest is not promoted again without force.
    await expect(run('dev', bad.file, { version: '2.0.0' })).rejects.toThrow(/^Refused by rule 'rolled-back'/);

    // A good 3.0.0, then the rollback action takes it out again: a switch to the kept 1.0.0 release.
    const v3 = await makeArtefact(work, '3.0.0');
    const third = await run('dev', v3.file, { version: '3.0.0' });
    const { api } = client();
    const restored = await rollback(
      {
        ...options('dev'),
        migrateCommand: [],
        rollbackOnFailure: false,
        runUrl: `https://github.com/octo/${repo.name}/actions/runs/43`,
      },
      { gh: api, repo, clock: systemClock, exec: childExec(), extract: verifyAndExtract, workDir: work, log: () => {} },
    );
    expect(restored).toMatchObject({
      restored: { version: '1.0.0' },
      replaced: { version: '3.0.0' },
      method: 'switch',
    });
    expect(await (await fetch(`${site.url}/dev`)).text()).toBe('app 1.0.0');
    const record = deployments().find((d) => d.id === restored.deploymentId);
    expect(record).toMatchObject({ task: 'deploy:rollback', sha: git.shas[1] });
    expect(statuses(third.result.deploymentId as number).at(-1)).toBe('failure');
    await expect(run('dev', v3.file, { version: '3.0.0' })).rejects.toThrow(/^Refused by rule 'rolled-back'/);
    expect((await run('dev', v3.file, { version: '3.0.0', force: true })).result.outcome).toBe('deployed');
  });
});

it('blue/green: when another promotion switches slots while this one waits for the lock, deploys into the new idle slot', async () => {
  const [a, b] = [await makeArtefact(work, '1.0.0'), await makeArtefact(work, '2.0.0')];
  const blueGreen = (version: string, deployCommand: string[] = []) => ({
    version,
    strategy: 'blue-green' as const,
    deployCommand,
  });
  // A is still deploying (into blue: nothing is live yet) when B starts and reads the history.
  const first = run('dev', a.file, blueGreen('1.0.0', ['node', '-e', 'setTimeout(() => {}, 1500)']));
  const aStarted = () =>
    gh.state.deploymentStatuses.some(
      (s) => s.state === 'in_progress' && deployments().some((d) => d.id === s.deploymentId),
    );
  while (!aStarted()) await new Promise((r) => setTimeout(r, 20));
  const second = await run('dev', b.file, blueGreen('2.0.0'));
  const done = await first;
  expect(done.result).toMatchObject({ outcome: 'deployed', slot: 'blue' });
  // Blue went live while B waited: B must stage green, never overwrite the live blue.
  expect(second.result).toMatchObject({ outcome: 'deployed', slot: 'green', previous: { version: '1.0.0' } });
  expect(await (await fetch(`${site.url}/dev`)).text()).toBe('app 2.0.0');
  expect(await readFile(join(work, 'envs', 'dev', 'blue', 'version.txt'), 'utf8')).toBe('app 1.0.0');
});

describe('believes only deployment records Slipway made', () => {
  /** A deployment with Slipway's payload and a `success` status, posted by someone else's token (issue 16, finding 2). */
  const MALLORY = { login: 'mallory', type: 'User' as const };
  async function forge(
    environment: string,
    payload: Record<string, unknown>,
    as: { login: string; type: 'User' | 'Bot' } = MALLORY,
  ): Promise<number> {
    const saved = gh.state.actor;
    gh.state.actor = as;
    try {
      const { octokit } = client();
      const body = { slipway: 1, slot: null, upstream: null, run_url: options(environment).runUrl, ...payload };
      const where = { owner: 'octo', repo: repo.name };
      const created = (
        await octokit.request('POST /repos/{owner}/{repo}/deployments', {
          ...where,
          ref: git.shas[1]!,
          environment,
          auto_merge: false,
          required_contexts: [],
          payload: body,
        })
      ).data as { id: number };
      await octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        ...where,
        deployment_id: created.id,
        state: 'success',
      });
      return created.id;
    } finally {
      gh.state.actor = saved;
    }
  }

  it('ignores a forged upstream success by another user, and one naming a run that does not exist', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const forged = await forge('dev', { version: '1.0.0', digest: v1.digest, artifact: { path: v1.file } });
    const ignored =
      /\(ignored 1 deployment record\(s\) made by mallory, not by github-actions\[bot\]; list their creator in 'trusted-creators'/;
    await expect(run('staging', v1.file, { from: 'dev' })).rejects.toThrow(
      /^Refused by rule 'upstream': 'dev' has no current successful deployment to promote; found no deployments /,
    );
    await expect(run('staging', v1.file, { from: 'dev' })).rejects.toThrow(ignored);
    expect(deployments().filter((d) => d.environment === 'staging')).toHaveLength(0);
    // Listed in `trusted-creators`, the same record is believed.
    const trusting = await run('qa', v1.file, { from: 'dev', trustedCreators: ['mallory'] });
    expect(trusting.result).toMatchObject({ outcome: 'deployed', upstream: { deploymentId: forged } });

    // The workflow's own identity, but the payload names no run of this repository that exists: not Slipway's.
    const bot = { login: 'github-actions[bot]', type: 'Bot' as const };
    const noRun = await forge(
      'dev',
      { version: '1.0.0', digest: v1.digest, run_url: `https://github.com/octo/${repo.name}/actions/runs/999` },
      bot,
    );
    await expect(run('staging', v1.file, { from: 'dev' })).rejects.toThrow(
      `Deployment ${noRun} in 'dev' names workflow run 999, which does not exist in octo/${repo.name}`,
    );
    const elsewhere = await forge(
      'dev',
      { version: '1.0.0', digest: v1.digest, run_url: 'https://github.com/evil/app/actions/runs/42' },
      bot,
    );
    await expect(run('staging', v1.file, { from: 'dev' })).rejects.toThrow(
      `Deployment ${elsewhere} in 'dev' names no workflow run of octo/${repo.name}`,
    );
    expect(deployments().filter((d) => d.environment === 'staging')).toHaveLength(0);
  });

  it('never rolls back into a forged release: neither after a failed verification nor with the rollback action', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const evil = await makeArtefact(work, '0.6.6');
    await run('dev', v1.file, { version: '1.0.0' });
    // Newer than 1.0.0 and `success`: were it believed, it would be the release to return to.
    await forge('dev', { version: '0.6.6', digest: evil.digest, artifact: { path: evil.file } });

    const bad = await makeArtefact(work, '2.0.0', 500);
    const failed = await run('dev', bad.file, { version: '2.0.0' });
    expect(failed.result).toMatchObject({ outcome: 'rolled-back', previous: { version: '1.0.0' } });
    expect(await (await fetch(`${site.url}/dev`)).text()).toBe('app 1.0.0');

    const v3 = await makeArtefact(work, '3.0.0');
    expect((await run('dev', v3.file, { version: '3.0.0' })).result.outcome).toBe('deployed');
    const { api } = client();
    const restored = await rollback(
      {
        ...options('dev'),
        migrateCommand: [],
        rollbackOnFailure: false,
        runUrl: `https://github.com/octo/${repo.name}/actions/runs/43`,
      },
      { gh: api, repo, clock: systemClock, exec: childExec(), extract: verifyAndExtract, workDir: work, log: () => {} },
    );
    expect(restored).toMatchObject({ restored: { version: '1.0.0' }, replaced: { version: '3.0.0' } });
    expect(await (await fetch(`${site.url}/dev`)).text()).toBe('app 1.0.0');
  });
});
