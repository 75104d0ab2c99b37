import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../support/harness.js';
import { expectNoSecrets, suppliedSecrets, urlSecrets } from '../../support/secret-scan.js';
import {
  destinationsFor,
  notify,
  SMTP_PASSWORD,
  startBed as startNotifyBed,
  type Bed as NotifyBed,
  WEBHOOK_SECRET,
} from '../notify/bed.js';
import { type Bed, startBed } from '../promote/bed.js';

/**
 * Secrets where they are most likely to leak: in error paths, with debug logging on (a re-run with
 * RUNNER_DEBUG), with a token passed as an input rather than the default. Every captured stdout,
 * stderr, summary and output is scanned for each secret as given, URL-encoded and base64.
 */
const TOKEN = 'ghp_slipwayCustomToken0123456789abcdefABCD';
const PROBE = 'test/fixtures/sample-action/probe';

describe('the harness scans every run for the secrets it was given', () => {
  it("takes the token, inputs named like secrets, notify destinations' secret fields and the credential parts of URLs", () => {
    const hook = 'https://hooks.slack.com/services/T000/B000/slipwayHookSecret000001';
    const destinations = `- provider: slack\n  webhook-url: ${hook}\n  slack-token: xoxb-slipway-0001\n- provider: email\n  smtp-password: smtp-pass-0002\n  smtp-host: mail.example.com`;
    const secrets = suppliedSecrets('ghs_token0001', {
      'github-token': 'ghs_token0001',
      destinations,
      'webhook-secret': 'hmac-0003',
      'smtp-password': 'pw',
      'environment': 'production',
      'verify-url': 'https://example.com/health',
    });
    expect(secrets.sort()).toEqual(
      ['ghs_token0001', hook, 'hmac-0003', 'slipwayHookSecret000001', 'smtp-pass-0002', 'xoxb-slipway-0001'].sort(),
    );
  });

  it('fails a run that shows one, wherever it shows, but not for the ::add-mask:: line that masks it', async () => {
    // The harness probe reports its environment, INPUT_TOKEN included, on purpose: scanned only when asked.
    const unscanned = await runAction({ action: PROBE, token: TOKEN });
    expect(unscanned.outputs.report).toContain(TOKEN);
    await expect(runAction({ action: PROBE, token: TOKEN, scanSecrets: true })).rejects.toThrow(
      /secrets the run was given are visible in its output:\n- secret #1 \(ghp_…, 42 chars\) as given in output 'report'/,
    );
    // The probe masks s3cret-value (`::add-mask::`, which is fine) and then prints it (which is not).
    const error = await runAction({ action: PROBE, scanSecrets: true, secrets: ['s3cret-value'] }).catch(
      (caught: Error) => caught.message,
    );
    expect(error).toMatch(/secret #2 \(s3cr…, 12 chars\) as given in stdout: …"printing <SECRET> in the log/);
    expect(error).not.toContain('::add-mask::');
  });
});

describe('notify, every destination failing, with debug logging', () => {
  let bed: NotifyBed;
  let secrets: string[];
  beforeAll(async () => {
    bed = await startNotifyBed();
    const { sinks } = bed;
    secrets = [
      ...new Set([
        ...bed.secrets,
        ...[
          sinks.slack.webhookUrl,
          sinks.teams.webhookUrl,
          sinks.discord.webhookUrl,
          sinks.googleChat.webhookUrl,
          sinks.webhook.url,
        ].flatMap(urlSecrets),
        SMTP_PASSWORD,
        WEBHOOK_SECRET,
        'wrong-smtp-password-0002',
      ]),
    ];
  });
  afterAll(() => bed.close());

  it('names each failed destination without its URL, token or password', async () => {
    const { sinks } = bed;
    // One permanent failure per request: the Slack sink takes two (Web API and incoming webhook).
    sinks.slack.failNext([{ status: 404 }, { status: 404 }]);
    for (const sink of [sinks.teams, sinks.discord, sinks.googleChat, sinks.webhook]) sink.failNext([{ status: 404 }]);
    const destinations = destinationsFor(bed).replace(
      `smtp-password: ${SMTP_PASSWORD}`,
      'smtp-password: wrong-smtp-password-0002',
    );
    const run = await notify(
      bed,
      {
        'event': 'deployment-failed',
        'version': '1.2.3',
        'environment': 'production',
        destinations,
        'fail-on-error': 'true',
      },
      { debug: true },
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ delivered: '0', failed: '7' });
    expect(bed.smtp.rejectedLogins).toContain('deploys');
    expect(run.errors.join('\n')).toMatch(/slack/);
    expectNoSecrets(run, secrets);
    // Every secret was masked as it was read, so the runner would redact it even if printed.
    for (const secret of [
      sinks.slack.webhookUrl,
      sinks.slack.token,
      sinks.discord.webhookUrl,
      WEBHOOK_SECRET,
      'wrong-smtp-password-0002',
    ])
      expect(run.masks).toContain(secret);
  });

  it('a signed webhook delivery carries the HMAC, never the secret itself', async () => {
    const run = await notify(
      bed,
      {
        event: 'deployment-succeeded',
        version: '1.2.4',
        environment: 'production',
        destinations: destinationsFor(bed, ['webhook']),
      },
      { debug: true },
    );
    expect(run.outputs).toMatchObject({ delivered: '1', failed: '0' });
    expectNoSecrets(run, secrets);
    const delivery = bed.sinks.webhook.messages.at(-1)!;
    expect(delivery.rawBody).not.toContain(WEBHOOK_SECRET);
    expect(JSON.stringify(delivery.headers)).not.toContain(WEBHOOK_SECRET);
  });
});

describe('a token given as github-token, in failures, with debug logging', () => {
  let bed: Bed;
  let scratch: string;
  beforeAll(async () => {
    bed = await startBed();
    scratch = mkdtempSync(join(tmpdir(), 'slipway-secrets-'));
  });
  afterAll(async () => {
    await bed.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('promote refused by a missing permission does not show the token', async () => {
    const artefact = await bed.artefact('1.0.0');
    bed.gh.createToken({ deployments: 'read', actions: 'read', contents: 'read' }, TOKEN);
    const run = await runAction({
      action: 'promote',
      github: bed.gh,
      token: TOKEN,
      debug: true,
      sha: bed.git.shas[1],
      workspace: bed.work,
      inputs: { 'environment': 'dev', 'artifact-path': artefact.file, 'version': '1.0.0', 'github-token': TOKEN },
      env: { SLIPWAY_RETRY_BASE_MS: '10' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/deployments/);
    expectNoSecrets(run, [TOKEN]);
    expect(run.masks).toContain(TOKEN);
  });

  it("scans the runs of Slipway's actions without being asked: a token that shows fails the run", async () => {
    // A token that happens to be the environment's name shows in what status says of it: the harness must refuse the run.
    const leaky = bed.gh.createToken({ deployments: 'read' }, 'production-eu-0001');
    await expect(
      runAction({ action: 'status', github: bed.gh, token: leaky, inputs: { environments: leaky } }),
    ).rejects.toThrow(
      /^runAction\(status\): secrets the run was given are visible in its output:\n- secret #1 \(prod…, 18 chars\)/,
    );
  });

  it('gate publishing a check run without checks: write does not show the token', async () => {
    const workspace = mkdtempSync(join(scratch, 'gate-'));
    mkdirSync(join(workspace, 'reports'));
    writeFileSync(
      join(workspace, 'reports', 'TEST-a.xml'),
      '<testsuite name="a"><testcase classname="a" name="ok"/></testsuite>',
    );
    bed.gh.createToken({ checks: 'read', contents: 'read' }, TOKEN);
    const run = await runAction({
      action: 'gate',
      github: bed.gh,
      token: TOKEN,
      debug: true,
      sha: bed.git.shas[1],
      workspace,
      inputs: { 'reports': 'reports/*.xml', 'check-run': 'Tests', 'github-token': TOKEN },
      env: { SLIPWAY_RETRY_BASE_MS: '10' },
    });
    // The refusal is reported (a fork pull request's case) and the passing verdict stands.
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('No check run was created');
    expectNoSecrets(run, [TOKEN]);
  });
});
