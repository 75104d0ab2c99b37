/**
 * Untrusted text (PR titles, versions, release notes, messages) made inert for each provider's markup.
 * Clip before escaping, so a limit never cuts an escape sequence in half.
 */

/** Slack mrkdwn: the three control characters Slack documents; `<!channel>`, `<@U…>` and links become text. */
export function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack link `<url|label>`: the label is escaped and may not contain the `|` separator. */
export function slackLink(url: string, label: string): string {
  return `<${slackUrl(url)}|${slackText(label).replace(/\|/g, '¦')}>`;
}

function slackUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Discord markdown. `allowed_mentions: {parse: []}` already stops pings; breaking `@everyone`,
 * `@here` and `<@…>` as well keeps them from even looking like mentions.
 */
export function discordText(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<]/g, '\\$&')
    .replace(/^(\s*)([-#>]|\d+\.)/gm, '$1\\$2')
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/** Adaptive Card TextBlock / FactSet markdown in Teams: emphasis, links, lists and `<at>` tags made literal. */
export function teamsText(text: string): string {
  return text.replace(/[\\*_~`[\]<>]/g, '\\$&').replace(/^(\s*)([-+#]|\d+\.)/gm, '$1\\$2');
}

/** HTML text: Google Chat card text (a small HTML subset) and email bodies. */
export function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A URL inside markdown `[label](url)`: parentheses and whitespace would end the link early. */
export function markdownUrl(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, (c) => encodeURIComponent(c));
}
