import { expect, it } from 'vitest';
import { formatCount } from '../../../src/runtime/count.js';

it('writes whole numbers as toLocaleString("en-US") does', () => {
  const values = [
    0,
    1,
    12,
    999,
    1_000,
    1_001,
    12_345,
    999_999,
    1_000_000,
    1_234_567_890,
    Number.MAX_SAFE_INTEGER,
    -1,
    -1_000,
  ];
  for (let digits = 1; digits <= 15; digits += 1) values.push(Number('9'.repeat(digits)), 10 ** digits);
  for (const value of values) expect(formatCount(value), String(value)).toBe(value.toLocaleString('en-US'));
});
