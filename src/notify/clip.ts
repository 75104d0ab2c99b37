/** Shortens text to a provider's limit (in UTF-16 code units, as the services count), ending with "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Never leave half of a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Escapes text and clips it so the escaped form fits `max`, without ever cutting an escape sequence. */
export function clipEscaped(text: string, max: number, escape: (text: string) => string): string {
  let raw = text;
  let escaped = escape(raw);
  while (escaped.length > max) {
    raw = clip(raw, Math.max(1, Math.min(raw.length - 1, Math.floor((raw.length * max) / escaped.length))));
    escaped = escape(raw);
  }
  return escaped;
}
