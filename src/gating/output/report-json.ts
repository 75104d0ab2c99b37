import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ListedTest } from '../collector.js';

const FLUSH_AT = 64 * 1024;

/**
 * Writes the normalised JSON of all results as the tests stream by: `{"tests":[...], ...closing fields}`.
 * Synchronous buffered writes keep memory flat for a million tests. Each occurrence of a test is
 * written as its report states it; the closing totals account for reruns (flaky).
 */
export class ReportJsonWriter {
  private readonly fd: number;
  private buffer = '';
  private first = true;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    this.buffer = '{"version":1,"tests":[\n';
  }

  add(test: ListedTest): void {
    const { id, name, suite, status, message, file, line, durationMs, reportFile } = test;
    this.buffer += `${this.first ? '' : ',\n'}${JSON.stringify({ id, name, suite, status, message, file, line, durationMs, reportFile })}`;
    this.first = false;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Ends the tests array with the fields that are known only at the end (totals, verdict). */
  close(closing: Record<string, unknown>): void {
    const rest = JSON.stringify(closing).slice(1, -1);
    this.buffer += `\n]${rest ? `,${rest}` : ''}}\n`;
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
