import { clipText, cutText } from '../../runtime/clip.js';

/** Collects text up to `limit` characters and drops the rest, so a huge stack trace costs no memory. */
export class CappedText {
  private parts: string[] = [];
  private length = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  add(text: string): void {
    const room = this.limit - this.length;
    if (room <= 0) {
      if (text) this.truncated = true;
      return;
    }
    const kept = cutText(text, room);
    if (kept.length < text.length) this.truncated = true;
    this.parts.push(kept);
    this.length += kept.length;
  }

  toString(): string {
    const text = this.parts.join('').trim();
    return this.truncated ? `${text}…` : text;
  }
}

/** Trimmed text, at most `limit` characters of it and then the mark of a cut, or undefined when there is none. */
export function capText(text: string | undefined, limit: number): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return clipText(trimmed, limit + 1);
}

/** The first non-empty line of a message, for one-line displays. */
export function firstLine(text: string | undefined): string | undefined {
  return text
    ?.split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '');
}
