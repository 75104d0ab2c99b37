import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArtifactService, startArtifactService } from '../../support/artifact-service.js';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { type ActionRun, runAction, type RunActionOptions } from '../../support/harness.js';
import { expectNoSecrets, urlSecrets } from '../../support/secret-scan.js';
import { sampleHistory, type SampleHistory } from '../../unit/release-notes/sample-history.js';
import { destinationsFor, notify, startBed as startNotifyBed } from '../notify/bed.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';
import { seedSamplePullRequests } from '../release-notes/seed.js';
import { expectNoDuplicates } from './invariants.js';

/**
 * Every action run twice on the same input in the same workflow run, the second time as attempt 2
 * ("Re-run job"): the same outputs, nothing created twice, nothing lost. Where an output legitimately
 * differs between attempts, the test names it and says why.
 */
const scratch = mkdtempSync(join(tmpdir(), 'slipway-rerun-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `options` as attempt 1 and then attempt 2 of the same job. */
async function twice(options: RunActionOptions, secrets: string[]): Promise<[ActionRun, ActionRun]> {
  const first = await runAction({ ...options, runAttempt: 1 });
  const second = await runAction({ ...options, runAttempt: 2 });
  for (const run of [first, second]) {
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expectNoSecrets(run, secrets);
  }
  return [first, second];
}

describe('gate, package and release-notes re-run', () => {
  let gh: GitHubEmulator;
  let artifacts: ArtifactService;
  let sample: SampleHistory;
  beforeAll(async () => {
    artifacts = await startArtifactService();
    gh = await startEmulator({ artifacts });
    sample = sampleHistory();
    seedSamplePullRequests(gh.repo('octo/app', { gitDir: sample.repo.dir }), sample);
  });
  afterAll(async () => {
    await gh.close();
    await artifacts.close();
    sample.repo.remove();
  });

  it('gate: the same verdict and outputs; a retried step publishes nothing twice, a re-run attempt its own check run', async () => {
    const workspace = mkdtempSync(join(scratch, 'gate-'));
    mkdirSync(join(workspace, 'reports'));
    const cases = Array.from(
      { length: 5 },
      (_, i) =>
        `<testcase classname="app.T${i}" name="t" file="src/t${i}.ts" line="${i + 1}"><failure message="no ${i}"/></testcase>`,
    );
    writeFileSync(
      join(workspace, 'reports', 'TEST-a.xml'),
      `<testsuite name="a">${cases.join('')}<testcase classname="app.Ok" name="ok"/></testsuite>`,
    );
    const sha = execFileSync('git', ['rev-parse', 'v1.0.0^{commit}'], {
      cwd: sample.repo.dir,
      encoding: 'utf8',
    }).trim();
    const options: RunActionOptions = {
      action: 'gate',
      github: gh,
      workspace,
      sha,
      runId: 51_001,
      job: 'gate',
      inputs: { 'reports': 'reports/*.xml', 'check-run': 'Tests', 'max-failures': '5', 'min-pass-rate': '0' },
      env: { SLIPWAY_RETRY_BASE_MS: '10' },
    };
    const published = () =>
      gh.state.checkRuns.filter((checkRun) => checkRun.name === 'Tests' && checkRun.head_sha === sha);
    const annotated = ['src/t0.ts', 'src/t1.ts', 'src/t2.ts', 'src/t3.ts', 'src/t4.ts'];

    // The same attempt twice (a retried step): the check run is found by its external id, not re-created.
    const first = await runAction({ ...options, runAttempt: 1 });
    const retried = await runAction({ ...options, runAttempt: 1 });
    expect(published()).toHaveLength(1);
    expect(retried.stdout).toContain("Check run 'Tests' was already published by this run.");

    // "Re-run job" is attempt 2: it publishes its own verdict as a new check run, as GitHub does for
    // the job's own check run (the latest by name is what branch protection reads); attempt 1's
    // stays as it was, and no annotation is sent twice to either.
    const second = await runAction({ ...options, runAttempt: 2 });
    for (const run of [first, retried, second]) {
      expect(run.errors).toEqual([]);
      expectNoSecrets(run, [gh.token]);
    }
    // report-json names a file in the attempt's RUNNER_TEMP, which the runner empties between jobs.
    const stable = ({ 'report-json': file, ...rest }: Record<string, string>) => (expect(file).toBeTruthy(), rest);
    expect(stable(second.outputs)).toEqual(stable(first.outputs));
    expect(stable(retried.outputs)).toEqual(stable(first.outputs));
    expect(second.summary).toBe(first.summary);
    expect(published()).toHaveLength(2);
    expect(new Set(published().map((checkRun) => checkRun.external_id)).size).toBe(2);
    for (const checkRun of published())
      expect(checkRun.annotations.map((annotation) => annotation.path)).toEqual(annotated);
    expectNoDuplicates(gh);
  });

  it('package: the same bytes and digest, one workflow artifact', async () => {
    const workspace = mkdtempSync(join(scratch, 'package-'));
    mkdirSync(join(workspace, 'build'));
    writeFileSync(join(workspace, 'build', 'app.js'), 'console.log("hi")\n');
    const runId = 51_002;
    const sha = execFileSync('git', ['rev-parse', 'v1.0.0^{commit}'], {
      cwd: sample.repo.dir,
      encoding: 'utf8',
    }).trim();
    const [first, second] = await twice(
      {
        action: 'package',
        github: gh,
        artifacts,
        workspace,
        runId,
        sha,
        inputs: { 'path': 'build', 'name': 'app', 'version': '2.0.0', 'output-dir': 'out' },
      },
      [gh.token],
    );
    expect(second.outputs).toEqual(first.outputs);
    expect(
      artifacts
        .list()
        .filter((artifact) => artifact.runId === runId)
        .map((artifact) => artifact.name),
    ).toEqual(['app-2.0.0.tar.gz']);
    const [stored] = artifacts.list().filter((artifact) => artifact.runId === runId);
    expect(artifacts.content(stored!.id).equals(readFileSync(second.outputs.file!))).toBe(true);
  });

  it('release-notes: the same release updated in place, same id, same notes', async () => {
    const sha = execFileSync('git', ['rev-parse', 'v1.1.0^{commit}'], {
      cwd: sample.repo.dir,
      encoding: 'utf8',
    }).trim();
    const workspace = mkdtempSync(join(scratch, 'rn-'));
    execFileSync('git', [
      '-c',
      'advice.detachedHead=false',
      'clone',
      '-q',
      '--depth',
      '1',
      '--no-tags',
      '--branch',
      'v1.1.0',
      `file://${sample.repo.dir}`,
      workspace,
    ]);
    const event = {
      name: 'push',
      payload: examplePayload('push', (payload) => ({
        ...payload,
        ref: 'refs/tags/v1.1.0',
        after: sha,
        base_ref: null,
        created: true,
      })),
    };
    const first = await runAction({
      action: 'release-notes',
      github: gh,
      event,
      ref: 'refs/tags/v1.1.0',
      sha,
      workspace,
      runId: 51_003,
      runAttempt: 1,
    });
    const body = gh.state.releases.find((release) => release.tag_name === 'v1.1.0')?.body;
    const second = await runAction({
      action: 'release-notes',
      github: gh,
      event,
      ref: 'refs/tags/v1.1.0',
      sha,
      workspace,
      runId: 51_003,
      runAttempt: 2,
    });
    for (const run of [first, second]) {
      expect(run.errors).toEqual([]);
      expectNoSecrets(run, [gh.token]);
    }
    // notes-file and json-file name files in each attempt's own RUNNER_TEMP (emptied between jobs);
    // their content is compared instead. The release id is the same: the release was updated, not created.
    const withoutFiles = ({ 'notes-file': _n, 'json-file': _j, ...rest }: Record<string, string>) => rest;
    expect(withoutFiles(second.outputs)).toEqual(withoutFiles(first.outputs));
    expect(second.outputs.notes).toBe(first.outputs.notes);
    expect(gh.state.releases.filter((release) => release.tag_name === 'v1.1.0')).toHaveLength(1);
    expect(gh.state.releases.find((release) => release.tag_name === 'v1.1.0')?.body).toBe(body);
    expectNoDuplicates(gh);
  });
});

describe('promote, rollback and status re-run', () => {
  let bed: Bed;
  beforeAll(async () => {
    bed = await startBed();
  });
  afterAll(async () => {
    await bed.close();
  });
  const options = (action: string, inputs: Record<string, string>, runId: number): RunActionOptions => ({
    action,
    inputs,
    github: bed.gh,
    sha: bed.git.shas[1],
    runId,
    workspace: bed.work,
    env: { SLIPWAY_POLL_MS: '100', SLIPWAY_RETRY_BASE_MS: '10' },
  });
  const live = (environment: string) => ({
    'target': bed.target(environment),
    'verify-url': `${bed.siteUrl}/${environment}`,
    'verify-version': 'true',
    'verify-timeout': '10s',
  });

  it('promote: the re-run finds its release live and records nothing new; outputs are the same', async () => {
    const artefact = await bed.artefact('5.0.0');
    const [first, second] = await twice(
      options(
        'promote',
        { 'environment': 'rr', 'artifact-path': artefact.file, 'version': '5.0.0', ...live('rr') },
        52_001,
      ),
      [bed.gh.token],
    );
    // `skipped` says what the attempt did: the first deployed, the re-run found it live (documented).
    expect(first.outputs.skipped).toBe('false');
    expect(second.outputs.skipped).toBe('true');
    const { skipped: _a, ...firstOutputs } = first.outputs;
    const { skipped: _b, ...secondOutputs } = second.outputs;
    expect(secondOutputs).toEqual(firstOutputs);
    expect(bed.gh.state.deployments.filter((d) => d.environment === 'rr')).toHaveLength(1);
    expect(statusesOf(bed.gh, first.outputs['deployment-id']!)).toEqual(['in_progress', 'success']);
    expect(await bed.served('/rr')).toBe('200 app 5.0.0');
    expectNoDuplicates(bed.gh);
  });

  it('rollback: the re-run leaves the restored release live and rolls back nothing further', async () => {
    const [good, bad] = [await bed.artefact('6.0.0'), await bed.artefact('6.0.1')];
    // Two separate workflow runs deploy the good and then the bad release.
    for (const [file, version, runId] of [
      [good.file, '6.0.0', 52_002],
      [bad.file, '6.0.1', 52_012],
    ] as const) {
      expect(
        (
          await runAction(
            options('promote', { 'environment': 'rb', 'artifact-path': file, version, ...live('rb') }, runId),
          )
        ).errors,
      ).toEqual([]);
    }
    const deploymentsBefore = bed.gh.state.deployments.length;
    const [first, second] = await twice(options('rollback', { environment: 'rb', ...live('rb') }, 52_003), [
      bed.gh.token,
    ]);
    expect(first.outputs).toMatchObject({ 'version': '6.0.0', 'rolled-back-version': '6.0.1' });
    expect(await bed.served('/rb')).toBe('200 app 6.0.0');
    // duration-ms measures each attempt's own work.
    const { 'duration-ms': _a, ...firstOutputs } = first.outputs;
    const { 'duration-ms': _b, ...secondOutputs } = second.outputs;
    expect(secondOutputs).toEqual(firstOutputs);
    expect(bed.gh.state.deployments.length - deploymentsBefore).toBe(1);
    expectNoDuplicates(bed.gh);
  });

  it('status: the same matrix, and no writes', async () => {
    const writesBefore = bed.gh.requests.filter((r) => r.method !== 'GET' && r.operationId !== 'graphql').length;
    const [first, second] = await twice(options('status', { environments: 'rr, rb, nowhere' }, 52_004), [bed.gh.token]);
    expect(second.outputs).toEqual(first.outputs);
    expect(bed.gh.requests.filter((r) => r.method !== 'GET' && r.operationId !== 'graphql').length).toBe(writesBefore);
  });
});

describe('notify re-run', () => {
  // Incoming webhooks (Teams, Discord, Google Chat, generic) and SMTP cannot be asked what they already
  // received, and a re-run of a deploy job is a new attempt people should hear about: notify's
  // contract is exactly one message per destination per attempt — never a second copy within one —
  // and a re-run's message says it is one, linking to its attempt, so it never reads as a duplicate.
  it('a re-run of the same job posts exactly one message per destination for the new attempt, marked as the re-run', async () => {
    const bed = await startNotifyBed();
    try {
      const secrets = [
        ...new Set([
          ...bed.secrets,
          ...[
            bed.sinks.slack.webhookUrl,
            bed.sinks.teams.webhookUrl,
            bed.sinks.discord.webhookUrl,
            bed.sinks.googleChat.webhookUrl,
            bed.sinks.webhook.url,
          ].flatMap(urlSecrets),
        ]),
      ];
      const inputs = {
        event: 'deployment-succeeded',
        version: '7.0.0',
        environment: 'production',
        destinations: destinationsFor(bed),
      };
      const count = () => ({
        slack: bed.sinks.slack.messages.length,
        teams: bed.sinks.teams.messages.length,
        discord: bed.sinks.discord.messages.length,
        googleChat: bed.sinks.googleChat.messages.length,
        webhook: bed.sinks.webhook.messages.length,
        email: bed.smtp.messages.length,
      });
      const first = await notify(bed, inputs, { runId: 53_001, runAttempt: 1 });
      expect(count()).toEqual({ slack: 2, teams: 1, discord: 1, googleChat: 1, webhook: 1, email: 1 });
      const second = await notify(bed, inputs, { runId: 53_001, runAttempt: 2 });
      for (const run of [first, second]) {
        expect(run.exitCode).toBe(0);
        expect(run.outputs).toMatchObject({ delivered: '7', failed: '0' });
        expectNoSecrets(run, secrets);
      }
      expect(count()).toEqual({ slack: 4, teams: 2, discord: 2, googleChat: 2, webhook: 2, email: 2 });
      const sent = (attempt: 'first' | 'second') => {
        const pick = <T>(list: T[]) =>
          attempt === 'first' ? list.slice(0, list.length / 2) : list.slice(list.length / 2);
        const { slack, teams, discord, googleChat, webhook } = bed.sinks;
        return [slack, teams, discord, googleChat, webhook]
          .flatMap((sink) => pick(sink.messages as unknown[]))
          .concat(pick(bed.smtp.messages as unknown[]))
          .map((message) => JSON.stringify(message));
      };
      for (const message of sent('first')) expect(message).not.toMatch(/re-run|attempts\/\d/);
      for (const message of sent('second')) {
        expect(message).toContain('re-run (attempt 2)');
        expect(message).toContain('/actions/runs/53001/attempts/2');
      }
      expect(Object.keys(JSON.parse(second.outputs['message-ids']!) as object).sort()).toEqual(
        Object.keys(JSON.parse(first.outputs['message-ids']!) as object).sort(),
      );
    } finally {
      await bed.close();
    }
  });
});
