/** Characters that would make untrusted text HTML, a comment, a link or an image, as GitHub renders Markdown. */
const SPECIAL: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '[': '\\[',
  ']': '\\]',
  '\\': '\\\\',
};

/** A code span: a run of backticks, text, and the same run again (GitHub renders its content literally). */
const CODE_SPAN = /(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;

function escapeText(text: string): string {
  return (
    text
      .replace(/[&<>[\]\\]/g, (character) => SPECIAL[character]!)
      // A zero-width space after `@` keeps `@someone` and `@org/team` as text, not a mention (Renovate does the same).
      .replace(/@(?=[A-Za-z0-9_-])/g, '@&#8203;')
  );
}

/**
 * Untrusted one-line text (pull-request titles, commit subjects, author names) made inert for
 * GitHub-flavoured Markdown: no HTML or comments, no links or images, no mentions; on one line.
 * Code spans are kept (their content is shown literally) unless they hold a comment marker.
 */
export function escapeMarkdown(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ');
  let escaped = '';
  let last = 0;
  for (const match of line.matchAll(CODE_SPAN)) {
    if (match[0].includes('<!--') || match[0].includes('-->')) continue;
    escaped += escapeText(line.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return escaped + escapeText(line.slice(last));
}
