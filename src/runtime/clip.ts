/**
 * Shortening text to a limit counted in UTF-16 code units, as GitHub and the chat services count.
 * A cut never leaves half of a surrogate pair (an emoji) behind.
 */

/** The first `length` code units of `text`, one fewer when the cut would split a surrogate pair. */
export function cutText(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, Math.max(0, length));
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** `text` if it fits `max`, else cut to end with `marker` ("…") within `max`. */
export function clipText(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  return `${cutText(text, max - marker.length)}${marker}`;
}

/** Escapes text and clips it so the escaped form fits `max`, without ever cutting an escape sequence. */
export function clipEscaped(text: string, max: number, escape: (text: string) => string): string {
  let raw = text;
  let escaped = escape(raw);
  while (escaped.length > max) {
    raw = clipText(raw, Math.max(1, Math.min(raw.length - 1, Math.floor((raw.length * max) / escaped.length))));
    escaped = escape(raw);
  }
  return escaped;
}
