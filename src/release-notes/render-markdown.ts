import { escapeMarkdown } from './markdown-escape.js';
import type { Change, Contributor, ReleaseNotes } from './notes-model.js';

/** Only a GitHub login is mentioned (the author credit); any other name is text. */
function mention(change: Change): string {
  if (change.author.login) return ` @${change.author.login}`;
  return change.author.name ? ` by ${escapeMarkdown(change.author.name)}` : '';
}

/** `**scope:** subject (#12) @author`; plain titles are kept as they are, escaped like every untrusted text. */
export function renderEntry(change: Change): string {
  const text = change.type
    ? `${change.scope ? `**${escapeMarkdown(change.scope)}:** ` : ''}${escapeMarkdown(change.subject)}`
    : escapeMarkdown(change.title);
  const reference = change.number !== undefined ? `#${change.number}` : change.sha.slice(0, 7);
  return `- ${text} (${reference})${mention(change)}`;
}

function person(contributor: Contributor): string {
  return contributor.login ? `@${contributor.login}` : escapeMarkdown(contributor.name ?? 'someone');
}

/** The notes as Markdown: sections, contributors (first-time ones called out), then the compare link. */
export function renderMarkdown(notes: ReleaseNotes): string {
  const lines: string[] = [];
  for (const section of notes.sections) {
    lines.push(`## ${section.title}`, '', ...section.changes.map(renderEntry), '');
  }
  if (notes.sections.length === 0) lines.push('No changes.', '');
  if (notes.contributors.length > 0) lines.push('## Contributors', '', notes.contributors.map(person).join(', '), '');
  if (notes.newContributors.length > 0) {
    lines.push('## New contributors', '');
    for (const contributor of notes.newContributors) {
      const change = contributor.firstChange;
      lines.push(
        `- ${person(contributor)} made their first contribution in ${change.number !== undefined ? `#${change.number}` : change.sha.slice(0, 7)}`,
      );
    }
    lines.push('');
  }
  if (notes.compareUrl) lines.push(`**Full changelog**: ${notes.compareUrl}`, '');
  return lines.join('\n').trimEnd() + '\n';
}
