/** Shows a job summary (GitHub Markdown) readably in a terminal. */
export function terminalSummary(markdown: string): string {
  const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .filter((line) => !/^\|\s*-+/.test(line) && !/^\|( --- \|)+$/.test(line.replace(/\s+/g, ' ')))
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) return bold(heading[1]!);
      if (line.startsWith('|'))
        return `  ${line
          .replace(/^\|\s*|\s*\|$/g, '')
          .split(/\s*(?<!\\)\|\s*/)
          .join('  ·  ')}`;
      return line.replace(/\*\*(.+?)\*\*/g, (_, text: string) => bold(text)).replace(/<br>/g, ' ');
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
