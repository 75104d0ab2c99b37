import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/git/line-splitter.js';
import { seededRandom } from '../../support/seeded-random.js';

/** What `readline` (crlfDelay: Infinity), which the runner used before, makes of the same chunks. */
async function readlineLines(chunks: string[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: Readable.from(chunks), crlfDelay: Infinity })) lines.push(line);
  return lines;
}

function split(chunks: string[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits at \\n, \\r\\n and a lone \\r, keeps empty lines and a last line with no line end', () => {
    expect(split(['a\r\nb\rc\n\nd'])).toEqual(['a', 'b', 'c', '', 'd']);
    expect(split(['a\n'])).toEqual(['a']);
    expect(split([''])).toEqual([]);
  });

  it('gives the lines readline gave, however the text is cut into chunks (\\r\\n cut in two included)', async () => {
    const random = seededRandom(20);
    const pieces = ['a', 'bc', 'ümlaut', '😀', '\n', '\r\n', '\r', ' '];
    for (let round = 0; round < 200; round += 1) {
      let text = '';
      for (let n = Math.floor(random() * 40); n > 0; n -= 1) text += pieces[Math.floor(random() * pieces.length)];
      const chunks: string[] = [];
      for (let at = 0; at < text.length;) {
        const size = 1 + Math.floor(random() * 5);
        chunks.push(text.slice(at, at + size));
        at += size;
      }
      expect(split(chunks), JSON.stringify(chunks)).toEqual(await readlineLines(chunks));
    }
  });
});
