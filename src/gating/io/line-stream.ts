import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Calls `each` for every line of a file (1-based numbers), reading it as a stream. */
export async function forEachLine(file: string, each: (line: string, lineNumber: number) => void): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    each(lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line, lineNumber);
  }
  return lineNumber;
}
