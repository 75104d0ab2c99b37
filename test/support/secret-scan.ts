import { expect } from 'vitest';
import type { ActionRun } from './harness.js';

/**
 * The forms a secret can leak in: as given, URL-encoded (a token in a query string, a webhook URL
 * inside another URL), and base64 (Basic auth headers, encoded payloads). Base64 depends on where
 * the secret starts in the encoded text, so each of the three alignments is searched, keeping only
 * the characters that come from the secret's bytes alone.
 */
export function secretForms(secret: string): Array<{ form: string; text: string }> {
  const forms = [{ form: 'as given', text: secret }];
  const add = (form: string, text: string) => {
    if (text.length >= 6 && !forms.some((known) => known.text === text)) forms.push({ form, text });
  };
  add('URL-encoded', encodeURIComponent(secret));
  add('URL-encoded (form)', encodeURIComponent(secret).replace(/%20/g, '+'));
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Characters before index 4 mix in the padding bytes; a trailing partial group mixes in whatever follows.
    const start = offset === 0 ? 0 : 4;
    const end = Math.floor((offset + bytes.length) / 3) * 4;
    const core = encoded.slice(start, end);
    add(`base64 (offset ${offset})`, core);
    add(`base64url (offset ${offset})`, core.replace(/\+/g, '-').replace(/\//g, '_'));
    if (offset === 0) add('base64 (whole)', encoded);
  }
  return forms;
}

/** Where a secret must never appear: what the runner would show or hand to later steps. */
export function visiblePlaces(run: ActionRun): Array<{ place: string; text: string }> {
  // `::add-mask::<value>` is how a secret is masked: the runner consumes the line and never shows it.
  const withoutMasks = (text: string) =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
  return [
    { place: 'stdout', text: withoutMasks(run.stdout) },
    { place: 'stderr', text: run.stderr },
    { place: 'job summary', text: run.summary },
    ...Object.entries(run.outputs).map(([name, value]) => ({ place: `output '${name}'`, text: value })),
  ];
}

/** Every place and form in which one of `secrets` appears in `run`; empty when none leaked. */
export function findSecrets(run: ActionRun, secrets: string[]): string[] {
  const found: string[] = [];
  secrets.forEach((secret, index) => {
    if (secret.length < 6) throw new Error(`secret #${index + 1} is too short to scan for meaningfully (${secret.length} characters)`);
    for (const { form, text } of secretForms(secret)) {
      for (const { place, text: haystack } of visiblePlaces(run)) {
        const at = haystack.indexOf(text);
        if (at < 0) continue;
        const context = haystack.slice(Math.max(0, at - 60), at + text.length + 60).replace(text, '<SECRET>');
        found.push(`secret #${index + 1} (${secret.slice(0, 4)}…, ${secret.length} chars) ${form} in ${place}: …${JSON.stringify(context)}…`);
      }
    }
  });
  return found;
}

/**
 * Fails the test if any of `secrets` (tokens, webhook URLs, passwords, HMAC keys) appears, as given,
 * URL-encoded or base64-encoded, in the run's stdout (bar `::add-mask::` lines), stderr, job summary
 * or any output.
 */
export function expectNoSecrets(run: ActionRun, secrets: string[]): void {
  expect(findSecrets(run, secrets), 'secrets visible in the run').toEqual([]);
}

/**
 * A webhook URL and the parts of it that are credentials on their own: path segments of 20 or more
 * characters (Slack's and Discord's tokens) and query values (Teams' `sig`, Google Chat's `key` and `token`). An error
 * message quoting only the path still leaks the webhook.
 */
export function urlSecrets(url: string): string[] {
  const parsed = new URL(url);
  const parts = [
    ...parsed.pathname.split('/').filter((segment) => segment.length >= 20),
    ...[...parsed.searchParams.values()].filter((value) => value.length >= 16),
  ];
  return [url, ...new Set(parts)];
}
