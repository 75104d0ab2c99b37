import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { type CalledJob, runWorkflow } from './run-workflow.js';
import { loadWorkflow } from './workflow-files.js';

// chatops.yml's own scripts, run as the runner would against the GitHub emulator: the commenter's
// permission is read through the API by `gh api` (a stand-in forwarding to the emulator), and the
// answer is a real comment in the emulator's state.

const workflow = loadWorkflow('.github/workflows/chatops.yml');
const ISSUE = 42;

let github: Emulator;
const scratch = mkdtempSync(join(tmpdir(), 'chatops-'));

beforeAll(async () => {
  github = await startEmulator();
  const repo = github.repo('octo/app');
  repo.setPermission('ada', 'write');
  repo.setPermission('root', 'admin');
  repo.setPermission('mai', 'maintain');
  repo.setPermission('bob', 'read');
  repo.setPermission('tri', 'triage');
  // mallory is not a collaborator at all: GitHub answers 404.
});

afterEach(() => {
  github.state.issueComments.length = 0;
  github.requests.length = 0;
});

afterAll(async () => {
  await github.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A user comments `body` on issue #42; `deploy` plays promote.yml's part when the workflow calls it. */
async function comment(body: string, login: string, deploy: CalledJob = { result: 'success' }) {
  const event = examplePayload('issue_comment.created', (payload) => {
    payload.comment.body = body;
    payload.comment.user.login = login;
    payload.issue.number = ISSUE;
  });
  const calls: Record<string, string>[] = [];
  const runs = await runWorkflow(workflow, {
    github,
    context: { event_name: 'issue_comment', event, repository: 'octo/app', token: github.token, server_url: 'https://github.com', run_id: '777' },
    inputs: { 'deploy-command': './deploy.sh' },
    call: (_id, _job, evaluated) => {
      calls.push(evaluated);
      return { ...deploy, outputs: { version: evaluated.version || '1.3.9', 'environment-url': `https://${evaluated.environment}.example.com`, ...deploy.outputs } };
    },
  });
  const permissionChecks = github.requests.filter((request) => request.operationId === 'repos/get-collaborator-permission-level');
  const comments = github.state.issueComments.filter((c) => c.repository === 'octo/app' && c.issue_number === ISSUE).map((c) => c.body);
  return { runs, calls, permissionChecks, comments };
}

describe('chatops.yml: /deploy from someone allowed to deploy', () => {
  it.each([
    ['ada', 'write'],
    ['root', 'admin'],
    ['mai', 'maintain'],
  ])('%s (%s) gets the environment and version promoted, and an answer with the result', async (login) => {
    const { runs, calls, permissionChecks, comments } = await comment('/deploy staging 1.4.0', login);
    expect(permissionChecks.map((request) => [request.path, request.status])).toEqual([[`/repos/octo/app/collaborators/${login}/permission`, 200]]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ environment: 'staging', from: 'dev', version: '1.4.0', 'deploy-command': './deploy.sh' });
    expect(runs.answer!.result).toBe('success');
    expect(comments).toEqual(['Deployed `1.4.0` to **staging**: https://staging.example.com ([run](https://github.com/octo/app/actions/runs/777)).']);
  });

  it('without a version, promotes what runs upstream (the first environment has no upstream)', async () => {
    const production = await comment('/deploy production', 'ada');
    expect(production.calls[0]).toMatchObject({ environment: 'production', from: 'staging', version: '' });
    expect(production.comments[0]).toContain('Deployed `1.3.9` to **production**');
    const dev = await comment('/deploy dev 2.0.0-rc.1\r\n\r\nthanks!', 'ada');
    expect(dev.calls[0]).toMatchObject({ environment: 'dev', from: '', version: '2.0.0-rc.1' });
  });

  it('says so in the thread when the promotion fails', async () => {
    const { comments } = await comment('/deploy staging 1.4.0', 'ada', { result: 'failure' });
    expect(comments).toEqual(['Deploying to **staging** did not succeed (failure); see the [run](https://github.com/octo/app/actions/runs/777).']);
  });
});

describe('chatops.yml: anyone else gets a polite refusal', () => {
  it.each([
    ['bob', 'read', 200],
    ['tri', 'triage', 200],
    ['mallory', 'not a collaborator', 404],
  ])('%s (%s): nothing is promoted, the answer says why', async (login, _role, status) => {
    const { runs, calls, permissionChecks, comments } = await comment('/deploy production 1.4.0', login);
    expect(permissionChecks.map((request) => request.status)).toEqual([status]);
    expect(calls).toEqual([]);
    expect(runs.deploy!.result).toBe('skipped');
    expect(comments).toEqual([`Sorry @${login}, deploying needs write access to this repository. A maintainer can run it for you.`]);
    // An answer that GitHub refused would be a failed job, not a refusal.
    expect(runs.answer!.result).toBe('success');
  });

  it('a permission it cannot read is a refusal, not a deploy', async () => {
    github.setFaults({ rate: 1, kinds: ['500'], routes: ['repos/get-collaborator-permission-level'] });
    try {
      const { calls, comments } = await comment('/deploy staging', 'ada');
      expect(calls).toEqual([]);
      expect(comments).toEqual(['Sorry @ada, deploying needs write access to this repository. A maintainer can run it for you.']);
    } finally {
      github.setFaults(undefined);
    }
  });
});

describe('chatops.yml: a command it cannot read gets the usage', () => {
  it.each([
    '/deploy',
    '/deploy   ',
    '/deploy staging 1.4.0 please',
    '/deploy st@ging',
    '/deployment staging',
  ])('%j → usage, without asking for anyone\'s permission', async (body) => {
    const { calls, permissionChecks, comments } = await comment(body, 'ada');
    expect(calls).toEqual([]);
    expect(permissionChecks).toEqual([]);
    expect(comments).toEqual(['Usage: `/deploy <environment> [version]`.']);
  });

  it('an unknown environment gets the list of known ones', async () => {
    const { calls, comments } = await comment('/deploy qa 1.0.0', 'ada');
    expect(calls).toEqual([]);
    expect(comments).toEqual(['Unknown environment `qa`; choose one of: dev,staging,production.']);
  });

  it('shell in the comment stays text', async () => {
    const marker = join(scratch, 'pwned');
    const { calls, comments } = await comment(`/deploy staging $(touch ${marker})`, 'ada');
    expect(existsSync(marker)).toBe(false);
    expect(calls).toEqual([]);
    expect(comments).toEqual(['Usage: `/deploy <environment> [version]`.']);
  });

  it('other comments are left alone', async () => {
    const { runs, permissionChecks, comments } = await comment('LGTM, /deploy staging when ready', 'ada');
    expect(Object.values(runs).map((run) => run.result)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(permissionChecks).toEqual([]);
    expect(comments).toEqual([]);
  });
});
