/**
 * Splits text handed over in chunks into lines as `readline` does with `crlfDelay: Infinity`: at
 * `\n`, `\r\n` or a lone `\r`, with a last line that has no line end; without loading `readline`.
 */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let text = this.rest + chunk;
    // A `\r` at the end may be the first half of `\r\n`: it waits for the next chunk.
    const held = text.endsWith('\r');
    if (held) text = text.slice(0, -1);
    const lines = text.split(/\r\n|\n|\r/);
    this.rest = lines.pop()! + (held ? '\r' : '');
    for (const line of lines) this.onLine(line);
  }

  /** The end of the text: what is left is the last line. */
  end(): void {
    const rest = this.rest;
    this.rest = '';
    if (rest !== '') this.onLine(rest.replace(/\r$/, ''));
  }
}
