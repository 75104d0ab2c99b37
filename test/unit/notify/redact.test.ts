import { describe, expect, it } from 'vitest';
import { type Fetch, sendHttp } from '../../../src/notify/http-request.js';
import { redact, secretParts } from '../../../src/notify/redact.js';
import type { RetryPolicy } from '../../../src/runtime/retry.js';
import { fakeClock } from '../runtime/fake-clock.js';

const url = 'https://hooks.slack.com/services/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';
const secret = 'Zq8mXw2Lr5Tn9Vb3Kc7Hd1Jf';
const teams =
  'https://prod-12.westeurope.logic.azure.com:443/workflows/5f3c1a2b9d8e4f7a/triggers/manual/paths/invoke?api-version=2016-06-01&sig=Rk3_sIgNaTuRe-Value0042';

describe('redact', () => {
  it('splits a webhook URL into every path segment and query value', () => {
    expect(secretParts(url)).toEqual(
      expect.arrayContaining([
        '/services/T0AB12CD3/B0EF45GH6/Zq8mXw2Lr5Tn9Vb3Kc7Hd1Jf',
        'T0AB12CD3',
        'B0EF45GH6',
        secret,
        'services',
      ]),
    );
    expect(secretParts(teams)).toEqual(
      expect.arrayContaining(['5f3c1a2b9d8e4f7a', 'Rk3_sIgNaTuRe-Value0042', '2016-06-01']),
    );
    expect(secretParts('xoxb-not-a-url-token')).toEqual(['xoxb-not-a-url-token']);
  });

  it.each([
    ['an Express 404 quoting the path', `<pre>Cannot POST /services/T0AB12CD3/B0EF45GH6/${secret}</pre>`],
    ['one segment alone', `unknown token ${secret}`],
    [
      'the URL percent-encoded, in lower-case hex',
      `redirect=${encodeURIComponent(url).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`,
    ],
    ['the URL in base64', `{"hook":"${Buffer.from(`${url}?x=1`).toString('base64')}"}`],
    ['a segment in base64 at an odd alignment', `id:${Buffer.from(`ab${secret}`).toString('base64url')}`],
    ['the Teams signature HTML-escaped in a query', `&amp;sig=Rk3_sIgNaTuRe-Value0042&amp;`],
  ])('leaves no recognisable part in %s', (_case, text) => {
    const out = redact(text, [url, teams]);
    for (const part of [secret, 'T0AB12CD3', 'Rk3_sIgNaTuRe-Value0042']) {
      expect(out).not.toContain(part);
      expect(out).not.toContain(Buffer.from(part).toString('base64').slice(0, 12));
    }
    expect(out).toContain('***');
  });
});

describe('passwords and tokens', () => {
  it('are replaced inside an SMTP server echoing the AUTH PLAIN exchange, and as given', () => {
    const echoed = `535 5.7.8 Authentication failed for ${Buffer.from('\0deploys\0smtp-pass-0001').toString('base64')} (smtp-pass-0001)`;
    const out = redact(echoed, ['smtp-pass-0001']);
    expect(out).not.toContain('smtp-pass-0001');
    for (const offset of [0, 1, 2])
      expect(out).not.toContain(
        Buffer.from(`${'x'.repeat(offset)}smtp-pass-0001`)
          .toString('base64')
          .slice(4, 16),
      );
  });
});

describe('an answer quoting the URL right where errors are clipped', () => {
  it('is redacted before it is shortened, so no prefix of a secret survives the cut', async () => {
    const policy: RetryPolicy = { timeoutMs: 60_000, baseMs: 1000, maxDelayMs: 8000, maxAttempts: 1 };
    // The secret starts at character 190 of the body: clipping at 200 first would keep its first 9 characters.
    const body = `${'x'.repeat(172)} Cannot POST /${secret}`;
    const f = (async () => new Response(body, { status: 404 })) as unknown as Fetch;
    const error = await sendHttp(
      { method: 'POST', url, headers: {}, body: '{}' },
      { policy, clock: fakeClock(), fetch: f, redact: (text) => redact(text, [url]) },
    ).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^HTTP 404: x+ Cannot POST \/\*\*\* \(permanent/);
    expect((error as Error).message).not.toContain(secret.slice(0, 6));
  });

  it('is not followed when it redirects: the message is never re-sent elsewhere', async () => {
    const policy: RetryPolicy = { timeoutMs: 60_000, baseMs: 1000, maxDelayMs: 8000, maxAttempts: 3 };
    const seen: RequestInit[] = [];
    const f = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response('Found.', { status: 302, headers: { location: 'https://elsewhere.example.test/' } });
    }) as unknown as Fetch;
    const error = await sendHttp(
      { method: 'POST', url, headers: {}, body: '{}' },
      { policy, clock: fakeClock(), fetch: f },
    ).catch((e: Error) => e);
    expect(seen.map((init) => init.redirect)).toEqual(['manual']);
    expect((error as Error).message).toBe(
      'HTTP 302: redirects are not followed; give the final URL (Found.) (permanent, not retried)',
    );
  });
});
