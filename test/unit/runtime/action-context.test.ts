import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  actionContext,
  parseRepository,
  requireRepository,
  workflowRunUrl,
} from '../../../src/runtime/action-context.js';
import { UserError } from '../../../src/runtime/errors.js';
import { runAction } from '../../../src/runtime/run-action.js';

const dir = mkdtempSync(path.join(tmpdir(), 'slipway-context-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runner = {
  GITHUB_SERVER_URL: 'https://ghe.example.com/',
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_REF: 'refs/tags/v1.2.0',
  GITHUB_RUN_ID: '77',
  GITHUB_RUN_ATTEMPT: '3',
  GITHUB_WORKSPACE: '/work/space',
  RUNNER_TEMP: '/runner/temp',
  SLIPWAY_RETRY_BASE_MS: '5',
  SLIPWAY_WRITE_INTERVAL_MS: '0',
  SLIPWAY_POLL_MS: 'soon',
};

describe('ActionContext: the run read once', () => {
  it('parses the repository, builds the run URL with the attempt, reads the payload and the tuning', () => {
    const event = path.join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 5, title: 'Fix', head: { sha: 'b'.repeat(40) } } }));
    const context = actionContext({ ...runner, GITHUB_EVENT_PATH: event });
    expect(context.repository).toEqual({ owner: 'octo', name: 'app' });
    expect(context.runUrl).toBe('https://ghe.example.com/octo/app/actions/runs/77/attempts/3');
    expect(context.runAttempt).toBe(3);
    expect(context.event.pull_request?.head?.sha).toBe('b'.repeat(40));
    expect(context).toMatchObject({
      workspace: '/work/space',
      temp: '/runner/temp',
      sha: 'a'.repeat(40),
      ref: 'refs/tags/v1.2.0',
    });
    expect(context.tuning).toEqual({ retryBaseMs: 5, writeIntervalMs: 0, pollMs: undefined, slackApiUrl: undefined });
  });

  it('leaves the attempt out of a first run, and tolerates a missing or unreadable payload', () => {
    const first = actionContext({
      ...runner,
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_EVENT_PATH: path.join(dir, 'missing.json'),
    });
    expect(first.runUrl).toBe('https://ghe.example.com/octo/app/actions/runs/77');
    expect(first.event).toEqual({});
    expect(workflowRunUrl('https://github.com', 'o/r', '1', 2)).toBe(
      'https://github.com/o/r/actions/runs/1/attempts/2',
    );
  });

  it('says what is wrong with GITHUB_REPOSITORY only to actions that need it', () => {
    expect(() => requireRepository(actionContext({}))).toThrow(
      new UserError('GITHUB_REPOSITORY is not set; run this action in a GitHub Actions workflow.'),
    );
    expect(() => requireRepository(actionContext({ GITHUB_REPOSITORY: 'octo' }))).toThrow(
      /GITHUB_REPOSITORY is "octo", not owner\/name/,
    );
    expect(() => parseRepository('a/b/c')).toThrow("expected owner/name, got 'a/b/c'");
  });

  it('is what runAction hands the main module, after the inputs are read', async () => {
    const saved = process.env.GITHUB_REPOSITORY;
    process.env.GITHUB_REPOSITORY = 'octo/handed';
    try {
      let seen: unknown;
      await runAction(
        () => 'inputs',
        async () => ({ run: async (inputs, context) => void (seen = [inputs, context.repository]) }),
      );
      expect(seen).toEqual(['inputs', { owner: 'octo', name: 'handed' }]);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_REPOSITORY;
      else process.env.GITHUB_REPOSITORY = saved;
    }
  });
});
