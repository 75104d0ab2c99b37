import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyFlags, FLAGS_FILE } from '../../../src/flags/apply-flags.js';
import { parseFlagSet } from '../../../src/flags/flag-set.js';
import { flagState } from '../../../src/flags/flag-state.js';
import { createFlagsRecord, type FlagsPayload } from '../../../src/flags/flag-record.js';
import { setFlag } from '../../../src/flags/set-flag.js';
import { setStatus } from '../../../src/promotion/deployment-record.js';
import { sha256File, verifyAndExtract } from '../../../src/packaging/extract.js';
import { readHistory } from '../../../src/promotion/deployment-history.js';
import { DirTarget } from '../../../src/promotion/dir-target.js';
import { gitHubApi } from '../../../src/promotion/github-api.js';
import { measureDelivery } from '../../../src/promotion/metrics/measure.js';
import { promote, type PromoteOptions } from '../../../src/promotion/promote.js';
import { rollback } from '../../../src/promotion/rollback.js';
import { statusMatrix } from '../../../src/promotion/status-matrix.js';
import { systemClock } from '../../../src/runtime/clock.js';
import { createGitHubClient, RequestCounter } from '../../../src/runtime/github-client.js';
import { createGitFixture, type GitFixture } from '../../support/emulator/git-fixture.js';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { makeArtefact } from '../promotion/artefacts.js';
import { childExec } from '../promotion/child-exec.js';
import { loopback } from '../promotion/loopback.js';

// The flags domain against the emulator and a dir: target: a change is written and recorded as a
// `task: flags` deployment, a malformed set is refused before either, and no reader of the release
// history (status, promote, rollback, metrics, the lock) takes a flag change for a release.

const HOUR = 3_600_000;
const FLAGS = {
  flags: {
    'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' },
  },
};
let gh: GitHubEmulator;
let git: GitFixture;
let work: string;
let site: Awaited<ReturnType<typeof loopback>>;
let repo = { owner: 'octo', name: 'flags' };
let count = 0;

beforeAll(async () => {
  gh = await startEmulator();
  git = await createGitFixture([{ message: 'one', files: { a: '1' } }]);
});

afterAll(async () => {
  await gh.close();
  await git.remove();
});

beforeEach(async () => {
  repo = { owner: 'octo', name: `flags${++count}` };
  gh.repo(`octo/${repo.name}`, { gitDir: git.dir });
  for (const runId of [42, 43]) gh.workflowRunStarted(`octo/${repo.name}`, runId);
  work = await mkdtemp(join(tmpdir(), 'slipway-flags-'));
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

function api(counter = new RequestCounter()) {
  const octokit = createGitHubClient({
    token: gh.token,
    apiUrl: gh.url,
    graphqlUrl: gh.graphqlUrl,
    retries: 0,
    counter,
    writeIntervalMs: 0,
  });
  return gitHubApi(octokit);
}

const target = (environment: string) => new DirTarget(join(work, 'envs', environment));
const runUrl = (run = 42) => `https://github.com/octo/${repo.name}/actions/runs/${run}`;

function options(environment: string, overrides: Partial<PromoteOptions> = {}): PromoteOptions {
  return {
    environment,
    strategy: 'direct',
    target: target(environment),
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
    sha: git.shas[0] as string,
    runUrl: runUrl(),
    ...overrides,
  };
}

const deps = (file: string, extra: Partial<Parameters<typeof promote>[1]> = {}) => ({
  gh: api(),
  repo,
  clock: systemClock,
  exec: childExec(),
  extract: verifyAndExtract,
  hashFile: sha256File,
  obtainArtefact: async () => ({ file, ref: { path: file }, source: `at ${file}` }),
  workDir: work,
  log: () => {},
  ...extra,
});

/** `slipway flags set <flag> <value> --environment <environment>`, as the action and CLI do it. */
async function setAndApply(environment: string, flag: string, value: string, reason = 'incident 4411') {
  const state = await flagState(api(), repo, environment, parseFlagSet(JSON.stringify(FLAGS), 'flags.json'));
  const { set, change } = setFlag(state.set, flag, value);
  return applyFlags(api(), repo, {
    environment,
    set,
    changed: [change],
    reason,
    actor: 'ada',
    runUrl: runUrl(43),
    sha: git.shas[0] as string,
    production: environment === 'production',
    destination: { kind: 'target', target: target(environment) },
  });
}

const deployments = () => gh.state.deployments.filter((d) => d.repository === `octo/${repo.name}`);
const statuses = (id: number) => gh.state.deploymentStatuses.filter((s) => s.deploymentId === id).map((s) => s.state);
const flagsOn = async (environment: string) =>
  JSON.parse(await readFile(join(work, 'envs', environment, FLAGS_FILE), 'utf8')) as typeof FLAGS;

describe('a flag change', () => {
  it('is written atomically to the target and recorded as a task: flags deployment with who, what and why', async () => {
    const applied = await setAndApply('production', 'checkout-v2', 'off');
    expect(applied.outcome).toBe('changed');
    expect((await flagsOn('production')).flags['checkout-v2'].defaultVariant).toBe('off');
    const [record] = deployments();
    expect(record).toMatchObject({ environment: 'production', task: 'flags', production_environment: true });
    expect(record?.payload).toEqual({
      slipway_flags: 1,
      flags: {
        flags: { 'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } },
      },
      changed: [{ flag: 'checkout-v2', from: 'on', to: 'off' }],
      reason: 'incident 4411',
      actor: 'ada',
      run_url: runUrl(43),
      target: `dir:${join(work, 'envs', 'production')}`,
    });
    expect(statuses(record!.id)).toEqual(['in_progress', 'success']);
    // The next change starts from the recorded state, not from the repository file.
    const again = await setAndApply('production', 'checkout-v2', 'on', 'fixed');
    expect(again.changed).toEqual([{ flag: 'checkout-v2', from: 'off', to: 'on' }]);
  });

  it("is refused with flagd's message when the set is malformed: nothing written, nothing recorded", async () => {
    const bad = { flags: { 'checkout-v2': { state: 'ENABLED', variants: { on: true }, defaultVariant: 'gone' } } };
    await expect(
      applyFlags(api(), repo, {
        environment: 'production',
        set: bad as never,
        changed: [],
        reason: '',
        actor: 'ada',
        runUrl: runUrl(),
        sha: git.shas[0] as string,
        production: true,
        destination: { kind: 'target', target: target('production') },
      }),
    ).rejects.toThrow(/invalid flagd flag configuration: Default variant gone missing from variants/);
    await expect(readFile(join(work, 'envs', 'production', FLAGS_FILE))).rejects.toThrow(/ENOENT/);
    expect(deployments()).toEqual([]);
  });
});

describe('the release history after a flag change', () => {
  it('still shows the release as live: status, promote from it, rollback target and metrics are unchanged', async () => {
    const v1 = await makeArtefact(work, '1.0.0');
    const v2 = await makeArtefact(work, '2.0.0');
    expect((await promote(options('staging', { version: '1.0.0' }), deps(v1.file))).outcome).toBe('deployed');
    expect((await promote(options('staging', { version: '2.0.0' }), deps(v2.file))).outcome).toBe('deployed');
    const before = await measureDelivery(api(), repo, {
      environments: ['staging'],
      now: Date.now() + 1000,
      windowMs: HOUR,
      fixForwardMs: 0,
    });
    await setAndApply('staging', 'checkout-v2', 'off');
    // And a flag change still under way in each environment (its command not finished yet).
    for (const environment of ['staging', 'production']) {
      const running = await createFlagsRecord(api(), repo, {
        sha: git.shas[0] as string,
        environment,
        production: false,
        payload: { ...(deployments().at(-1)!.payload as unknown as FlagsPayload), run_url: runUrl(43) + environment },
      });
      await setStatus(api(), repo, running, { state: 'in_progress', description: 'Writing flags' });
    }

    // status: the release is still live in staging, and the newest status is the release's (not in_progress).
    const [row] = statusMatrix(['staging'], await readHistory(api(), repo, ['staging']));
    expect(row).toMatchObject({ version: '2.0.0', digest: v2.digest, status: 'success' });
    // metrics: the flag change is not a deployment.
    const after = await measureDelivery(api(), repo, {
      environments: ['staging'],
      now: Date.now() + 1000,
      windowMs: HOUR,
      fixForwardMs: 0,
    });
    expect(after.environments).toEqual(before.environments);
    // promote from staging takes the release staging runs (not the flag record), and its lock is free.
    const production = await promote(options('production', { from: 'staging', lockTimeoutMs: 200 }), deps(v2.file));
    expect(production).toMatchObject({ outcome: 'deployed', version: '2.0.0', upstream: { environment: 'staging' } });
    // A second promotion of what runs is still a no-op: the flag record is not "the current deployment".
    const again = await promote(options('production', { from: 'staging', version: undefined }), deps(v2.file));
    expect(again.outcome).toBe('skipped');
    // rollback of staging goes back to 1.0.0, the release before 2.0.0.
    const restored = await rollback(
      { ...options('staging'), migrateCommand: [], rollbackOnFailure: false, runUrl: runUrl(43) },
      {
        gh: api(),
        repo,
        clock: systemClock,
        exec: childExec(),
        extract: verifyAndExtract,
        workDir: work,
        log: () => {},
      },
    );
    expect(restored).toMatchObject({ restored: { version: '1.0.0' }, replaced: { version: '2.0.0' } });
  });

  it("is carried by promote: a redeploy writes the environment's recorded flags to the target", async () => {
    await setAndApply('dev', 'checkout-v2', 'off');
    await rm(join(work, 'envs', 'dev', FLAGS_FILE));
    const { carryFlags } = await import('../../../src/flags/carry-flags.js');
    const v1 = await makeArtefact(work, '1.0.0');
    const result = await promote(
      options('dev', { version: '1.0.0' }),
      deps(v1.file, {
        carryFlags: carryFlags({
          gh: api(),
          repo,
          environment: 'dev',
          fromRepository: parseFlagSet(JSON.stringify(FLAGS), 'flags.json'),
          actor: 'ada',
          runUrl: runUrl(),
          sha: git.shas[0] as string,
          production: false,
        }),
      }),
    );
    expect(result.outcome).toBe('deployed');
    expect((await flagsOn('dev')).flags['checkout-v2'].defaultVariant).toBe('off');
  });
});
