/** Replaces every known secret in a text, longest first so a URL's parts never survive its masking. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('***');
  }
  return out;
}
