import { describe, expect, it } from 'vitest';
import type { ActionRun } from '../../support/harness.js';
import { findSecrets, secretForms, urlSecrets } from '../../support/secret-scan.js';

const SECRET = 'https://hooks.slack.com/services/T000/B000/slipwaySecret0001';

function run(parts: Partial<Pick<ActionRun, 'stdout' | 'stderr' | 'summary' | 'outputs'>>): ActionRun {
  return { stdout: '', stderr: '', summary: '', outputs: {}, ...parts } as ActionRun;
}

describe('the secret scan used by the reliability tests', () => {
  it('finds nothing in a clean run, and ignores the ::add-mask:: lines the runner consumes', () => {
    expect(
      findSecrets(run({ stdout: `::add-mask::${SECRET}\nDelivered to slack #1\n`, outputs: { delivered: '1' } }), [
        SECRET,
      ]),
    ).toEqual([]);
  });

  it.each([
    ['stdout', run({ stdout: `posting to ${SECRET}\n` })],
    ['stderr', run({ stderr: `Error: connect ECONNREFUSED ${SECRET}` })],
    ['job summary', run({ summary: `| slack | ${SECRET} |` })],
    ["output 'results'", run({ outputs: { results: JSON.stringify([{ url: SECRET }]) } })],
  ])('finds a secret as given in %s', (place, leaky) => {
    const found = findSecrets(leaky, [SECRET]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`as given in ${place}`);
    expect(found[0]).toContain('<SECRET>');
  });

  it('finds URL-encoded and base64 forms at any alignment, inside longer text', () => {
    const encoded = run({ stdout: `redirect=${encodeURIComponent(SECRET)}&x=1` });
    expect(findSecrets(encoded, [SECRET]).join('\n')).toContain('URL-encoded in stdout');
    for (const prefix of ['', 'a', 'ab', 'abc:']) {
      const header = `Authorization: Basic ${Buffer.from(`${prefix}${SECRET}:trailing`).toString('base64')}`;
      expect(findSecrets(run({ summary: header }), [SECRET]).join('\n'), `prefix '${prefix}'`).toMatch(
        /base64.* in job summary/,
      );
    }
    const urlSafe = Buffer.from(`x${SECRET}??>>`).toString('base64url');
    expect(findSecrets(run({ outputs: { blob: urlSafe } }), [SECRET]).join('\n')).toMatch(/base64/);
  });

  it('every form is long enough not to match by chance, and a short secret is refused', () => {
    for (const { text } of secretForms('smtp-pass-0001')) expect(text.length).toBeGreaterThanOrEqual(6);
    expect(() => findSecrets(run({}), ['abc'])).toThrow(/too short/);
  });

  it("scans for a webhook URL's id-like and long parts on their own, but not its route names", () => {
    const parts = urlSecrets(
      'https://hooks.slack.com/services/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?sig=abc123def',
    );
    expect(parts).toEqual([
      'https://hooks.slack.com/services/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?sig=abc123def',
      'T0SLIPWAY',
      'B0SLIPWAY',
      'slipwayWebhookSecret0001',
      'abc123def',
    ]);
    const express = run({ stdout: 'HTTP 404: <pre>Cannot POST /services/T0SLIPWAY/B0SLIPWAY/***</pre>' });
    expect(findSecrets(express, parts).join('\n')).toContain('(T0SL…, 9 chars) as given in stdout');
  });
});
