import { createReadStream } from 'node:fs';
import { Tokenizer, TokenParser } from '@streamparser/json';
import { UserError } from '../../runtime/errors.js';
import type { ParseLimits } from '../test-results.js';
import { LimitExceeded } from './limit-exceeded.js';

/** The tokenizer's accumulators of the string and number being read (not in its typings). */
interface TokenizerBuffers {
  bufferedString?: { byteLength: number };
  bufferedNumber?: { byteLength: number };
}

/** Line and column (1-based) of a byte offset, from counts kept while streaming; no line index is stored. */
class Position {
  private chunkStart = 0;
  private chunk: Buffer = Buffer.alloc(0);
  private lineBeforeChunk = 1;
  private lineStartBeforeChunk = 0;

  next(chunk: Buffer): void {
    const { lines, lastNewline } = this.countIn(this.chunk, this.chunk.length);
    this.lineBeforeChunk += lines;
    if (lastNewline !== -1) this.lineStartBeforeChunk = this.chunkStart + lastNewline + 1;
    this.chunkStart += this.chunk.length;
    this.chunk = chunk;
  }

  at(offset: number): string {
    const within = Math.min(Math.max(offset - this.chunkStart, 0), this.chunk.length);
    const { lines, lastNewline } = this.countIn(this.chunk, within);
    const lineStart = lastNewline === -1 ? this.lineStartBeforeChunk : this.chunkStart + lastNewline + 1;
    return `${this.lineBeforeChunk + lines}:${this.chunkStart + within - lineStart + 1}`;
  }

  end(): string {
    return this.at(this.chunkStart + this.chunk.length);
  }

  private countIn(buffer: Buffer, length: number): { lines: number; lastNewline: number } {
    let lines = 0;
    let lastNewline = -1;
    for (let i = buffer.indexOf(10); i !== -1 && i < length; i = buffer.indexOf(10, i + 1)) {
      lines += 1;
      lastNewline = i;
    }
    return { lines, lastNewline };
  }
}

/**
 * Streams a whole-document JSON report and hands over only the values at `paths` (e.g. `$.tests.*`),
 * one at a time, with the top-level key it sits under; with `keepStack: false` nothing else of the document is kept.
 */
export async function streamJsonValues(
  file: string,
  limits: ParseLimits,
  paths: string[],
  onValue: (value: unknown, topKey: string) => void,
): Promise<void> {
  const tokenizer = new Tokenizer();
  const buffers = tokenizer as unknown as TokenizerBuffers;
  const parser = new TokenParser({ paths, keepStack: false });
  const position = new Position();
  let lastOffset = 0;
  let failure: Error | undefined;
  tokenizer.onToken = (token) => {
    if (failure) return;
    lastOffset = token.offset;
    parser.write(token);
  };
  tokenizer.onError = (error) => (failure ??= error);
  parser.onError = (error) => (failure ??= error);
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  parser.onValue = ({ value, key, stack }) => onValue(value, String(stack[1]?.key ?? key ?? ''));
  const fail = (where: string, error: Error, ending: boolean) => {
    // Quoted characters are the file's content, which an error must never echo.
    const reason = error.message.replace(/ at chunk position.*?(?= in state|$)/, '').replace(/"(?:[^"\\]|\\.)*"/g, '…');
    if (ending)
      throw new UserError(
        `${where}: the report ends early (${reason}); it looks truncated. Check that the test run finished writing it.`,
      );
    throw new UserError(`${where}: is not valid JSON (${reason}); it is not a readable test report.`);
  };
  let first = true;
  for await (const raw of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    let chunk = raw as Buffer;
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    first = false;
    position.next(chunk);
    try {
      tokenizer.write(chunk);
    } catch (error) {
      failure ??= error as Error;
    }
    // A chunk adds at most 64 KiB to the string being read: checked after each, one string costs at most the limit.
    if (
      !failure &&
      Math.max(buffers.bufferedString?.byteLength ?? 0, buffers.bufferedNumber?.byteLength ?? 0) >
        limits.maxStringLength
    ) {
      throw new LimitExceeded(
        file,
        position.at(lastOffset),
        'maxStringLength',
        limits.maxStringLength,
        'bytes in one JSON string',
      );
    }
    if (failure) {
      const absolute = /absolute position "(\d+)"/.exec(failure.message)?.[1];
      fail(`${file}:${position.at(absolute === undefined ? lastOffset : Number(absolute))}`, failure, false);
    }
  }
  try {
    if (!tokenizer.isEnded) tokenizer.end();
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) fail(`${file}:${position.end()}`, failure, true);
}
