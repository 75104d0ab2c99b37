import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/runtime/duration.js';

describe('durations', () => {
  it('parses combined units', () => {
    expect(parseDuration('1d2h3m4s5ms')).toBe(86_400_000 + 7_200_000 + 180_000 + 4000 + 5);
    expect(parseDuration('10M')).toBe(600_000);
  });

  it.each(['', '5', 'h', '5 m', '5x'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [350, '350ms'],
    [42_000, '42s'],
    [3_900_000, '1h 5m'],
    [90_061_000, '1d 1h 1m 1s'],
    [60_000, '1m'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
