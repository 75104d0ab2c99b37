import { cutText } from '../runtime/clip.js';

const MAX_CHARS = 500;
const MAX_LINES = 8;

/** The start of the release notes, cut at a line boundary, for a chat message that links to the rest. */
export function releaseExcerpt(notes: string, maxChars = MAX_CHARS, maxLines = MAX_LINES): string | undefined {
  const lines = notes.replace(/\r\n?/g, '\n').trim().split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (kept.length === maxLines || used + line.length > maxChars) break;
    kept.push(line);
    used += line.length + 1;
  }
  if (kept.length === 0 && lines[0]) kept.push(cutText(lines[0], maxChars - 1));
  const text = kept.join('\n').trimEnd();
  if (!text) return undefined;
  return kept.length < lines.length || text.length < notes.trim().length ? `${text}\n…` : text;
}
