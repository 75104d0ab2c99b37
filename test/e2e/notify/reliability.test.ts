import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRequest } from '../../support/chat-sinks.js';
import { arrivalTimes, type Bed, destinationsFor, notify, startBed, stdoutWithoutMasks } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(() => bed.close());

type Fault = { status?: number; retryAfter?: number; drop?: boolean };
interface Target {
  name: string;
  sink: () => { requests: ReceivedRequest[]; failNext(faults: Fault[]): void };
  delivered: () => number;
}

const targets: Target[] = [
  {
    name: 'slack-hook',
    sink: () => bed.sinks.slack,
    delivered: () => bed.sinks.slack.messages.filter((m) => m.via === 'webhook').length,
  },
  {
    name: 'slack-api',
    sink: () => bed.sinks.slack,
    delivered: () => bed.sinks.slack.messages.filter((m) => m.via === 'api').length,
  },
  { name: 'teams', sink: () => bed.sinks.teams, delivered: () => bed.sinks.teams.messages.length },
  { name: 'discord', sink: () => bed.sinks.discord, delivered: () => bed.sinks.discord.messages.length },
  { name: 'google-chat', sink: () => bed.sinks.googleChat, delivered: () => bed.sinks.googleChat.messages.length },
  { name: 'webhook', sink: () => bed.sinks.webhook, delivered: () => bed.sinks.webhook.messages.length },
];

const started = { event: 'deployment-started', version: '2.0.0', environment: 'staging' };

describe.each(targets)('notify to $name under failures', (target) => {
  it('waits as long as a 429 asks, then delivers exactly once', async () => {
    const sink = target.sink();
    const times = arrivalTimes(sink.requests);
    const before = target.delivered();
    sink.failNext([{ status: 429, retryAfter: 1.5 }]);
    const run = await notify(bed, { ...started, destinations: destinationsFor(bed, [target.name]) });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.results!)).toMatchObject([{ outcome: 'delivered', attempts: 2 }]);
    expect(target.delivered()).toBe(before + 1);
    expect(times).toHaveLength(2);
    // Retry-After headers carry whole seconds (2); Discord's JSON retry_after the exact 1.5.
    const asked = target.name === 'discord' ? 1500 : 2000;
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(asked);
  });

  it('retries 5xx answers and a dropped connection, then delivers once', async () => {
    const sink = target.sink();
    const before = target.delivered();
    sink.failNext([{ status: 503 }, { drop: true }, { status: 500 }]);
    const run = await notify(bed, { ...started, destinations: destinationsFor(bed, [target.name]) });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.results!)).toMatchObject([{ outcome: 'delivered', attempts: 4 }]);
    expect(target.delivered()).toBe(before + 1);
  });
});

describe('permanent failures', () => {
  const wrongCredentials = () => ({
    discord: bed.sinks.discord.webhookUrl.replace('slipway-discord-webhook-token', 'revoked-token'),
    slack: bed.sinks.slack.webhookUrl.replace('slipwayWebhookSecret0001', 'deletedHook'),
  });

  it('fail fast with what the service said, as a warning, without the URL', async () => {
    const { discord } = wrongCredentials();
    const requestsBefore = bed.sinks.discord.requests.length;
    const run = await notify(bed, { ...started, 'provider': 'discord', 'webhook-url': discord });
    expect(run.exitCode).toBe(0);
    expect(bed.sinks.discord.requests.length).toBe(requestsBefore + 1);
    expect(run.outputs).toMatchObject({ delivered: '0', failed: '1' });
    expect(run.warnings).toEqual([
      'Notification not delivered: discord #1: failed after 1 attempt: HTTP 401: {"message":"Invalid Webhook Token","code":50027} (permanent, not retried)',
    ]);
    expect(run.summary).toContain('⚠️ 1 of 1 notification failed');
    expect(`${stdoutWithoutMasks(run)}${run.summary}${run.stderr}`).not.toContain('revoked-token');
    expect(run.masks).toContain(discord);
  });

  it('fail the step with fail-on-error, naming each destination by provider and index', async () => {
    const { slack } = wrongCredentials();
    const destinations = `${destinationsFor(bed, ['teams'])}\n- provider: slack\n  webhook-url: ${slack}`;
    const run = await notify(bed, { ...started, destinations, 'fail-on-error': 'true' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      '1 of 2 notifications failed: slack #2: failed after 1 attempt: HTTP 404: no_service (permanent, not retried)',
    ]);
    expect(run.outputs).toMatchObject({ delivered: '1', failed: '1' });
  });

  it("count Slack's HTTP 200 with ok:false as a failure", async () => {
    const destinations = `- provider: slack\n  slack-token: ${bed.sinks.slack.token}\n  channel: C0NOSUCH`;
    const run = await notify(bed, { ...started, destinations });
    expect(run.warnings).toEqual([
      'Notification not delivered: slack #1: failed after 1 attempt: Slack answered ok:false: channel_not_found (permanent, not retried)',
    ]);
  });

  it('refuse a rate-limit wait longer than the timeout, without waiting', async () => {
    bed.sinks.teams.failNext([{ status: 429, retryAfter: 120 }]);
    const run = await notify(bed, { ...started, destinations: destinationsFor(bed, ['teams']), timeout: '5s' });
    expect(run.warnings[0]).toMatch(
      /^Notification not delivered: teams: failed after 1 attempt: rate limited \(HTTP 429: .*\); asked to wait 2m, past the 5s timeout, after 1 attempt$/,
    );
  });
});
