import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { buildDiscordPayload } from '../../../src/notify/discord.js';
import { composeMessage } from '../../../src/notify/message.js';
import { buildSlackMessage } from '../../../src/notify/slack.js';
import { signBody } from '../../../src/notify/webhook.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('slipway notify --dry-run', () => {
  it('prints exactly the Slack payload the action would send', async () => {
    const { out, err } = capture();
    const code = await runCli([
      'notify',
      '--provider',
      'slack',
      '--event',
      'deployment-started',
      '--version',
      '1.4.0',
      '--environment',
      'production',
      '--title',
      'Ship <!channel>',
      '--repository',
      'octo/app',
      '--dry-run',
    ]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const message = composeMessage(
      { event: 'deployment-started', version: '1.4.0', environment: 'production', title: 'Ship <!channel>' },
      {
        serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
        repository: 'octo/app',
        actor: process.env.GITHUB_ACTOR,
        sha: process.env.GITHUB_SHA,
        runId: process.env.GITHUB_RUN_ID,
      },
    );
    expect(JSON.parse(out.join(''))).toEqual(buildSlackMessage(message));
    expect(out.join('')).toContain('Ship &lt;!channel&gt;');
    expect(err.join('')).toBe('slack #1: posted via Slack incoming webhook\n');
  });

  it('prints the Discord edit for an update, without sending anything', async () => {
    const { out, err } = capture();
    const code = await runCli([
      'notify',
      '--provider',
      'discord',
      '--event',
      'deployment-succeeded',
      '--repository',
      'octo/app',
      '--update',
      '{"discord":{"provider":"discord","id":"42"}}',
      '--dry-run',
    ]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const payload = JSON.parse(out.join('')) as ReturnType<typeof buildDiscordPayload>;
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(err.join('')).toBe('discord #1: edited via Discord webhook: PATCH /messages/{id}\n');
  });

  it('refuses a javascript: link, naming the flag', async () => {
    const { out, err } = capture();
    const code = await runCli([
      'notify',
      '--provider',
      'slack',
      '--event',
      'deployment-succeeded',
      '--environment-url',
      'javascript:alert(1)',
      '--dry-run',
    ]);
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(err.join('')).toBe('slipway: --environment-url must be an http or https URL; got a "javascript:" URL.\n');
    expect(out.join('')).toBe('');
  });

  it('previews the Slack bot-token path: chat.postMessage to the channel, with no stand-in webhook', async () => {
    const { out, err } = capture();
    const code = await runCli([
      'notify',
      '--provider',
      'slack',
      '--slack-token',
      'xoxb-cli-preview-0001',
      '--channel',
      'C0DEPLOYS',
      '--event',
      'deployment-started',
      '--repository',
      'octo/app',
      '--dry-run',
    ]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    expect(err.join('')).toBe('slack #1: posted via Slack Web API chat.postMessage\n');
    expect(JSON.parse(out.join(''))).toMatchObject({
      channel: 'C0DEPLOYS',
      attachments: [expect.objectContaining({ color: '#1D9BD1' })],
    });
    expect(out.join('') + err.join('')).not.toContain('xoxb-cli-preview-0001');
  });

  it('shows the signature header a signed webhook would carry, computed over the body as sent', async () => {
    const { out, err } = capture();
    const code = await runCli([
      'notify',
      '--provider',
      'webhook',
      '--webhook-secret',
      'hmac-cli-0001',
      '--event',
      'deployment-started',
      '--repository',
      'octo/app',
      '--dry-run',
    ]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const body = JSON.stringify(JSON.parse(out.join('')));
    expect(err.join('')).toBe(
      `webhook #1: posted via generic webhook (signed)\nX-Slipway-Signature: ${signBody(body, 'hmac-cli-0001')} (of the body as sent: compact JSON)\n`,
    );
    expect(out.join('') + err.join('')).not.toContain('hmac-cli-0001');
  });

  it('refuses an unknown provider as a usage error', async () => {
    const { err } = capture();
    const code = await runCli(['notify', '--provider', 'sms', '--event', 'custom', '--dry-run']);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(err.join('')).toContain("argument 'sms' is invalid");
  });
});
