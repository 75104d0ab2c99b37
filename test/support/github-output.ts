/**
 * The runner's key-value file commands (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV), parsed as its
 * SetEnvFileCommand does: `name=value` lines, or `name<<DELIMITER` followed by the value's lines
 * and a line holding exactly the delimiter. A malformed file fails the step with the runner's message.
 */

export class FileCommandError extends Error {}

interface Line {
  text: string;
  newline: string;
}

function readLine(content: string, from: number): { line: Line; next: number } | undefined {
  if (from >= content.length) return undefined;
  const lf = content.indexOf('\n', from);
  if (lf < 0) return { line: { text: content.slice(from), newline: '' }, next: content.length };
  const crlf = lf > from && content[lf - 1] === '\r';
  return {
    line: { text: content.slice(from, crlf ? lf - 1 : lf), newline: crlf ? '\r\n' : '\n' },
    next: lf + 1,
  };
}

/** Parses a key-value file command's content; later values for the same name win, as in the runner. */
export function parseKeyValueFile(content: string): Record<string, string> {
  const values: Record<string, string> = {};
  let index = 0;
  for (let read = readLine(content, index); read; read = readLine(content, index)) {
    index = read.next;
    const line = read.line.text;
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (name === '') throw new FileCommandError(`Invalid format '${line}'. Name must not be empty`);
      values[name] = line.slice(equals + 1);
      continue;
    }
    if (heredoc < 0) throw new FileCommandError(`Invalid format '${line}'`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (name === '' || delimiter === '') {
      throw new FileCommandError(`Invalid format '${line}'. Name must not be empty and delimiter must not be empty`);
    }
    const start = index;
    let end = index;
    for (;;) {
      const valueLine = readLine(content, index);
      if (!valueLine) throw new FileCommandError(`Invalid value. Matching delimiter not found '${delimiter}'`);
      if (valueLine.line.text === delimiter) {
        index = valueLine.next;
        break;
      }
      if (valueLine.line.newline === '') throw new FileCommandError('Invalid value. EOF marker missing new line.');
      index = valueLine.next;
      end = index - valueLine.line.newline.length;
    }
    values[name] = end > start ? content.slice(start, end) : '';
  }
  return values;
}

/** GITHUB_PATH: one directory per line, each prepended to PATH for later steps. */
export function parsePathFile(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
