import { inertMarkers } from './release-body.js';

const START = (tag: string) => `<!-- slipway:changelog ${tag} -->`;
const END = (tag: string) => `<!-- /slipway:changelog ${tag} -->`;

/**
 * CHANGELOG.md with this release's section on top (below a leading `# ` title, if any). Running it
 * again for the same tag replaces that section in place instead of adding a second one.
 */
export function prependChangelog(existing: string, tag: string, heading: string, notes: string): string {
  const section = `${START(tag)}\n${heading}\n\n${inertMarkers(notes).trim()}\n${END(tag)}\n`;
  const start = existing.indexOf(START(tag));
  const end = existing.indexOf(END(tag), start);
  if (start >= 0 && end > start)
    return existing.slice(0, start) + section + existing.slice(end + END(tag).length).replace(/^\n/, '');
  const title = /^# .*\n+/.exec(existing);
  if (title) return `${title[0].trimEnd()}\n\n${section}\n${existing.slice(title[0].length)}`.trimEnd() + '\n';
  return existing.trim() ? `${section}\n${existing}` : section;
}
