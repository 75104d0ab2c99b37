import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { examplePayload } from '../../support/examples.js';
import { runAction } from '../../support/harness.js';

const PROBE = 'test/fixtures/sample-action/probe';

interface ProbeReport {
  env: Record<string, string>;
  node: string;
  cwd: string;
  event: { ref?: string; pull_request?: { number: number } };
}

function reportOf(outputs: Record<string, string>): ProbeReport {
  return JSON.parse(outputs.report ?? '{}') as ProbeReport;
}

describe('runAction', () => {
  beforeEach(() => {
    process.env.GITHUB_DEVELOPER_LEAK = 'leaked';
    process.env.INPUT_DEVELOPER_LEAK = 'leaked';
    process.env.RUNNER_DEBUG = '1';
  });
  afterEach(() => {
    delete process.env.GITHUB_DEVELOPER_LEAK;
    delete process.env.INPUT_DEVELOPER_LEAK;
    delete process.env.RUNNER_DEBUG;
  });

  it('passes inputs, defaults and runner variables, and runs post with the saved state', async () => {
    const result = await runAction({
      action: PROBE,
      inputs: { 'Spaced Name': 'spaced' },
      token: 'ghs_given',
      repository: 'octo/app',
      event: { name: 'push', payload: examplePayload('push', (p) => void (p.ref = 'refs/heads/release/1.x')) },
      env: { SLIPWAY_EXTRA: 'extra' },
    });

    expect(result.exitCode).toBe(0);
    expect(result.conclusion).toBe('success');
    const { env, cwd, event } = reportOf(result.outputs);
    expect(env).toMatchObject({
      INPUT_MODE: 'report',
      INPUT_TOKEN: 'ghs_given',
      INPUT_TARGET: 'octo/app@release/1.x in Linux',
      INPUT_SPACED_NAME: 'spaced',
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_REPOSITORY_OWNER: 'octo',
      GITHUB_REF: 'refs/heads/release/1.x',
      GITHUB_REF_NAME: 'release/1.x',
      GITHUB_REF_TYPE: 'branch',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      RUNNER_OS: 'Linux',
      SLIPWAY_EXTRA: 'extra',
    });
    expect(env.GITHUB_ACTION_PATH).toMatch(/test\/fixtures\/sample-action\/probe$/);
    expect(env.GITHUB_WORKSPACE).toBe(cwd);
    for (const name of [
      'GITHUB_SHA',
      'GITHUB_RUN_ID',
      'GITHUB_RUN_ATTEMPT',
      'GITHUB_OUTPUT',
      'GITHUB_STATE',
      'GITHUB_ENV',
      'GITHUB_PATH',
      'GITHUB_STEP_SUMMARY',
      'RUNNER_TEMP',
      'GITHUB_SERVER_URL',
      'GITHUB_API_URL',
      'GITHUB_GRAPHQL_URL',
    ]) {
      expect(env[name], name).toBeTruthy();
    }
    for (const leaked of ['GITHUB_DEVELOPER_LEAK', 'INPUT_DEVELOPER_LEAK', 'RUNNER_DEBUG'])
      expect(env[leaked]).toBeUndefined();
    expect(event.ref).toBe('refs/heads/release/1.x');

    expect(result.outputs.multiline).toBe('first line\nsecond = line\n\nlast');
    expect(result.state).toEqual({ handle: 'handle-42' });
    expect(result.env).toEqual({ PROBE_EXPORTED: 'exported value' });
    expect(result.summary).toBe('<h1>Probe main</h1>\nmain ran\npost saw state handle-42 and env exported value\n');
    expect(result.post?.exitCode).toBe(0);
  });

  it('decodes the workflow commands and masks secrets in the displayed log', async () => {
    const result = await runAction({ action: PROBE, token: 'ghs_masked' });

    expect(result.errors).toEqual(['broke: 100%\nsecond line']);
    expect(result.warnings).toEqual(['careful']);
    expect(result.notices).toEqual(['note this']);
    expect(result.commands.find((c) => c.command === 'error')?.properties).toEqual({
      file: 'src/a,b.ts',
      line: '3',
      title: 'Title: with, punctuation',
    });
    expect(result.commands.map((c) => c.command)).toEqual([
      'add-mask',
      'group',
      'debug',
      'endgroup',
      'error',
      'warning',
      'notice',
    ]);
    expect(result.masks).toEqual(['ghs_masked', 's3cret-value']);
    expect(result.stdout).toContain('printing s3cret-value in the log');
    expect(result.log).toContain('printing *** in the log');
    expect(result.log.join('\n')).not.toContain('s3cret-value');
  });

  it('sets RUNNER_DEBUG and shows debug lines in the log only when asked', async () => {
    const quiet = await runAction({ action: PROBE });
    const debug = await runAction({ action: PROBE, debug: true });
    expect(reportOf(debug.outputs).env.RUNNER_DEBUG).toBe('1');
    expect(debug.log).toContain('##[debug]debug detail');
    expect(quiet.log).not.toContain('##[debug]debug detail');
    expect(quiet.commands.map((c) => c.message)).toContain('debug detail');
  });

  it('runs under Node 24 by default and Node 20 when asked', async () => {
    const node24 = await runAction({ action: PROBE });
    const node20 = await runAction({ action: PROBE, node: 'node20' });
    expect(reportOf(node24.outputs).node).toMatch(/^v24\./);
    expect(reportOf(node20.outputs).node).toMatch(/^v20\./);
  });

  it('reports a failed step and still runs post', async () => {
    const result = await runAction({ action: PROBE, inputs: { mode: 'fail' } });
    expect(result.exitCode).toBe(1);
    expect(result.conclusion).toBe('failure');
    expect(result.errors).toContain('probe failed on purpose');
    expect(result.post?.exitCode).toBe(0);
  });

  it('fails the step when GITHUB_OUTPUT is malformed, as the runner does', async () => {
    const result = await runAction({ action: PROBE, inputs: { mode: 'malformed-output' } });
    expect(result.exitCode).toBe(0);
    expect(result.conclusion).toBe('failure');
    expect(result.errors).toEqual([
      "Unable to process file command 'output' successfully. Invalid value. Matching delimiter not found 'EOF'",
    ]);
  });

  it('warns about undeclared inputs the way the runner does', async () => {
    const result = await runAction({ action: PROBE, inputs: { mdoe: 'typo' } });
    expect(result.warnings[0]).toBe(
      "Unexpected input(s) 'mdoe', valid inputs are ['mode', 'token', 'target', 'Spaced Name']",
    );
  });

  it('derives the ref of a pull_request event like the runner', async () => {
    const payload = examplePayload('pull_request.opened', (p) => void (p.number = p.pull_request.number = 7));
    const result = await runAction({ action: PROBE, event: { name: 'pull_request', payload } });
    const { env } = reportOf(result.outputs);
    expect(env.GITHUB_REF).toBe('refs/pull/7/merge');
    expect(env.GITHUB_HEAD_REF).toBe(payload.pull_request.head.ref);
    expect(env.GITHUB_BASE_REF).toBe(payload.pull_request.base.ref);
  });

  it('sends SIGTERM to a running step when the signal aborts', async () => {
    const controller = new AbortController();
    const result = await runAction({
      action: PROBE,
      inputs: { mode: 'wait-for-sigterm' },
      signal: controller.signal,
      onStdout: (chunk) => chunk.includes('waiting for SIGTERM') && controller.abort(),
    });
    expect(result.conclusion).toBe('cancelled');
    expect(result.stdout).toContain('received SIGTERM');
    expect(result.exitCode).toBe(143);
    expect(result.post?.exitCode).toBe(0);
  });

  it('cancels a step that outlives timeoutMs', async () => {
    const result = await runAction({ action: PROBE, inputs: { mode: 'wait-for-sigterm' }, timeoutMs: 200 });
    expect(result.conclusion).toBe('cancelled');
    // Depending on whether the handler was installed yet, the step exits by its handler or by the signal.
    expect(result.signal === 'SIGTERM' || result.stdout.includes('received SIGTERM')).toBe(true);
  });
});
