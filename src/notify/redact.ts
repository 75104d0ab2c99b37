/** Parts and forms shorter than this are not replaced: they would garble ordinary words and reveal too little. */
const SHORTEST = 6;

/**
 * The pieces of a secret that are secrets on their own. A webhook URL's credential is its path or
 * query, so a receiver quoting only the path (`Cannot POST /services/T…/B…/…`) or one segment still
 * leaks it: every path segment, query value and user-info part counts.
 */
export function secretParts(secret: string): string[] {
  const parts = [secret];
  let url: URL | undefined;
  try {
    url = /^https?:\/\//i.test(secret) ? new URL(secret) : undefined;
  } catch {
    url = undefined;
  }
  if (url)
    parts.push(
      url.pathname + url.search,
      url.pathname,
      url.username,
      url.password,
      ...url.pathname.split('/'),
      ...url.searchParams.values(),
    );
  return [...new Set(parts.filter((part) => part.length >= SHORTEST))];
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The characters of `part`'s base64 that come from its bytes alone, at each of the three alignments
 * it can have inside a longer encoded text (a whole URL in base64 holds each segment at one of them).
 */
function base64Cores(part: string): string[] {
  const bytes = Buffer.from(part, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const core = encoded.slice(offset === 0 ? 0 : 4, Math.floor((offset + bytes.length) / 3) * 4);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    if (offset === 0) cores.push(encoded);
  }
  return cores;
}

/** Every form a part can take in someone else's answer: as given, percent-encoded or decoded, HTML-escaped, base64. */
function forms(part: string): string[] {
  const encoded = encodeURIComponent(part);
  const html = part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [part, encoded, encoded.replace(/%20/g, '+'), percentDecoded(part), html, ...base64Cores(part)];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every part of every secret, in every form, with `***` (case-insensitively, as percent
 * escapes and hosts vary in case; longest first, so a URL's parts never survive its masking).
 */
export function redact(text: string, secrets: Iterable<string>): string {
  const all = new Set(
    [...secrets]
      .flatMap(secretParts)
      .flatMap(forms)
      .filter((form) => form.length >= SHORTEST),
  );
  if (all.size === 0) return text;
  const pattern = new RegExp(
    [...all]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'gi',
  );
  return text.replace(pattern, '***');
}
