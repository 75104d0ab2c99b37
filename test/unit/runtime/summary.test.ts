import { describe, expect, it } from 'vitest';
import { fitSummary, markdownTable, SUMMARY_LIMIT_BYTES, tableCell } from '../../../src/runtime/summary.js';

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
