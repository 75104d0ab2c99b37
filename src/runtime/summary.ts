import { formatCount } from './count.js';
/** GitHub refuses a step summary over 1 MiB (1,048,576 bytes). */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

export const NOTE_ROOM = 300;

/**
 * Shortens Markdown to fit `limit` UTF-8 bytes, cutting at a line boundary and ending with a
 * visible note saying how much was left out.
 */
export function fitSummary(markdown: string, limit = SUMMARY_LIMIT_BYTES): string {
  const bytes = Buffer.byteLength(markdown, 'utf8');
  if (bytes <= limit) return markdown;
  const kept = Buffer.from(markdown, 'utf8')
    .subarray(0, Math.max(0, limit - NOTE_ROOM))
    .toString('utf8');
  const atLine = kept.lastIndexOf('\n');
  // A partial multi-byte character decodes to U+FFFD; cutting at a line boundary also drops it.
  const body = (atLine > 0 ? kept.slice(0, atLine) : kept).replace(/\uFFFD$/, '');
  const shown = Buffer.byteLength(body, 'utf8');
  return `${body}\n\n> **Summary truncated:** ${formatCount(shown)} of ${formatCount(bytes)} bytes shown (GitHub's step-summary limit is 1 MiB).\n`;
}

/** Makes text safe inside a Markdown table cell. */
export function tableCell(value: Cell): string {
  return String(value ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/** What a table cell may hold. */
export type Cell = string | number | boolean | null | undefined;

export function markdownTable(headers: string[], rows: Cell[][]): string {
  const line = (cells: Cell[]) => `| ${cells.map(tableCell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}
