import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../action-metadata.js';
import { type ArtifactService, startArtifactService } from '../artifact-service.js';
import { createGitFixture, type GitFixture } from '../emulator/git-fixture.js';
import { type Emulator, startEmulator } from '../emulator/index.js';
import { examplePayload } from '../examples.js';
import { runWorkflow, type WorkflowRunOptions } from './run-workflow.js';

// The runner itself, on small workflows written for it (test/fixtures/workflow-runner/).

const ROOT = resolve(REPO_ROOT, 'test/fixtures/workflow-runner');
let github: Emulator;
let artifacts: ArtifactService;
let git: GitFixture;

beforeAll(async () => {
  artifacts = await startArtifactService();
  github = await startEmulator({ artifacts });
  git = await createGitFixture([{ message: 'first', files: { 'README.md': 'the app\n' } }]);
  github.repo('octo/app', { gitDir: git.dir });
});
afterAll(async () => {
  await github.close();
  await artifacts.close();
  await git.remove();
});

const run = (file: string, options: Partial<WorkflowRunOptions> = {}) =>
  runWorkflow({
    workflow: resolve(ROOT, '.github/workflows', file),
    localRoot: ROOT,
    github,
    event: {
      name: 'push',
      payload: examplePayload('push', (payload) => {
        payload.ref = 'refs/heads/main';
      }),
    },
    ...options,
  });

describe('workflow runner: contexts and expressions', () => {
  it('evaluates inputs, vars, env at every level, GITHUB_ENV, outputs across jobs and the matrix', async () => {
    const result = await run('contexts.yml', {
      event: { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
      inputs: { loud: 'true' },
      vars: { COLOUR: 'teal' },
    });
    expect(result.conclusion).toBe('success');
    // Step env beats job env beats workflow env; a boolean input is a boolean in expressions.
    expect(result.jobs.first!.outputs.word).toBe('hello-step-yes-workflow_dispatch-teal');
    // GITHUB_ENV reaches later steps (and the env context); the job's own env is back for them.
    expect(result.jobs.first!.outputs.exported).toBe('from-env-file,job,from-env-file');
    expect(result.jobs.first!.summary).toBe('### summary of first\n');
    const legs = result.all.filter((job) => job.name.startsWith('legs'));
    expect(legs.map((job) => [job.name, job.steps[0]!.log.trim()])).toEqual([
      ['legs (s, red)', 's/red/hello-step-yes-workflow_dispatch-teal'],
      ['legs (m, red)', 'm/red/hello-step-yes-workflow_dispatch-teal'],
      ['legs (l, blue)', 'l/blue/hello-step-yes-workflow_dispatch-teal'],
    ]);
  });

  it("a workflow GitHub would refuse is an error, with the parser's words", async () => {
    await expect(
      run('contexts.yml', { event: { name: 'workflow_dispatch', payload: {} }, inputs: { nope: 'x' } }),
    ).rejects.toThrow(/nope is not defined/);
  });
});

describe('workflow runner: if: and status functions', () => {
  it('skips after a failure, runs failure() and always() steps, and judges jobs by their needs', async () => {
    const result = await run('status.yml');
    const breaks = result.jobs.breaks!;
    expect(breaks.result).toBe('failure');
    expect(breaks.steps.map((step) => [step.id, step.outcome, step.conclusion])).toEqual([
      ['before', 'success', 'success'],
      ['tolerated', 'failure', 'success'],
      ['after-tolerated', 'success', 'success'],
      ['fails', 'failure', 'failure'],
      ['skipped', 'skipped', 'skipped'],
      ['on-failure', 'success', 'success'],
      ['always', 'success', 'success'],
    ]);
    expect(breaks.steps[5]!.outputs).toEqual({ outcome: 'failure,failure/success' });
    expect(breaks.steps[6]!.outputs).toEqual({ job: 'failure' });
    expect(breaks.outputs).toEqual({ before: 'set before the failure' });
    expect(result.jobs.downstream!.result).toBe('skipped');
    expect(result.jobs.cleanup!.steps[0]!.outputs).toEqual({ saw: 'set before the failure' });
    expect(result.jobs['on-failure']!.result).toBe('success');
    expect(result.conclusion).toBe('failure');
  });
});

describe('workflow runner: stand-ins for third-party actions', () => {
  it("checkout fetches the event's commit; an artifact uploaded by one job is downloaded by the next", async () => {
    const result = await run('artifacts.yml', { gitDir: git.dir, sha: git.shas[0], artifacts, runId: 4242 });
    expect(result.conclusion).toBe('success');
    expect(result.jobs.use!.steps[1]!.outputs).toEqual({ files: 'README.md note.txt made in make' });
    expect(
      artifacts
        .list()
        .filter((artifact) => artifact.runId === 4242)
        .map((artifact) => [artifact.name, String(artifact.id)]),
    ).toEqual([['things', result.jobs.make!.outputs.id]]);
  });
});

describe('workflow runner: reusable workflows and permissions', () => {
  it('passes with:, inherited and explicit secrets, returns outputs, and limits the token to the caller job', async () => {
    github.requests.length = 0;
    const result = await run('caller.yml', { secrets: { 'api-key': 'inherited-secret' }, actor: 'ada' });
    const call = result.jobs.call!;
    expect(call.result).toBe('success');
    expect(call.with).toEqual({ who: 'ada', count: 3 });
    // The inherited secret has 16 characters; `polite` got its boolean default.
    expect(call.outputs).toEqual({ greeting: 'hi ada x3 polite=true key=16' });
    expect(result.jobs.after!.steps[0]!.outputs).toEqual({ got: 'hi ada x3 polite=true key=16' });
    // The called job holds what the caller job granted: issues: write comments, issues: read is refused.
    const explicit = result.jobs['call-explicit']!;
    expect(explicit.called!.jobs.greet!.steps[0]!.outputs.greeting).toBe('hi explicit x1 polite=true key=21');
    expect(explicit.result).toBe('failure');
    expect(explicit.called!.jobs.greet!.steps[1]!.log).toContain('Resource not accessible by integration (HTTP 403)');
    const comments = github.requests
      .filter((request) => request.operationId === 'issues/create-comment')
      .map((request) => request.status);
    expect(comments.sort()).toEqual([201, 403]);
  });

  it("a job without permissions: gets the workflow's; a job's own replace them (outside them: 403)", async () => {
    github.requests.length = 0;
    const result = await run('permissions.yml');
    expect(result.jobs.inherits!.result).toBe('success');
    expect(result.jobs.overrides!.result).toBe('failure');
    expect(result.jobs.overrides!.steps[0]!.log).toContain('gh: Resource not accessible by integration (HTTP 403)');
    expect(result.jobs.overrides!.permissions).toEqual({ contents: 'read' });
    expect(
      github.requests
        .filter((request) => request.operationId === 'issues/create-comment')
        .map((request) => request.status),
    ).toEqual([201, 403]);
  });

  it("a called workflow asking more than the caller job grants does not start, in GitHub's words", async () => {
    await expect(run('elevate.yml')).rejects.toThrow(
      "The nested job 'call/write' is requesting 'contents: write', but is only allowed 'contents: read'.",
    );
  });

  it('an unknown uses: fails the run, never skips', async () => {
    await expect(run('unknown-action.yml')).rejects.toThrow(
      'uses: someone/unknown-action@v1: the workflow runner has no action or stand-in for it',
    );
  });
});
