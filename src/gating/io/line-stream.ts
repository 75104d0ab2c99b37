import { createReadStream } from 'node:fs';
import type { ParseLimits } from '../test-results.js';
import { LimitExceeded } from './limit-exceeded.js';

/**
 * Calls `each` for every line of a file (1-based numbers, `\n` or `\r\n` endings), reading it as a stream.
 * A line longer than `limits.maxStringLength` is refused as soon as it is, so one line never costs more.
 */
export async function forEachLine(
  file: string,
  limits: ParseLimits,
  each: (line: string, lineNumber: number) => void,
): Promise<number> {
  let lineNumber = 0;
  let pending = '';
  const emit = (line: string) => {
    lineNumber += 1;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    each(lineNumber === 1 ? text.replace(/^\uFEFF/, '') : text, lineNumber);
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    const text = chunk as string;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      emit(pending + text.slice(start, end));
      pending = '';
      start = end + 1;
    }
    pending += text.slice(start);
    if (pending.length > limits.maxStringLength) {
      throw new LimitExceeded(
        file,
        `${lineNumber + 1}:1`,
        'maxStringLength',
        limits.maxStringLength,
        'characters in one line',
      );
    }
  }
  if (pending !== '') emit(pending);
  return lineNumber;
}
