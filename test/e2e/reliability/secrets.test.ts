import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../support/harness.js';
import { expectNoSecrets, urlSecrets } from '../../support/secret-scan.js';
import { destinationsFor, notify, SMTP_PASSWORD, startBed as startNotifyBed, type Bed as NotifyBed, WEBHOOK_SECRET } from '../notify/bed.js';
import { type Bed, startBed } from '../promote/bed.js';

/**
 * Secrets where they are most likely to leak: in error paths, with debug logging on (a re-run with
 * RUNNER_DEBUG), with a token passed as an input rather than the default. Every captured stdout,
 * stderr, summary and output is scanned for each secret as given, URL-encoded and base64.
 */
const TOKEN = 'ghp_slipwayCustomToken0123456789abcdefABCD';

describe('notify, every destination failing, with debug logging', () => {
  let bed: NotifyBed;
  let secrets: string[];
  beforeAll(async () => {
    bed = await startNotifyBed();
    const { sinks } = bed;
    secrets = [...new Set([...bed.secrets, ...[sinks.slack.webhookUrl, sinks.teams.webhookUrl, sinks.discord.webhookUrl, sinks.googleChat.webhookUrl, sinks.webhook.url].flatMap(urlSecrets), SMTP_PASSWORD, WEBHOOK_SECRET, 'wrong-smtp-password-0002'])];
  });
  afterAll(() => bed.close());

  it('names each failed destination without its URL, token or password', async () => {
    const { sinks } = bed;
    // One permanent failure per request: the Slack sink takes two (Web API and incoming webhook).
    sinks.slack.failNext([{ status: 404 }, { status: 404 }]);
    for (const sink of [sinks.teams, sinks.discord, sinks.googleChat, sinks.webhook]) sink.failNext([{ status: 404 }]);
    const destinations = destinationsFor(bed).replace(`smtp-password: ${SMTP_PASSWORD}`, 'smtp-password: wrong-smtp-password-0002');
    const run = await notify(bed, { event: 'deployment-failed', version: '1.2.3', environment: 'production', destinations, 'fail-on-error': 'true' }, { debug: true });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ delivered: '0', failed: '7' });
    expect(bed.smtp.rejectedLogins).toContain('deploys');
    expect(run.errors.join('\n')).toMatch(/slack/);
    expectNoSecrets(run, secrets);
    // Every secret was masked as it was read, so the runner would redact it even if printed.
    for (const secret of [sinks.slack.webhookUrl, sinks.slack.token, sinks.discord.webhookUrl, WEBHOOK_SECRET, 'wrong-smtp-password-0002']) expect(run.masks).toContain(secret);
  });

  it('a signed webhook delivery carries the HMAC, never the secret itself', async () => {
    const run = await notify(bed, { event: 'deployment-succeeded', version: '1.2.4', environment: 'production', destinations: destinationsFor(bed, ['webhook']) }, { debug: true });
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
    bed.gh.restrictPermission('deployments', 'read');
    try {
      const run = await runAction({ action: 'promote', github: bed.gh, token: TOKEN, debug: true, sha: bed.git.shas[1], workspace: bed.work, inputs: { environment: 'dev', 'artifact-path': artefact.file, version: '1.0.0', 'github-token': TOKEN }, env: { SLIPWAY_RETRY_BASE_MS: '10' } });
      expect(run.exitCode).toBe(1);
      expect(run.errors.join('\n')).toMatch(/deployments/);
      expectNoSecrets(run, [TOKEN]);
      expect(run.masks).toContain(TOKEN);
    } finally {
      bed.gh.restrictPermission('deployments', false);
    }
  });

  it('gate publishing a check run without checks: write does not show the token', async () => {
    const workspace = mkdtempSync(join(scratch, 'gate-'));
    mkdirSync(join(workspace, 'reports'));
    writeFileSync(join(workspace, 'reports', 'TEST-a.xml'), '<testsuite name="a"><testcase classname="a" name="ok"/></testsuite>');
    bed.gh.restrictPermission('checks', 'read');
    try {
      const run = await runAction({ action: 'gate', github: bed.gh, token: TOKEN, debug: true, sha: bed.git.shas[1], workspace, inputs: { reports: 'reports/*.xml', 'check-run': 'Tests', 'github-token': TOKEN }, env: { SLIPWAY_RETRY_BASE_MS: '10' } });
      expect(run.exitCode).toBe(1);
      expectNoSecrets(run, [TOKEN]);
    } finally {
      bed.gh.restrictPermission('checks', false);
    }
  });
});
