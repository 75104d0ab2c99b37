import { parse as parseYaml } from 'yaml';
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
    if (secret.length < 6)
      throw new Error(`secret #${index + 1} is too short to scan for meaningfully (${secret.length} characters)`);
    for (const { form, text } of secretForms(secret)) {
      for (const { place, text: haystack } of visiblePlaces(run)) {
        const at = haystack.indexOf(text);
        if (at < 0) continue;
        const context = haystack.slice(Math.max(0, at - 60), at + text.length + 60).replace(text, '<SECRET>');
        found.push(
          `secret #${index + 1} (${secret.slice(0, 4)}…, ${secret.length} chars) ${form} in ${place}: …${JSON.stringify(context)}…`,
        );
      }
    }
  });
  return found;
}

/**
 * Fails the test if any of `secrets` (tokens, webhook URLs, passwords, HMAC keys) appears, as given,
 * URL-encoded or base64-encoded, in the run's stdout (bar `::add-mask::` lines), stderr, job summary
 * or any output. (The harness already does this for the secrets a run is given: see
 * `suppliedSecrets`; call this for others, e.g. a secret a sink holds that the run never saw.)
 */
export function expectNoSecrets(run: ActionRun, secrets: string[]): void {
  const found = findSecrets(run, secrets);
  if (found.length > 0) throw new Error(`secrets visible in the run:\n${found.map((line) => `- ${line}`).join('\n')}`);
}

/** Inputs (and notify destination fields) that hold a secret by their name: tokens, passwords, HMAC secrets, webhook URLs. */
export const SECRET_NAME = /token|password|secret|webhook/i;

/**
 * Values shorter than this are not scanned for: an 'x' or 'test' password would match ordinary
 * words. (Values this short are not secrets in these tests; findSecrets refuses under 6.)
 */
const SHORTEST_SECRET = 8;

/**
 * The secrets a run is given: its token, every input whose name says it holds a secret
 * (`github-token`, `slack-token`, `webhook-url`, `webhook-secret`, `smtp-password`), the same fields
 * of each notify `destinations` item, and, for each URL among them, the parts that are credentials
 * on their own (see urlSecrets). Values too short to scan meaningfully are left out.
 */
export function suppliedSecrets(
  token: string,
  inputs: Record<string, string>,
  extra: readonly string[] = [],
): string[] {
  const values = [token, ...extra];
  for (const [name, value] of Object.entries(inputs)) {
    if (SECRET_NAME.test(name)) values.push(value);
    else if (name === 'destinations') values.push(...destinationSecrets(value));
  }
  const secrets = values.map((value) => value.trim()).filter((value) => value.length >= SHORTEST_SECRET);
  return [...new Set(secrets.flatMap((secret) => (/^https?:\/\//i.test(secret) ? urlSecrets(secret) : [secret])))];
}

/** The secret-named fields of notify's `destinations` (a YAML or JSON list of mappings); none when it does not parse. */
function destinationSecrets(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item: unknown) =>
    item && typeof item === 'object'
      ? Object.entries(item as Record<string, unknown>).flatMap(([name, value]) =>
          SECRET_NAME.test(name) && (typeof value === 'string' || typeof value === 'number') ? [String(value)] : [],
        )
      : [],
  );
}

/**
 * A webhook URL and the parts of it that are credentials on their own: long path segments (20
 * characters or more: Slack's and Discord's tokens) and query values (16 or more: Google Chat's
 * `key` and `token`, Teams' `sig`), and any part of 6 or more characters with a digit (Slack's
 * `T…`/`B…`, Discord's webhook id, Teams' workflow id). Route names such as `services` are not
 * secrets, nor is a Google Chat space name, which the message's own id repeats. An error quoting
 * only the path, or one segment of it, still leaks the webhook: each part is scanned in every form.
 */
export function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const decoded = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const idLike = (part: string) => part.length >= 6 && /\d/.test(part);
  const parts = [
    ...parsed.pathname
      .split('/')
      .map(decoded)
      .filter((segment) => segment.length >= 20 || idLike(segment)),
    ...[...parsed.searchParams.values()].filter((value) => value.length >= 16 || idLike(value)),
  ];
  return [url, ...new Set(parts)];
}
