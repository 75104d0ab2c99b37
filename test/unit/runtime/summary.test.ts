import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fitSummary, markdownTable, SUMMARY_LIMIT_BYTES, tableCell } from '../../../src/runtime/summary.js';
import { writeJobSummary } from '../../../src/runtime/toolkit.js';

describe('fitSummary', () => {
  it('leaves a summary under the limit unchanged', () => {
    const text = '# Verdict\n\nAll good.\n';
    expect(fitSummary(text)).toBe(text);
  });

  it('cuts a summary over 1 MiB at a line boundary with a visible note', () => {
    const line = `| test ${'x'.repeat(90)} | failed |\n`;
    const text = line.repeat(Math.ceil((SUMMARY_LIMIT_BYTES * 1.5) / line.length));
    const fitted = fitSummary(text);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(fitted).toContain('**Summary truncated:**');
    expect(fitted).toContain(`of ${Buffer.byteLength(text).toLocaleString('en-US')} bytes shown`);
    const body = fitted.slice(0, fitted.indexOf('\n\n> **Summary truncated'));
    expect(body.split('\n').every((row) => row === line.trimEnd())).toBe(true);
  });

  it('never splits a multi-byte character', () => {
    const text = '✅'.repeat(400_000); // 1.2 MB, no newlines
    const fitted = fitSummary(text, 1000);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(1000);
    expect(fitted).not.toContain('\uFFFD');
    expect(fitted.startsWith('✅'.repeat(10))).toBe(true);
  });

  it('honours a smaller remaining budget', () => {
    const fitted = fitSummary('a\n'.repeat(5000), 2000);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(2000);
  });
});

describe('markdownTable', () => {
  it('escapes pipes and newlines inside cells', () => {
    expect(tableCell('a|b\nc')).toBe('a\\|b<br>c');
    expect(markdownTable(['Name', 'Result'], [['x|y', 1]])).toBe('| Name | Result |\n| --- | --- |\n| x\\|y | 1 |');
  });
});

describe('writeJobSummary: one 1 MiB budget across every write of the step', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'summary-'));
    file = join(dir, 'step-summary.md');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rows = (label: string, bytes: number) => {
    const line = `| ${label} ${'x'.repeat(80)} | passed |\n`;
    return line.repeat(Math.ceil(bytes / Buffer.byteLength(line)));
  };
  const size = () => statSync(file).size;
  const NOTE = '**Summary truncated:**';

  it('keeps writes that fit whole, in order', () => {
    writeJobSummary('# Gate\n\n', file);
    writeJobSummary(rows('a', 1000), file);
    expect(readFileSync(file, 'utf8')).toBe(`# Gate\n\n${rows('a', 1000)}`);
  });

  it('several writes that together pass 1 MiB end under it, with the visible note', () => {
    const first = rows('first', 600_000);
    writeJobSummary(first, file);
    expect(size()).toBe(Buffer.byteLength(first));
    const sizes: number[] = [];
    for (const [label, bytes] of [
      ['second', 600_000],
      ['third', 20_000],
      ['fourth', 5_000],
      ['fifth', 300],
      ['sixth', 40],
    ] as const) {
      writeJobSummary(rows(label, bytes), file);
      sizes.push(size());
    }
    expect(Math.max(...sizes), `sizes after each write: ${sizes.join(', ')}`).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(first), 'the first write is kept whole').toBe(true);
    expect(text).toContain(NOTE);
    expect(text).toContain('| second ');
    expect(text.split(NOTE).length - 1, 'one note, not one per later write').toBe(1);
  });

  it('a write that finds only a few bytes left stays within the limit', () => {
    writeFileSync(file, 'x'.repeat(SUMMARY_LIMIT_BYTES - 50));
    writeJobSummary(rows('late', 2_000), file);
    expect(size()).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
  });

  it('a write that finds the summary full adds nothing', () => {
    writeFileSync(file, 'x'.repeat(SUMMARY_LIMIT_BYTES));
    writeJobSummary(rows('late', 2_000), file);
    expect(size()).toBe(SUMMARY_LIMIT_BYTES);
  });
});
