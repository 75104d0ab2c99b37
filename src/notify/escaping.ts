/**
 * Untrusted text (PR titles, versions, release notes, messages) made inert for each provider's markup.
 * Clip before escaping, so a limit never cuts an escape sequence in half.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Slack mrkdwn: the three control characters Slack documents, so `<!channel>`, `<@U…>` and links
 * become text; plain `@channel`, `@here`, `@everyone` and `#channel` get an invisible break too, as
 * Slack turns them into mentions and channel links wherever names are linked.
 */
export function slackText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/(^|\W)#(?=[\w-])/g, `$1#${ZERO_WIDTH_SPACE}`);
}

/** A Slack link `<url|label>`: the label is escaped and may not contain the `|` separator. */
export function slackLink(url: string, label: string): string {
  return `<${slackUrl(url)}|${slackText(label).replace(/\|/g, '¦')}>`;
}

function slackUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/**
 * Discord markdown. `allowed_mentions: {parse: []}` already stops pings; breaking `@everyone`,
 * `@here` and `<@…>` as well keeps them from even looking like mentions.
 */
export function discordText(text: string): string {
  return (
    text
      .replace(/[\\*_~`|[\]<]/g, '\\$&')
      // Line starts only count when a space follows (`1. one`, `# big`), so a version such as 1.4.0 stays as it is.
      .replace(/^(\s*)(>>>|#{1,3}|-#|[-+>]|\d+\.)(?=\s)/gm, '$1\\$2')
      .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
  );
}

/**
 * Adaptive Card TextBlock / Fact markdown in Teams. Teams mobile shows backslash escapes as written,
 * so nothing is backslashed: an invisible zero-width space breaks what would act (a `[label](url)`
 * link, an `<at>` mention tag, a line starting a list), and everything else reads as given.
 */
export function teamsText(text: string): string {
  return text
    .replace(/\](?=\()/g, `]${ZERO_WIDTH_SPACE}`)
    .replace(/<(?=\/?[a-z])/gi, `<${ZERO_WIDTH_SPACE}`)
    .replace(/^(\s*)([-*+]|\d+\.)(?=\s)/gm, `$1${ZERO_WIDTH_SPACE}$2`);
}

/** HTML text: Google Chat card text (a small HTML subset) and email bodies. */
export function htmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A URL inside markdown `[label](url)`: parentheses and whitespace would end the link early. */
export function markdownUrl(url: string): string {
  return url
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\s/g, (c) => encodeURIComponent(c));
}
