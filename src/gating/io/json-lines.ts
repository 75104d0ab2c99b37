import { UserError } from '../../runtime/errors.js';
import { forEachLine } from './line-stream.js';

export type JsonEvent = Record<string, unknown>;

/**
 * Streams a JSON-lines report (`go test -json`, Dart's JSON reporter) one event at a time. Lines that
 * are not JSON objects (a build's plain output) are skipped; a broken object names file, line and column.
 */
export async function readJsonLines(file: string, each: (event: JsonEvent, lineNumber: number) => void): Promise<void> {
  let broken: { lineNumber: number; column: number; reason: string } | undefined;
  await forEachLine(file, (line, lineNumber) => {
    if (broken) throw new UserError(`${file}:${broken.lineNumber}:${broken.column}: is not valid JSON (${broken.reason}); it is not a readable test report.`);
    const text = line.trim();
    if (!text.startsWith('{')) return;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const at = /position (\d+)/.exec(reason)?.[1];
      broken = { lineNumber, column: at === undefined ? text.length : Number(at) + 1, reason };
      return;
    }
    if (event && typeof event === 'object' && !Array.isArray(event)) each(event as JsonEvent, lineNumber);
  });
  if (broken) throw new UserError(`${file}:${broken.lineNumber}:${broken.column}: the report ends in the middle of an event (${broken.reason}); it looks truncated.`);
}
