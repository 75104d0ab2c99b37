import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../../support/harness.js';
import { expectNoSecrets } from '../../support/secret-scan.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';
import { expectNoDuplicates } from './invariants.js';

/**
 * SIGTERM (a cancelled job) while promote runs 2.0.0 over a verified 1.0.0 — during the deploy
 * command, during verification of the live URL, and during a blue/green switch. Each time the
 * deployment ends in `error` and the environment, served over loopback HTTP from its `dir:` target,
 * still (or again) answers with 1.0.0.
 */
let bed: Bed;
let hooks: string;
let runId = 60_000;
beforeAll(async () => {
  bed = await startBed();
  hooks = join(bed.work, 'hooks.mjs');
  // The deploy and switch commands: record that they started, do their job, and hang for 2.0.0
  // (a slow rollout or load-balancer drain) until the runner's SIGTERM ends the job.
  writeFileSync(
    hooks,
    `import { renameSync, symlinkSync, writeFileSync } from 'node:fs';
const [kind, envDir, marker] = process.argv.slice(2);
if (kind === 'switch') {
  symlinkSync(process.env.SLIPWAY_SLOT, envDir + '/current.next');
  renameSync(envDir + '/current.next', envDir + '/current');
}
if (process.env.SLIPWAY_VERSION === '2.0.0') {
  writeFileSync(marker, String(process.pid));
  // Never outlive the test file, whatever the action does with it.
  setTimeout(() => process.exit(3), 30000);
  setInterval(() => {}, 1000);
}
`,
  );
});
afterAll(async () => {
  await bed.close();
});

const envDir = (environment: string) => bed.target(environment).slice('dir:'.length);

async function promote(
  environment: string,
  version: string,
  status: number,
  extra: Record<string, string>,
  signal?: AbortSignal,
): Promise<ActionRun> {
  const artefact = await bed.artefact(version, status);
  const run = await runAction({
    action: 'promote',
    inputs: {
      environment,
      'artifact-path': artefact.file,
      version,
      'target': bed.target(environment),
      'verify-url': `${bed.siteUrl}/${environment}`,
      'verify-version': 'true',
      'verify-timeout': '5m',
      ...extra,
    },
    github: bed.gh,
    sha: bed.git.shas[1],
    runId: ++runId,
    workspace: bed.work,
    signal,
    env: { SLIPWAY_POLL_MS: '100', SLIPWAY_RETRY_BASE_MS: '10' },
    timeoutMs: 120_000,
  });
  expectNoSecrets(run, [bed.gh.token]);
  return run;
}

/** Aborts once `ready()` holds (checked every 50 ms): the moment the run is inside the phase under test. */
function abortWhen(ready: () => boolean | Promise<boolean>): { signal: AbortSignal; reached: () => boolean } {
  const controller = new AbortController();
  let reached = false;
  const check = async () => {
    if (await ready()) {
      reached = true;
      controller.abort();
    } else setTimeout(() => void check(), 50);
  };
  void check();
  return { signal: controller.signal, reached: () => reached };
}

/** Whether the process `pid` still runs; it is ended (it is this test's) if so. */
function stillRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  process.kill(pid, 'SIGKILL');
  return true;
}

function expectCancelled(run: ActionRun, environment: string, commandPid?: number): void {
  expect(run.conclusion).toBe('cancelled');
  expect(run.exitCode).not.toBe(0);
  const deployment = bed.gh.state.deployments.filter((d) => d.environment === environment).at(-1);
  expect(deployment?.payload).toMatchObject({ version: '2.0.0' });
  const states = statusesOf(bed.gh, deployment!.id);
  expect(states.at(-1)).toBe('error');
  expect(states).not.toContain('success');
  expectNoDuplicates(bed.gh);
  // The command it was running is ended with it: left running, a deploy or switch could still move
  // traffic after the run reported the previous release live.
  if (commandPid !== undefined)
    expect(stillRunning(commandPid), `the cancelled command (pid ${commandPid}) still runs after the step ended`).toBe(
      false,
    );
  // The action handled SIGTERM itself, within the runner's grace period: no SIGKILL needed.
  expect(run.signal, 'the step had to be killed (SIGKILL) after SIGTERM').not.toBe('SIGKILL');
}

describe('SIGTERM during promote', () => {
  it('during the deploy command: error, and 1.0.0 is still live', async () => {
    const marker = join(bed.work, 'deploy-started');
    const deployCommand = `node ${hooks} deploy ${envDir('c-deploy')} ${marker}`;
    expect((await promote('c-deploy', '1.0.0', 200, { 'deploy-command': deployCommand })).errors).toEqual([]);
    expect(await bed.served('/c-deploy')).toBe('200 app 1.0.0');

    const cancel = abortWhen(() => existsSync(marker));
    const run = await promote('c-deploy', '2.0.0', 200, { 'deploy-command': deployCommand }, cancel.signal);
    expect(cancel.reached()).toBe(true);
    expect(await bed.served('/c-deploy')).toBe('200 app 1.0.0');
    expectCancelled(run, 'c-deploy', Number(readFileSync(marker, 'utf8')));
  });

  it('during verification of the live URL: error, traffic switched back to 1.0.0', async () => {
    expect((await promote('c-verify', '1.0.0', 200, {})).errors).toEqual([]);
    // 2.0.0 answers 503, so verification keeps polling until the cancel arrives mid-way.
    const cancel = abortWhen(async () => (await bed.served('/c-verify')) === '503 app 2.0.0');
    const run = await promote('c-verify', '2.0.0', 503, {}, cancel.signal);
    expect(cancel.reached()).toBe(true);
    expectCancelled(run, 'c-verify');
    expect(await bed.served('/c-verify')).toBe('200 app 1.0.0');
    expect(bed.gh.state.deploymentStatuses.at(-1)?.description).toMatch(/cancelled/);
  });

  it('during a blue/green switch: error, and the live slot serves 1.0.0 again', async () => {
    const marker = join(bed.work, 'switch-started');
    const extra = {
      'strategy': 'blue-green',
      'switch-command': `node ${hooks} switch ${envDir('c-switch')} ${marker}`,
    };
    const first = await promote('c-switch', '1.0.0', 200, extra);
    expect(first.errors).toEqual([]);
    expect(first.outputs.slot).toBe('blue');
    expect(await bed.served('/c-switch')).toBe('200 app 1.0.0');

    const cancel = abortWhen(() => existsSync(marker));
    const run = await promote('c-switch', '2.0.0', 200, extra, cancel.signal);
    expect(cancel.reached()).toBe(true);
    expect(await bed.served('/c-switch')).toBe('200 app 1.0.0');
    expect(await bed.served('/c-switch/blue')).toBe('200 app 1.0.0');
    expectCancelled(run, 'c-switch', Number(readFileSync(marker, 'utf8')));
  });
});
