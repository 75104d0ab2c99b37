import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePayload } from '../../support/examples.js';
import { expectNoSecrets } from '../../support/secret-scan.js';
import { type Bed, destinationsFor, notify, startBed, stdoutWithoutMasks, visible } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(() => bed.close());

const hostile = 'Fix <!channel> <!here> <@U024BE7LH> @everyone @here <script>alert(1)</script> <at>All</at>';
const event = {
  name: 'pull_request',
  payload: examplePayload('pull_request', (payload) => {
    payload.pull_request.title = hostile;
  }),
};

/** Every string in a stored message, wherever it sits. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('a PR title with mentions and markup', () => {
  it('arrives inert at every provider', async () => {
    // A workflow writing `message: ${{ github.event.pull_request.title }}` hands the title over verbatim.
    const run = await notify(
      bed,
      {
        event: 'deployment-succeeded',
        version: '1.5.0',
        environment: 'production',
        message: hostile,
        destinations: destinationsFor(bed),
      },
      { event },
    );
    expect(run.outputs.failed).toBe('0');
    const { sinks, smtp } = bed;

    for (const message of sinks.slack.messages) {
      const texts = strings([message.text, message.blocks, message.attachments]);
      expect(texts.join('\n')).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U024BE7LH&gt;');
      for (const text of texts) expect(text).not.toMatch(/<!channel>|<!here>|<@U|<script|@(everyone|here)\b/);
    }
    expect(sinks.slack.messages).toHaveLength(2);

    const discordBody = sinks.discord.requests.at(-1)!.body as { allowed_mentions: unknown };
    expect(discordBody.allowed_mentions).toEqual({ parse: [] });
    for (const text of strings(sinks.discord.messages.at(-1)!.embeds)) expect(text).not.toMatch(/@everyone|@here|<@U/);

    const teamsTexts = strings(sinks.teams.messages.at(-1)!.cards);
    // No backslashes (Teams mobile shows them): an invisible space keeps each tag from being one.
    expect(teamsTexts.join('\n')).toContain('<\u200bscript>alert(1)<\u200b/script> <\u200bat>All<\u200b/at>');
    for (const text of teamsTexts) expect(text).not.toMatch(/<\/?(script|at)\b|\\</);

    const chatTexts = strings(sinks.googleChat.messages.at(-1)!.cardsV2);
    expect(chatTexts.join('\n')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const text of chatTexts) expect(text).not.toMatch(/<script|<at>|<users\//);

    // The generic webhook carries plain JSON strings; escaping is the receiver's job.
    expect(sinks.webhook.messages.at(-1)!.body).toMatchObject({ 'text': hostile, 'pull-request-title': hostile });

    const mail = smtp.messages.at(-1)!;
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toMatch(/<script|<at>/);
    expect(mail.text).toContain(hostile);

    expect(run.summary).not.toMatch(/<script|<at>/);
  });
});

describe('secrets', () => {
  it('are masked as they are read and appear in no log, output or summary, even on failure and with debug logging', async () => {
    const revoked = bed.sinks.discord.webhookUrl.replace('slipway-discord-webhook-token', 'revoked-token-0001');
    const destinations = `${destinationsFor(bed)}\n- provider: discord\n  webhook-url: ${revoked}`;
    bed.sinks.teams.failNext([{ status: 503 }]);
    const run = await notify(
      bed,
      { 'event': 'deployment-failed', 'version': '1.5.0', destinations, 'fail-on-error': 'true' },
      { debug: true },
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(/^1 of 8 notifications failed: discord #8: failed after 1 attempt: HTTP 401/);
    const seen = `${visible(run)}\n${stdoutWithoutMasks(run)}`;
    for (const secret of [...bed.secrets, revoked, 'revoked-token-0001']) {
      expect(seen).not.toContain(secret);
    }
    // Masked the moment they were read, including the URLs built from them.
    expect(run.masks).toEqual(
      expect.arrayContaining([
        ...bed.secrets,
        revoked,
        `${bed.sinks.discord.webhookUrl}?wait=true`,
        `${bed.sinks.googleChat.webhookUrl}&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`,
      ]),
    );
  });

  it('stay out of a dry run, which prints every payload and sends nothing', async () => {
    const before = bed.sinks.discord.requests.length + bed.sinks.slack.requests.length + bed.smtp.messages.length;
    const run = await notify(bed, {
      'event': 'deployment-started',
      'version': '1.6.0',
      'destinations': destinationsFor(bed),
      'dry-run': 'true',
    });
    expect(run.exitCode).toBe(0);
    expect(bed.sinks.discord.requests.length + bed.sinks.slack.requests.length + bed.smtp.messages.length).toBe(before);
    expect(run.log.join('\n')).toContain('"allowed_mentions": {');
    // The generic webhook's signature, as a receiver would check it; the HMAC secret itself stays out.
    expect(run.log.join('\n')).toMatch(
      /^X-Slipway-Signature: sha256=[0-9a-f]{64} \(of the body as sent: compact JSON\)$/m,
    );
    expect(run.summary).toContain('🧪 Dry run: nothing sent to 7 destinations');
    const seen = `${visible(run)}\n${stdoutWithoutMasks(run)}`;
    for (const secret of bed.secrets) expect(seen).not.toContain(secret);
  });
});

describe('a receiver that repeats the webhook URL in its answer', () => {
  // The bed starts in beforeAll, after this block is collected: read its sinks only when a test runs.
  const urls = () => {
    const { slack, teams, discord, googleChat, webhook } = bed.sinks;
    return [slack.webhookUrl, teams.webhookUrl, discord.webhookUrl, googleChat.webhookUrl, webhook.url];
  };
  // Each segment and query value of every URL, even ones the harness's scan calls route names.
  const everyPart = () =>
    urls().flatMap((url) => {
      const parsed = new URL(url);
      return [...parsed.pathname.split('/'), ...parsed.searchParams.values()].filter((part) => part.length >= 6);
    });

  it.each(['express-404', 'redirect', 'base64'] as const)(
    'has no part of the URL reach the warning, results or summary (%s)',
    async (echo) => {
      for (const sink of [bed.sinks.slack, bed.sinks.teams, bed.sinks.discord, bed.sinks.googleChat, bed.sinks.webhook])
        sink.failNext([{ echo }]);
      const destinations = destinationsFor(bed, ['slack-hook', 'teams', 'discord', 'google-chat', 'webhook']);
      // The harness scans every output for each URL and its credential parts, as given, URL-encoded and in base64.
      const run = await notify(bed, { event: 'deployment-succeeded', version: '1.5.0', destinations });
      expect(run.outputs.failed).toBe('5');
      expect(run.warnings).toHaveLength(5);
      const results = JSON.parse(run.outputs.results!) as Array<{ error: string }>;
      const status = { 'express-404': 'HTTP 404', 'redirect': 'HTTP 302', 'base64': 'HTTP 400' }[echo];
      for (const result of results) expect(result.error).toContain(status);
      // What the receiver said stays readable around the masked parts.
      if (echo === 'express-404') expect(results[0]!.error).toContain('Cannot POST ***</pre>');
      expectNoSecrets(run, [...new Set(everyPart())]);
    },
  );
});
