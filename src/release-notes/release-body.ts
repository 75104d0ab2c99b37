import { formatCount } from '../runtime/count.js';
/** GitHub refuses a release body longer than this many characters. */
export const RELEASE_BODY_LIMIT = 125_000;

export const START_MARKER = '<!-- slipway:release-notes -->';
export const END_MARKER = '<!-- /slipway:release-notes -->';

/**
 * Notes with every Slipway marker made text (`&lt;!-- /slipway:…`), so nothing in them (a
 * pull-request title, a template's output) can close or open the section a re-run looks for.
 */
export function inertMarkers(notes: string): string {
  return notes.replace(/<!--(?=\s*\/?\s*slipway:)/gi, '&lt;!--');
}

/** Cuts notes at a line so they fit `limit` characters, ending with a note and the compare link. */
export function shortenNotes(notes: string, limit: number, compareUrl?: string): string {
  if (notes.length <= limit) return notes;
  const tail = (shown: number) =>
    `\n\n> **Release notes shortened:** ${formatCount(shown)} of ${formatCount(notes.length)} characters shown (GitHub allows ${formatCount(RELEASE_BODY_LIMIT)}).${compareUrl ? ` See every change: ${compareUrl}` : ''}\n`;
  const room = Math.max(0, limit - tail(notes.length).length);
  const cut = notes.slice(0, room);
  const kept = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  return kept + tail(kept.length);
}

/**
 * The release body: the notes between markers. On update, whatever a person wrote outside the
 * markers is kept (a body with no markers at all is kept above the notes), and the whole stays
 * within GitHub's limit by shortening the notes, never the person's text.
 */
export function composeReleaseBody(notes: string, existing: string | undefined, compareUrl?: string): string {
  let before = '';
  let after = '';
  if (existing) {
    const start = existing.indexOf(START_MARKER);
    // The last end marker: a body written before markers were made inert may hold forged ones in its notes.
    const end = existing.lastIndexOf(END_MARKER);
    if (start >= 0 && end > start) {
      before = existing.slice(0, start);
      after = existing.slice(end + END_MARKER.length);
    } else if (existing.trim()) {
      before = `${existing.trimEnd()}\n\n`;
    }
  }
  const frame = before.length + after.length + START_MARKER.length + END_MARKER.length + 2;
  const fitted = shortenNotes(inertMarkers(notes).trimEnd(), RELEASE_BODY_LIMIT - frame, compareUrl);
  return `${before}${START_MARKER}\n${fitted}\n${END_MARKER}${after}`;
}
