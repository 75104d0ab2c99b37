import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../support/chat-sinks.js';
import { expectNoSecrets, urlSecrets } from '../../support/secret-scan.js';
import { type Bed, destinationsFor, notify, startBed } from '../notify/bed.js';
import { FaultLedger } from './invariants.js';

/**
 * notify, bundled, to every provider at once (Slack Web API and webhook, Teams, Discord, Google
 * Chat, a signed generic webhook, and email), with every chat sink failing 10% of requests with
 * the same kinds as the GitHub fault runs (seeded; chat services have no secondary rate limit),
 * and the SMTP server refusing every third run's message once with a transient 421. 12 runs: each
 * message arrives exactly once. Consecutive seeds: 7 of the 12 meet a chat fault, 4 an SMTP one.
 */
const KINDS: Fault[] = [
  { status: 500 },
  { status: 502 },
  { status: 503 },
  { status: 429, retryAfter: 1 },
  { drop: true },
];
const SEEDS = [501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 512];

let bed: Bed;
let secrets: string[];
beforeAll(async () => {
  bed = await startBed();
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
    ]),
  ];
});
afterAll(() => bed.close());

const counts = () => {
  const { sinks, smtp } = bed;
  return {
    'slack-api': sinks.slack.messages.filter((m) => m.via === 'api').length,
    'slack-hook': sinks.slack.messages.filter((m) => m.via === 'webhook').length,
    'teams': sinks.teams.messages.length,
    'discord': sinks.discord.messages.length,
    'google-chat': sinks.googleChat.messages.length,
    'webhook': sinks.webhook.messages.length,
    'email': smtp.messages.length,
  };
};

describe('notify with 10% of chat requests failing', () => {
  it('delivers each message exactly once to every destination, on every seed', { timeout: 240_000 }, async () => {
    const ledger = new FaultLedger('notify');
    const sinks = () => [bed.sinks.slack, bed.sinks.teams, bed.sinks.discord, bed.sinks.googleChat, bed.sinks.webhook];
    for (const seed of SEEDS) {
      const before = counts();
      const since = sinks().map((sink) => sink.requests.length);
      const mailed = bed.smtp.messages.length;
      const refused = seed % 3 === 0;
      // Each sink draws from its own generator: give each its own seed, or they would all fail together.
      sinks().forEach((sink, index) => sink.setFaults({ seed: seed * 31 + index, rate: 0.1, kinds: KINDS }));
      // The SMTP sink has no seeded rate: every third run, its next message is refused with a transient 421.
      if (refused) bed.smtp.failNext([{ code: 421, message: 'Try again later' }]);
      const version = `9.0.${seed}`;
      const run = await notify(bed, {
        event: 'deployment-succeeded',
        version,
        environment: 'production',
        destinations: destinationsFor(bed),
      }).finally(() => bed.sinks.setFaults(undefined));
      expect(
        run.exitCode,
        `seed ${seed}: ${run.warnings.join('; ')} ${run.errors.join('; ')} ${run.stderr.slice(0, 2000)}`,
      ).toBe(0);
      expect(run.outputs, `seed ${seed}: ${run.outputs.results}`).toMatchObject({ delivered: '7', failed: '0' });
      const after = counts();
      for (const [name, count] of Object.entries(after))
        expect(count - before[name as keyof typeof before], `${name}, seed ${seed}`).toBe(1);
      // Each delivered message is this run's, not an earlier one re-sent.
      expect(JSON.stringify(bed.sinks.discord.messages.at(-1))).toContain(version);
      expect(JSON.stringify(bed.sinks.webhook.messages.at(-1)?.body)).toContain(version);
      expect(bed.smtp.messages.at(-1)?.subject).toContain(version);
      expectNoSecrets(run, secrets);
      const chat = sinks().flatMap((sink, index) =>
        sink.requests.slice(since[index]).map((request) => ({
          fault: request.fault?.drop ? 'drop' : request.fault ? String(request.fault.status) : undefined,
        })),
      );
      // The SMTP exchange counts as one request per message sent, plus the refused one.
      const smtp = [...Array(bed.smtp.messages.length - mailed).fill({}), ...(refused ? [{ fault: 'smtp-421' }] : [])];
      ledger.record(`seed ${seed}`, [...chat, ...smtp]);
    }
    console.log(`faults-${ledger.describe()}`);
    ledger.expectCoverage(['500', '502', '503', '429', 'drop']);
  });
});
