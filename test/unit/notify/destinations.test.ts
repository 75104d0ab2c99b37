import { describe, expect, it } from 'vitest';
import { InputReader } from '../../../src/runtime/inputs.js';
import { readInputs } from '../../../src/actions/notify/inputs.js';
import { parseDestinations, singleDestination } from '../../../src/notify/destinations.js';
import { parseMessageRefs } from '../../../src/notify/message-ids.js';

const SLACK_URL = 'https://hooks.slack.test/services/T000/B000/XXXXSECRET';
const DISCORD_URL = 'https://discord.test/api/webhooks/123/TOKENSECRET';

function collect() {
  const masked: string[] = [];
  return { masked, mask: (s: string) => masked.push(s) };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('destinations list', () => {
  it('parses every provider with its settings and gives each an id', () => {
    const { mask } = collect();
    const list = parseDestinations(
      `
- provider: slack
  webhook-url: ${SLACK_URL}
- provider: slack
  name: ops
  slack-token: xoxb-secret-token
  channel: C0123
  thread: "1700000000.000100"
- provider: teams
  webhook-url: https://teams.test/workflows/abc
- provider: discord
  webhook-url: ${DISCORD_URL}
- provider: google-chat
  webhook-url: https://chat.test/v1/spaces/S/messages?key=K&token=T
- provider: webhook
  webhook-url: https://hooks.test/in
  webhook-secret: hmac-secret
- provider: email
  smtp-host: smtp.test
  smtp-username: deploys
  smtp-password: smtp-secret
  email-from: deploys@example.com
  email-to: [a@example.com, b@example.com]
`,
      mask,
    );
    expect(list.map((d) => d.id)).toEqual(['slack-1', 'ops', 'teams', 'discord', 'google-chat', 'webhook', 'email']);
    expect(list.map((d) => d.label)).toEqual([
      'slack #1',
      'ops (slack)',
      'teams #3',
      'discord #4',
      'google-chat #5',
      'webhook #6',
      'email #7',
    ]);
    expect(list[1]).toMatchObject({
      provider: 'slack',
      token: 'xoxb-secret-token',
      channel: 'C0123',
      thread: '1700000000.000100',
    });
    expect(list[6]).toMatchObject({
      smtp: { host: 'smtp.test', port: 587, secure: false, username: 'deploys', password: 'smtp-secret' },
      to: ['a@example.com', 'b@example.com'],
    });
  });

  it('masks every URL and secret before anything can fail', () => {
    const { masked, mask } = collect();
    const text = `- provider: discord\n  webhook-url: ${DISCORD_URL}\n- provider: webhook\n  webhook-url: ${SLACK_URL}\n  webhook-secret: hmac-secret\n  bogus: 1`;
    const error = errorOf(() => parseDestinations(text, mask));
    expect(error.message).toBe(
      "Destination 2 in 'destinations': 'bogus' is not a setting of webhook; accepted: webhook-url, webhook-secret.",
    );
    expect(masked).toEqual(expect.arrayContaining([DISCORD_URL, SLACK_URL, 'hmac-secret']));
  });

  it('never quotes a bad URL in its error', () => {
    const { mask } = collect();
    const error = errorOf(() =>
      parseDestinations('- provider: teams\n  webhook-url: ftp://secret-host/secret-path', mask),
    );
    expect(error.message).toBe(
      "Destination 1 in 'destinations': 'webhook-url' must be an http(s) URL (value hidden: it is a secret).",
    );
    expect(error.message).not.toContain('secret-path');
  });

  it.each([
    ['provider: slack', "Input 'destinations' must be a non-empty YAML list of destinations, each with a 'provider'."],
    [
      '- provider: sms',
      "Destination 1 in 'destinations': 'provider' must be one of `slack`, `teams`, `discord`, `google-chat`, `webhook`, `email`; got \"sms\".",
    ],
    [
      '- provider: slack\n  slack-token: xoxb-1',
      "Destination 1 in 'destinations': 'channel' is required with 'slack-token' (chat.postMessage posts to a channel).",
    ],
    [
      '- provider: email\n  smtp-host: h\n  email-from: a@b.c',
      "Destination 1 in 'destinations': 'email-to' is required: one or more addresses.",
    ],
    [
      '- provider: teams\n  name: x\n  webhook-url: https://a.test\n- provider: discord\n  name: x\n  webhook-url: https://b.test',
      'Destination 2 in \'destinations\' reuses the name "x"; names must be unique.',
    ],
  ])('rejects %j with a one-line error', (text, message) => {
    expect(errorOf(() => parseDestinations(text, () => {})).message).toBe(message);
  });
});

describe('Teams Workflows webhooks', () => {
  it.each([
    'https://prod-12.westeurope.logic.azure.com:443/workflows/5f3c1a2b9d8e4f7a/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Rk3sIg',
    'https://default0a1b2c3d.e4.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/5f3c1a2b/triggers/manual/paths/invoke?api-version=1&sig=Rk3sIg',
    'https://hooks.example.org/teams-relay',
  ])('accepts any https URL, such as %s', (url) => {
    expect(singleDestination({ 'provider': 'teams', 'webhook-url': url })).toMatchObject({
      provider: 'teams',
      webhookUrl: url,
    });
  });

  it('refuses a retired Office 365 connector URL, saying what replaces it and never quoting it', () => {
    const url = 'https://contoso.webhook.office.com/webhookb2/0a1b2c3d@e4f5/IncomingWebhook/SECRETPART/f00d';
    const error = errorOf(() => singleDestination({ 'provider': 'teams', 'webhook-url': url }));
    expect(error.message).toBe(
      "Provider 'teams': 'webhook-url' is an Office 365 connector URL, which Teams no longer accepts; create a Workflows webhook instead (see the notify README) (value hidden: it is a secret).",
    );
    expect(error.message).not.toContain('SECRETPART');
  });
});

describe('one provider from inputs', () => {
  it('ignores settings of other providers and names the destination by provider', () => {
    const destination = singleDestination({
      'provider': 'discord',
      'webhook-url': DISCORD_URL,
      'smtp-host': 'ignored',
      'thread': '55',
    });
    expect(destination).toEqual({
      id: 'discord',
      label: 'discord #1',
      provider: 'discord',
      webhookUrl: DISCORD_URL,
      thread: '55',
    });
  });
});

describe('action inputs', () => {
  const read = (values: Record<string, string>) => {
    const { masked, mask } = collect();
    return { masked, inputs: () => readInputs(new InputReader((name) => values[name] ?? ''), mask) };
  };

  it('masks webhook URLs, tokens, passwords and the HMAC secret as they are read', () => {
    const { masked, inputs } = read({
      'provider': 'slack',
      'webhook-url': SLACK_URL,
      'slack-token': '',
      'webhook-secret': 'hmac-1',
      'smtp-password': 'pw-1',
      'event': 'deployment-started',
    });
    const result = inputs();
    expect(masked).toEqual([SLACK_URL, 'hmac-1', 'pw-1']);
    expect(result.destinations[0]).toMatchObject({ provider: 'slack', webhookUrl: SLACK_URL });
    expect(result).toMatchObject({ timeoutMs: 60_000, failOnError: false, dryRun: false });
  });

  it('masks secrets even when a later input is wrong', () => {
    const { masked, inputs } = read({
      destinations: `- provider: discord\n  webhook-url: ${DISCORD_URL}`,
      event: 'deployed',
    });
    expect(() => inputs()).toThrow("Input 'event' must be one of");
    expect(masked).toContain(DISCORD_URL);
  });

  it('wants either destinations or provider, and an event', () => {
    expect(() => read({ event: 'custom', message: 'x' }).inputs()).toThrow("Nothing to notify: set 'provider'");
    expect(() => read({ provider: 'teams', destinations: '- provider: teams', event: 'custom' }).inputs()).toThrow(
      "Give either 'destinations' (a list) or 'provider' with its settings, not both.",
    );
    expect(() => read({ 'provider': 'teams', 'webhook-url': 'https://t.test' }).inputs()).toThrow(
      "Input required and not supplied: 'event'.",
    );
  });

  it.each(['environment-url', 'release-url'])(
    "refuses a javascript: URL in '%s' with a one-line input error",
    (input) => {
      const { inputs } = read({
        'provider': 'discord',
        'webhook-url': DISCORD_URL,
        'event': 'deployment-succeeded',
        [input]: 'javascript:alert(1)',
      });
      expect(() => inputs()).toThrow(`Input '${input}' must be an http or https URL; got a "javascript:" URL.`);
      const ok = read({
        'provider': 'discord',
        'webhook-url': DISCORD_URL,
        'event': 'deployment-succeeded',
        [input]: 'https://app.example.com',
      }).inputs();
      expect(ok.message).toMatchObject({
        [input === 'environment-url' ? 'environmentUrl' : 'releaseUrl']: 'https://app.example.com',
      });
    },
  );

  it('reads update from an earlier message-ids output', () => {
    const update = JSON.stringify({ discord: { provider: 'discord', id: '99' } });
    const { inputs } = read({
      'provider': 'discord',
      'webhook-url': DISCORD_URL,
      'event': 'deployment-succeeded',
      update,
    });
    expect(inputs().update).toEqual({ discord: { provider: 'discord', id: '99' } });
    expect(() => parseMessageRefs('{"discord": {"provider": "fax"}}')).toThrow(
      `Input 'update' has an unreadable entry for "discord"`,
    );
    expect(() => parseMessageRefs('not json')).toThrow("Input 'update' must be JSON");
  });
});
