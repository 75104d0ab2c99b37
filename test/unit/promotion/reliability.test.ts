import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actionExec } from '../../../src/actions/shared/run-environment.js';
import { CancelledError } from '../../../src/runtime/clock.js';
import { type Exec, runCommand } from '../../../src/promotion/deploy-command.js';
import { createDeployment, type NewDeployment, setStatus } from '../../../src/promotion/deployment-record.js';
import { gitHubApi } from '../../../src/promotion/github-api.js';
import type { GitHubClient } from '../../../src/runtime/github-client.js';
import { alreadyRolledBack, rollbackTarget } from '../../../src/promotion/rollback.js';
import { DIGEST_A, DIGEST_B, entry } from './entries.js';

const scratch = mkdtempSync(join(tmpdir(), 'slipway-reliability-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
}

describe('runCommand when the run is cancelled', () => {
  it('passes the signal to the Exec, waits for the command to end, then throws CancelledError', async () => {
    const events: string[] = [];
    const exec: Exec = (_program, _args, { signal }) =>
      new Promise((resolve) => {
        signal?.addEventListener('abort', () => {
          events.push('killed');
          setTimeout(() => {
            events.push('exited');
            resolve(143);
          }, 50);
        });
      });
    const controller = new AbortController();
    const result = runCommand(exec, 'deploy-command', ['deploy'], {}, controller.signal).catch((error: unknown) => {
      events.push('rejected');
      throw error;
    });
    controller.abort();
    await expect(result).rejects.toBeInstanceOf(CancelledError);
    expect(events).toEqual(['killed', 'exited', 'rejected']);
  });

  it('does not start a command once the run is cancelled', async () => {
    let started = false;
    const exec: Exec = async () => {
      started = true;
      return 0;
    };
    await expect(runCommand(exec, 'switch-command', ['switch'], {}, AbortSignal.abort())).rejects.toBeInstanceOf(
      CancelledError,
    );
    expect(started).toBe(false);
  });
});

describe('actionExec', () => {
  const program = (code: string) => [process.execPath, ['-e', code]] as const;

  it('resolves to the exit code and passes the SLIPWAY_* environment', async () => {
    const file = join(scratch, 'env');
    const [node, args] = program(
      `require('fs').writeFileSync(${JSON.stringify(file)}, process.env.SLIPWAY_VERSION); process.exit(4)`,
    );
    await expect(actionExec([])(node, [...args], { env: { SLIPWAY_VERSION: '1.2.3' } })).resolves.toBe(4);
    expect(readFileSync(file, 'utf8')).toBe('1.2.3');
  });

  it('gives the command what a run: step would have: no inputs, runner credentials or step files, unless pass-env names them', async () => {
    const withheld = {
      'INPUT_GITHUB-TOKEN': 'ghs_secret',
      'ACTIONS_RUNTIME_TOKEN': 'rt',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN': 'oidc',
      'ACTIONS_ID_TOKEN_REQUEST_URL': 'http://127.0.0.1:1/oidc',
      'GITHUB_OUTPUT': join(scratch, 'out'),
    };
    const kept = { GITHUB_REPOSITORY: 'octo/app', DEPLOY_TOKEN: 'from the step env' };
    Object.assign(process.env, withheld, kept);
    try {
      const file = join(scratch, 'seen');
      const [node, args] = program(`require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify(process.env))`);
      await expect(actionExec([])(node, [...args], { env: { SLIPWAY_VERSION: '1.2.3' } })).resolves.toBe(0);
      const seen = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      for (const name of Object.keys(withheld)) expect(seen).not.toHaveProperty(name);
      expect(seen).toMatchObject({ ...kept, SLIPWAY_VERSION: '1.2.3' });
      // Named in pass-env (e.g. to reach a cloud with the job's OIDC token), they are passed.
      await actionExec(['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'actions_id_token_request_url'])(node, [...args], {
        env: {},
      });
      const passed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      expect(passed).toMatchObject({
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/oidc',
      });
    } finally {
      for (const name of [...Object.keys(withheld), ...Object.keys(kept)]) delete process.env[name];
    }
  });

  it('refuses a program that does not exist with a UserError', async () => {
    await expect(actionExec([])(join(scratch, 'no-such-program'), [], { env: {} })).rejects.toThrow(
      /^Cannot run '.*no-such-program': .*ENOENT/,
    );
  });

  it('ends the command and what it started (SIGTERM) when the signal aborts', async () => {
    const pids = join(scratch, 'pids');
    // The command starts a helper of its own, then both hang.
    const [node, args] = program(
      `const { spawn } = require('child_process'); const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       require('fs').writeFileSync(${JSON.stringify(pids)}, process.pid + ' ' + helper.pid); setInterval(() => {}, 1000);`,
    );
    const controller = new AbortController();
    const exited = actionExec([])(node, [...args], { env: {}, signal: controller.signal });
    await waitFor(() => existsSync(pids) && readFileSync(pids, 'utf8').includes(' '));
    const [command, helper] = readFileSync(pids, 'utf8').split(' ').map(Number) as [number, number];
    controller.abort();
    await expect(exited).resolves.toBe(143);
    expect(running(command)).toBe(false);
    await waitFor(() => !running(helper));
  });

  it('sends SIGKILL to a command that ignores SIGTERM, after the grace period', async () => {
    const ready = join(scratch, 'stubborn');
    const [node, args] = program(
      `process.on('SIGTERM', () => {}); require('fs').writeFileSync(${JSON.stringify(ready)}, String(process.pid)); setInterval(() => {}, 1000);`,
    );
    const controller = new AbortController();
    const exited = actionExec([])(node, [...args], { env: {}, signal: controller.signal });
    await waitFor(() => existsSync(ready));
    controller.abort();
    await expect(exited).resolves.toBe(137);
    expect(running(Number(readFileSync(ready, 'utf8')))).toBe(false);
  });
});

/** The ports over a client whose first POST is applied but answered 502 (the answer was lost). */
function losingApi(existing: { deployments: unknown[]; statuses: unknown[] }) {
  const calls: { route: string; params: Record<string, unknown> }[] = [];
  let lost = false;
  const client = {
    request: async (route: string, params: Record<string, unknown> = {}) => {
      calls.push({ route, params });
      if (route.startsWith('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses'))
        return { status: 200, data: existing.statuses };
      if (route.startsWith('GET /repos/{owner}/{repo}/deployments')) return { status: 200, data: existing.deployments };
      if (!lost) {
        lost = true;
        throw Object.assign(new Error('Server Error'), { status: 502 });
      }
      return { status: 201, data: { id: 999 } };
    },
  };
  // Only `request` is faked: the real ports run on it, so the routes and parameters they send are checked.
  const gh = gitHubApi(client as unknown as GitHubClient, { writeBackoffMs: 0 });
  return { gh, calls };
}

const runUrl = 'https://github.com/octo/app/actions/runs/7/attempts/2';
const newDeployment: NewDeployment = {
  sha: '0123456789abcdef0123456789abcdef01234567',
  environment: 'staging',
  task: 'deploy',
  production: false,
  transient: false,
  requiredContexts: [],
  payload: {
    slipway: 1,
    version: '1.0.0',
    digest: DIGEST_A,
    artifact: { path: 'app.tar.gz' },
    slot: null,
    upstream: null,
    run_url: runUrl,
  },
  description: 'Slipway: 1.0.0',
};
const repo = { owner: 'octo', name: 'app' };

describe('deployment records when an answer is lost', () => {
  it('sends the create without automatic retries, and takes the deployment the lost create made', async () => {
    const { gh, calls } = losingApi({
      deployments: [
        { id: 41, payload: { ...newDeployment.payload, run_url: 'https://github.com/octo/app/actions/runs/7' } },
        { id: 42, payload: JSON.stringify(newDeployment.payload) },
      ],
      statuses: [],
    });
    await expect(createDeployment(gh, repo, newDeployment)).resolves.toBe(42);
    expect(calls.map((c) => c.route)).toEqual([
      'POST /repos/{owner}/{repo}/deployments',
      'GET /repos/{owner}/{repo}/deployments',
    ]);
    expect(calls[0]?.params.request).toEqual({ retries: 0 });
    expect(calls[1]?.params).toMatchObject({ environment: 'staging', sha: newDeployment.sha, task: 'deploy' });
  });

  it('creates again when the failed create left nothing (another attempt of the run does not count)', async () => {
    const { gh, calls } = losingApi({
      deployments: [
        { id: 41, payload: { ...newDeployment.payload, run_url: 'https://github.com/octo/app/actions/runs/7' } },
      ],
      statuses: [],
    });
    await expect(createDeployment(gh, repo, newDeployment)).resolves.toBe(999);
    expect(calls.filter((c) => c.route.startsWith('POST'))).toHaveLength(2);
  });

  it('does not post a status again when the latest one is already it', async () => {
    const { gh, calls } = losingApi({
      deployments: [],
      statuses: [{ state: 'in_progress', description: 'Deploying 1.0.0' }],
    });
    await setStatus(gh, repo, 42, { state: 'in_progress', description: 'Deploying 1.0.0' });
    expect(calls.map((c) => c.route)).toEqual([
      'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    ]);
    expect(calls[0]?.params.request).toEqual({ retries: 0 });
  });

  it('posts the status again when the latest one is not it', async () => {
    const { gh, calls } = losingApi({ deployments: [], statuses: [{ state: 'pending', description: '' }] });
    await setStatus(gh, repo, 42, { state: 'in_progress', description: 'Deploying 1.0.0' });
    expect(calls.filter((c) => c.route.startsWith('POST'))).toHaveLength(2);
  });
});

describe('a rollback that already happened', () => {
  const good = entry({
    environment: 'prod',
    version: '1.0.0',
    digest: DIGEST_A,
    state: 'inactive',
    at: '2026-06-01T10:00:00Z',
  });
  const bad = entry({
    environment: 'prod',
    version: '1.1.0',
    digest: DIGEST_B,
    state: 'failure',
    at: '2026-06-01T11:00:00Z',
    description: 'Rolled back to 1.0.0',
  });
  const restore = (run: string) =>
    entry({
      environment: 'prod',
      version: '1.0.0',
      digest: DIGEST_A,
      state: 'success',
      at: '2026-06-01T12:00:00Z',
      task: 'deploy:rollback',
      payload: { run_url: run, rolled_back: { deployment_id: bad.id, version: '1.1.0', digest: DIGEST_B } },
    });

  it('is recognised when this workflow run made it, in any attempt', () => {
    expect(
      alreadyRolledBack(
        restore('https://github.com/octo/app/actions/runs/7'),
        'https://github.com/octo/app/actions/runs/7/attempts/2',
      ),
    ).toBe(true);
    expect(
      alreadyRolledBack(
        restore('https://github.com/octo/app/actions/runs/7/attempts/2'),
        'https://github.com/octo/app/actions/runs/7/attempts/3',
      ),
    ).toBe(true);
  });

  it('is recognised when it restored exactly the release asked for', () => {
    expect(
      alreadyRolledBack(
        restore('https://github.com/octo/app/actions/runs/6'),
        'https://github.com/octo/app/actions/runs/7',
        '1.0.0',
      ),
    ).toBe(true);
    expect(
      alreadyRolledBack(
        restore('https://github.com/octo/app/actions/runs/6'),
        'https://github.com/octo/app/actions/runs/7',
        undefined,
        DIGEST_B,
      ),
    ).toBe(false);
  });

  it('is not assumed for another run without an explicit target, nor for a plain deployment', () => {
    expect(
      alreadyRolledBack(
        restore('https://github.com/octo/app/actions/runs/6'),
        'https://github.com/octo/app/actions/runs/7',
      ),
    ).toBe(false);
    expect(
      alreadyRolledBack(
        restore('https://github.com/octo/app/actions/runs/70'),
        'https://github.com/octo/app/actions/runs/7',
      ),
    ).toBe(false);
    expect(alreadyRolledBack(good, good.payload!.run_url)).toBe(false);
  });

  it('says plainly when there is nothing to roll back to', () => {
    const only = entry({
      environment: 'prod',
      version: '1.0.0',
      digest: DIGEST_A,
      state: 'success',
      at: '2026-06-01T10:00:00Z',
    });
    expect(() => rollbackTarget([only], only)).toThrow(
      "Cannot roll back 'prod': found no successful release before the current one in its deployment history (current: 1.0.0).",
    );
  });
});
