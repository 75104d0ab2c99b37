import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/action-metadata.js';
import { type ArtifactService, startArtifactService } from '../../support/artifact-service.js';
import { type ChatSinks, startChatSinks } from '../../support/chat-sinks.js';
import { type Emulator, startEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { type LoopbackServer, startLoopbackServer } from '../../support/loopback-server.js';
import { runWorkflow, type WorkflowRun } from '../../support/workflow-runner/run-workflow.js';
import {
  createTestRepository,
  deployUpstream,
  type TestRepository,
} from '../../support/workflow-runner/test-repository.js';

// Every starter template, copied into a test repository with only its placeholders changed (URLs point at a
// local health server, the windows are left open), run on the events it declares. deliver.yml, build.yml,
// promote.yml and release.yml run under it as GitHub would run them.

const APP = {
  'package.json': JSON.stringify({
    name: 'app',
    version: '1.0.0',
    private: true,
    scripts: { build: 'node build.mjs', test: 'node test.mjs' },
  }),
  'package-lock.json': JSON.stringify({
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'app', version: '1.0.0' } },
  }),
  'build.mjs':
    "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('dist', { recursive: true });\nwriteFileSync('dist/index.html', 'the app');\n",
  'test.mjs':
    "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('reports', { recursive: true });\n" +
    'writeFileSync(\'reports/junit.xml\', \'<testsuite name="app" tests="2" failures="0"><testcase name="a" classname="app"/><testcase name="b" classname="app"/></testsuite>\');\n' +
    'process.exitCode = Number(process.env.TEST_EXIT_CODE ?? 0);\n',
};

let github: Emulator;
let artifacts: ArtifactService;
let sinks: ChatSinks;
let health: LoopbackServer;
let repo: TestRepository;
let scratch: string;

beforeAll(async () => {
  artifacts = await startArtifactService();
  // Production waits for its approval (the "production" environment's reviewers) longer than staging's 30-minute
  // soak: the emulator's clock runs 31 minutes behind, so every status it records is that old when promote reads it.
  github = await startEmulator({ artifacts, now: () => new Date(Date.now() - 31 * 60_000) });
  sinks = await startChatSinks();
  health = await startLoopbackServer((_request, _body, response) => {
    response.writeHead(200).end('ok');
  });
  repo = await createTestRepository(APP);
  github.repo('octo/app', { gitDir: repo.dir });
  scratch = await mkdtemp(join(tmpdir(), 'templates-'));
  await mkdir(join(scratch, '.github/workflows'), { recursive: true });
});

afterAll(async () => {
  await github.close();
  await artifacts.close();
  await sinks.close();
  await health.close();
  await repo.close();
  await rm(scratch, { recursive: true, force: true });
});

/** The template as a user copies it: `$default-branch` filled in, example URLs pointed at the health server. */
async function copyTemplate(name: string, replacements: Array<[string | RegExp, string]> = []): Promise<string> {
  let text = (await readFile(join(REPO_ROOT, '.github/workflow-templates', name), 'utf8')).replaceAll(
    '$default-branch',
    'main',
  );
  text = text.replace(
    /https:\/\/(\$\{\{ inputs\.environment \}\}|[a-z]+)\.example\.com\/health/g,
    (_, host: string) => `${health.url}/${host}/health`,
  );
  for (const [from, to] of replacements) text = text.replace(from, to);
  const file = join(scratch, '.github/workflows', name);
  await writeFile(file, text);
  return file;
}

const SECRETS = () => ({
  SLIPWAY_NOTIFY_DESTINATIONS: `- provider: discord\n  webhook-url: ${sinks.discord.webhookUrl}\n`,
  DEPLOY_TOKEN: 'deploy-token-value-1234',
});
const ENV = { npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };

function push(ref: string, runId: number) {
  const payload = examplePayload('push', (p) => {
    p.ref = ref;
    p.after = repo.sha;
  });
  return {
    github,
    artifacts,
    gitDir: repo.dir,
    sha: repo.sha,
    ref,
    event: { name: 'push', payload },
    secrets: SECRETS(),
    env: ENV,
    runId,
  };
}

const failures = (run: WorkflowRun) =>
  run.all
    .filter((job) => job.result === 'failure')
    .map(
      (job) =>
        `${job.name}: ${job.steps
          .filter((s) => s.outcome === 'failure')
          .map((s) => `${s.name}\n${s.log}`)
          .join('\n')}`,
    );

describe('slipway-deliver.yml', () => {
  let digest: string;

  it('a push to main builds once and delivers the same digest to dev, staging and production, telling the team', async () => {
    const workflow = await copyTemplate('slipway-deliver.yml', [[/allowed-windows: .*\n\s*timezone: .*\n/, '']]);
    const run = await runWorkflow({ workflow, ...push('refs/heads/main', 9100) });
    expect(failures(run)).toEqual([]);
    expect(run.jobs.release!.result).toBe('skipped');
    const deliver = run.jobs.deliver!.called!;
    digest = deliver.outputs.digest!;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(repo.deploys()).toEqual(
      ['dev', 'staging', 'production'].map((environment) => `${environment} ${deliver.outputs.version} ${digest}`),
    );
    // One build: one artefact in the run.
    expect(artifacts.list().filter((artifact) => artifact.runId === 9100)).toHaveLength(1);
    expect(github.state.checkRuns.map((check) => [check.name, check.conclusion])).toEqual([
      ['Slipway gate', 'success'],
    ]);
    // Each promotion's message is posted as it starts, then edited with the outcome.
    expect(sinks.discord.messages).toHaveLength(3);
    expect(sinks.discord.messages.every((message) => message.editedTimestamp)).toBe(true);
    // Each promotion ran in its GitHub Environment (where production's required reviewers hold it).
    expect(run.all.filter((job) => job.environment).map((job) => [job.name, job.environment])).toEqual([
      ['deliver/dev/promote', 'dev'],
      ['deliver/staging/promote', 'staging'],
      ['deliver/production/promote', 'production'],
    ]);
    // Least privilege, proven by running: no job needed more than its permissions.
    expect(github.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it('a version tag on that commit releases the artefact production runs, not a rebuild', async () => {
    await repo.git('tag', 'v1.0.0', repo.sha);
    const workflow = await copyTemplate('slipway-deliver.yml', [[/allowed-windows: .*\n\s*timezone: .*\n/, '']]);
    const run = await runWorkflow({ workflow, ...push('refs/tags/v1.0.0', 9200) });
    expect(failures(run)).toEqual([]);
    expect(run.jobs.deliver!.result).toBe('skipped');
    expect(artifacts.list().filter((artifact) => artifact.runId === 9200)).toEqual([]);
    const release = github.state.releases.find((r) => r.tag_name === 'v1.0.0')!;
    expect(release.body).toContain('the app');
    expect(release.assets).toHaveLength(1);
    expect(`sha256:${createHash('sha256').update(release.assets[0]!.data).digest('hex')}`).toBe(digest);
  });
});

describe('build.yml (through slipway-deliver.yml)', () => {
  it('a failing test command fails the build after the gate reported, and nothing is packaged or deployed', async () => {
    const deploys = repo.deploys().length;
    const checks = github.state.checkRuns.length;
    const workflow = await copyTemplate('slipway-deliver.yml', [[/allowed-windows: .*\n\s*timezone: .*\n/, '']]);
    const options = push('refs/heads/main', 9300);
    const run = await runWorkflow({ ...options, workflow, env: { ...options.env, TEST_EXIT_CODE: '1' } });
    const build = run.jobs.deliver!.called!.jobs.build!.called!.jobs.build!;
    expect(build.result).toBe('failure');
    expect(build.steps.map((step) => [step.name, step.conclusion])).toEqual([
      ['actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', 'success'],
      ['actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020', 'skipped'],
      ['Build', 'success'],
      ['Test', 'success'],
      ['Gate', 'success'],
      ['Fail when the test command failed', 'failure'],
      ['Package', 'skipped'],
    ]);
    expect(github.state.checkRuns.slice(checks).map((check) => check.conclusion)).toEqual(['success']);
    expect(artifacts.list().filter((artifact) => artifact.runId === 9300)).toEqual([]);
    expect(repo.deploys()).toHaveLength(deploys);
  });
});

describe('slipway-promote.yml', () => {
  it('picks the environment and the version, and nothing else: staging from dev, then production from staging', async () => {
    const repository = 'octo/button';
    github.repo(repository, { gitDir: repo.dir });
    const digest = await deployUpstream({
      github,
      artifacts,
      repo,
      repository,
      environment: 'dev',
      version: '2.1.0',
      runId: 9400,
    });
    const workflow = await copyTemplate('slipway-promote.yml', [[/ {6}allowed-windows: .*\n/, '']]);
    const dispatch = (inputs: Record<string, string>, runId: number) =>
      runWorkflow({
        workflow,
        github,
        artifacts,
        gitDir: repo.dir,
        repository,
        sha: repo.sha,
        ref: 'refs/heads/main',
        event: { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
        inputs,
        secrets: SECRETS(),
        runId,
      });
    const deploys = repo.deploys().length;
    const staging = await dispatch({ environment: 'staging', version: '2.1.0' }, 9401);
    expect(failures(staging)).toEqual([]);
    const production = await dispatch({ environment: 'production' }, 9402);
    expect(failures(production)).toEqual([]);
    expect(repo.deploys().slice(deploys)).toEqual([`staging 2.1.0 ${digest}`, `production 2.1.0 ${digest}`]);
    const last = github.state.deployments.at(-1)!;
    expect(last).toMatchObject({ repository, environment: 'production', production_environment: true });
  });
});

describe('slipway-release-notes.yml', () => {
  it('a version tag gets its release notes', async () => {
    await repo.git('tag', 'v1.1.0', repo.sha);
    const workflow = await copyTemplate('slipway-release-notes.yml');
    const run = await runWorkflow({ workflow, ...push('refs/tags/v1.1.0', 9500) });
    expect(failures(run)).toEqual([]);
    expect(github.state.releases.find((release) => release.tag_name === 'v1.1.0')).toMatchObject({ draft: false });
    // A branch push does not start it.
    expect((await runWorkflow({ workflow, ...push('refs/heads/main', 9501) })).triggered).toBe(false);
  });
});

describe('slipway-notify.yml', () => {
  it('tells the team when a Deliver run completes, with the default GITHUB_TOKEN', async () => {
    const before = sinks.discord.messages.length;
    const workflow = await copyTemplate('slipway-notify.yml');
    const completed = (name: string, conclusion: string) =>
      examplePayload('workflow_run.completed', (payload) => {
        payload.workflow_run.name = name;
        payload.workflow_run.conclusion = conclusion as typeof payload.workflow_run.conclusion;
        payload.workflow_run.head_branch = 'main';
      });
    const run = await runWorkflow({
      workflow,
      github,
      event: { name: 'workflow_run', payload: completed('Deliver', 'failure') },
      secrets: SECRETS(),
      runId: 9600,
    });
    expect(failures(run)).toEqual([]);
    const posted = sinks.discord.messages.slice(before);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toContain('Deliver failed');
    // Another workflow's runs are none of its business.
    expect(
      (
        await runWorkflow({
          workflow,
          github,
          event: { name: 'workflow_run', payload: completed('CI', 'success') },
          secrets: SECRETS(),
          runId: 9601,
        })
      ).triggered,
    ).toBe(false);
  });
});
