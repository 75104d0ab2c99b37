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
import { createTestRepository, type TestRepository } from '../../support/workflow-runner/test-repository.js';

// Every starter template, copied into a test repository with only its placeholders changed (URLs point at a
// local health server, the windows are left open), run on the events it declares. deliver.yml, build.yml,
// promote.yml and release.yml run under it as GitHub would run them.

const APP = {
  'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true, scripts: { build: 'node build.mjs', test: 'node test.mjs' } }),
  'package-lock.json': JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'app', version: '1.0.0' } } }),
  'build.mjs': "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('dist', { recursive: true });\nwriteFileSync('dist/index.html', 'the app');\n",
  'test.mjs':
    "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('reports', { recursive: true });\n" +
    "writeFileSync('reports/junit.xml', '<testsuite name=\"app\" tests=\"2\" failures=\"0\"><testcase name=\"a\" classname=\"app\"/><testcase name=\"b\" classname=\"app\"/></testsuite>');\n" +
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
  health = await startLoopbackServer((_request, _body, response) => response.writeHead(200).end('ok'));
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
  let text = (await readFile(join(REPO_ROOT, '.github/workflow-templates', name), 'utf8')).replaceAll('$default-branch', 'main');
  text = text.replace(/https:\/\/(\$\{\{ inputs\.environment \}\}|[a-z]+)\.example\.com\/health/g, (_, host: string) => `${health.url}/${host}/health`);
  for (const [from, to] of replacements) text = text.replace(from, to);
  const file = join(scratch, '.github/workflows', name);
  await writeFile(file, text);
  return file;
}

const SECRETS = () => ({ SLIPWAY_NOTIFY_DESTINATIONS: `- provider: discord\n  webhook-url: ${sinks.discord.webhookUrl}\n`, DEPLOY_TOKEN: 'deploy-token-value-1234' });
const ENV = { npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };

function push(ref: string, runId: number) {
  const payload = examplePayload('push', (p) => {
    p.ref = ref;
    p.after = repo.sha;
  });
  return { github, artifacts, gitDir: repo.dir, sha: repo.sha, ref, event: { name: 'push', payload }, secrets: SECRETS(), env: ENV, runId };
}

const failures = (run: WorkflowRun) => run.all.filter((job) => job.result === 'failure').map((job) => `${job.name}: ${job.steps.filter((s) => s.outcome === 'failure').map((s) => `${s.name}\n${s.log}`).join('\n')}`);

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
    expect(repo.deploys()).toEqual(['dev', 'staging', 'production'].map((environment) => `${environment} ${deliver.outputs.version} ${digest}`));
    // One build: one artefact in the run.
    expect(artifacts.list().filter((artifact) => artifact.runId === 9100)).toHaveLength(1);
    expect(github.state.checkRuns.map((check) => [check.name, check.conclusion])).toEqual([['Slipway gate', 'success']]);
    // Each promotion's message is posted as it starts, then edited with the outcome.
    expect(sinks.discord.messages.map((message) => message.embeds?.[0]?.title ?? message.content)).toHaveLength(3);
    expect(sinks.discord.messages.every((message) => message.editedTimestamp)).toBe(true);
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
    expect(release.assets.map((asset) => asset.digest ?? asset.name)).toHaveLength(1);
    const { createHash } = await import('node:crypto');
    expect(`sha256:${createHash('sha256').update(release.assets[0]!.data).digest('hex')}`).toBe(digest);
  });
});
