import { UserError } from '../../runtime/errors.js';
import type { ParseLimits } from '../test-results.js';
import { forEachLine } from './line-stream.js';

export type JsonEvent = Record<string, unknown>;

/**
 * Streams a JSON-lines report (`go test -json`, Dart's JSON reporter) one event at a time. Lines that
 * are not JSON objects (a build's plain output) go to `plain` if given, else are skipped; a broken object names file, line and column.
 */
export async function readJsonLines(
  file: string,
  limits: ParseLimits,
  each: (event: JsonEvent, lineNumber: number) => void,
  plain?: (line: string) => void,
): Promise<void> {
  let broken: { lineNumber: number; column: number; reason: string } | undefined;
  await forEachLine(file, limits, (line, lineNumber) => {
    if (broken)
      throw new UserError(
        `${file}:${broken.lineNumber}:${broken.column}: is not valid JSON (${broken.reason}); it is not a readable test report.`,
      );
    const text = line.trim();
    if (!text.startsWith('{')) {
      plain?.(text);
      return;
    }
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = /position (\d+)/.exec(message)?.[1];
      // V8 quotes the text around the mistake: the file's content, which an error must never echo.
      const reason = message.split(/[,'"]/, 1)[0]!.trim();
      broken = { lineNumber, column: at === undefined ? text.length : Number(at) + 1, reason };
      return;
    }
    if (event && typeof event === 'object' && !Array.isArray(event)) each(event as JsonEvent, lineNumber);
  });
  if (broken)
    throw new UserError(
      `${file}:${broken.lineNumber}:${broken.column}: the report ends in the middle of an event (${broken.reason}); it looks truncated.`,
    );
}
