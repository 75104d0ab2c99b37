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

/** A part of the excerpt under one heading: its lines, each a list item or plain text. */
export interface NotesSection {
  heading?: string;
  lines: Array<{ item: boolean; text: string }>;
}

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;

/** Keeps what a reader needs of inline Markdown: a link's label, code and emphasis without their marks. */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)\s]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1');
}

/**
 * The excerpt's Markdown as structure (headings, list items, text) so each provider can render it
 * with its own elements instead of showing `## Features` and `- add …` as escaped characters.
 */
export function notesSections(excerpt: string): NotesSection[] {
  const sections: NotesSection[] = [];
  let current: NotesSection | undefined;
  for (const line of excerpt.split('\n')) {
    if (!line.trim()) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      current = { heading: plainInline(heading[1] ?? ''), lines: [] };
      sections.push(current);
      continue;
    }
    if (!current) {
      current = { lines: [] };
      sections.push(current);
    }
    const item = ITEM.exec(line);
    current.lines.push(
      item ? { item: true, text: plainInline(item[1] ?? '') } : { item: false, text: plainInline(line.trim()) },
    );
  }
  return sections;
}

/** The excerpt as one line per heading, item and text line, each rendered (and escaped) by the provider. */
export function notesLines(
  excerpt: string,
  render: { heading(text: string): string; item(text: string): string; text(text: string): string },
): string[] {
  return notesSections(excerpt).flatMap((section) => [
    ...(section.heading ? [render.heading(section.heading)] : []),
    ...section.lines.map((line) => (line.item ? render.item(line.text) : render.text(line.text))),
  ]);
}

/** As many whole lines as fit `max` characters once joined by `separator`. */
export function linesWithin(lines: string[], max: number, separator = '\n'): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = line.length + (kept.length > 0 ? separator.length : 0);
    if (used + cost > max) break;
    kept.push(line);
    used += cost;
  }
  return kept;
}
