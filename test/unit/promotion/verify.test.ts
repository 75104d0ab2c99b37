import { afterEach, describe, expect, it } from 'vitest';
import { carriesVersion, checkOnce, soakWatch, waitUntilHealthy } from '../../../src/promotion/verify.js';
import { fakeClock } from '../runtime/fake-clock.js';
import { loopback } from './loopback.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Answers each request with the next scripted [status, body]; the last one repeats. */
async function scripted(answers: [number, string][]) {
  let i = 0;
  const server = await loopback((_, res) => {
    const [status, body] = answers[Math.min(i++, answers.length - 1)] as [number, string];
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  });
  close = server.close;
  return server;
}

describe('carriesVersion', () => {
  it.each([
    ['build 1.2.3 ok', { version: '1.2.3' }, true],
    ['build 1.2.30', { version: '1.2.3' }, false],
    ['v1.2.3-rc.1', { version: '1.2.3' }, false],
    ['{"app":{"version":"1.2.3"}}', { version: '1.2.3' }, true],
    ['{"app":{"version":"1.2.3"}}', { version: '1.2.3', field: 'app.version' }, true],
    ['{"app":{"version":"1.2.4"},"note":"1.2.3"}', { version: '1.2.3', field: 'app.version' }, false],
    ['1.2.3', { version: '1.2.3', field: 'version' }, false],
  ])('%j with %j: %s', (body, expect_, result) => {
    expect(carriesVersion(body, expect_)).toBe(result);
  });
});

describe('waitUntilHealthy', () => {
  it('polls until the URL answers 2xx with the version', async () => {
    const server = await scripted([
      [503, 'starting'],
      [200, 'version 1.0.0'],
      [200, 'version 1.1.0'],
    ]);
    const clock = fakeClock();
    const result = await waitUntilHealthy({
      url: server.url,
      expect: { version: '1.1.0' },
      clock,
      timeoutMs: 60_000,
      intervalMs: 5_000,
    });
    expect(result).toEqual({ attempts: 3 });
    expect(clock.slept).toEqual([5_000, 5_000]);
  });

  it('fails after verify-timeout with the last failure', async () => {
    const server = await scripted([[502, 'bad gateway']]);
    const clock = fakeClock();
    await expect(waitUntilHealthy({ url: server.url, clock, timeoutMs: 30_000, intervalMs: 10_000 })).rejects.toThrow(
      `Verification of ${server.url} failed: HTTP 502 after 4 attempts in 30s (verify-timeout 30s).`,
    );
    expect(server.requests()).toBe(4);
  });

  it('reports a refused connection as a failed check', async () => {
    const server = await scripted([[200, 'ok']]);
    const url = server.url;
    await server.close();
    close = undefined;
    const result = await checkOnce({ url });
    expect(result.ok).toBe(false);
  });
});

describe('soakWatch', () => {
  it('passes when every check during the watch passes', async () => {
    const server = await scripted([[200, '{"version":"2.0.0"}']]);
    const clock = fakeClock();
    expect(
      await soakWatch({ url: server.url, expect: { version: '2.0.0' }, clock, durationMs: 60_000, intervalMs: 15_000 }),
    ).toEqual({ checks: 4 });
  });

  it('fails on the first failed check', async () => {
    const server = await scripted([
      [200, 'ok'],
      [200, 'ok'],
      [500, 'boom'],
      [200, 'ok'],
    ]);
    const clock = fakeClock();
    await expect(soakWatch({ url: server.url, clock, durationMs: 60_000, intervalMs: 15_000 })).rejects.toThrow(
      `Soak watch of ${server.url} failed: HTTP 500 (check 3).`,
    );
  });
});
