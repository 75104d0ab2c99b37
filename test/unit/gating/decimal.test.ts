import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src/gating/io/decimal.js';
import { seededRandom } from '../../support/seeded-random.js';

describe('parseDecimal', () => {
  it.each([
    '0',
    '17',
    '007',
    '0.104',
    '.5',
    '5.',
    '.',
    '',
    ' 1',
    '1 ',
    '-1',
    '+1',
    '1e3',
    '1.2.3',
    '0x10',
    'Infinity',
    'NaN',
    '١٢',
    '123456789012345',
    '1234567890123456',
    '0.000000000000001',
    '9007199254740993',
    '12345678.9012345',
  ])('reads %j as Number does', (text) => {
    expect(Object.is(parseDecimal(text), Number(text))).toBe(true);
  });

  it('reads 200,000 random decimals of up to 15 characters exactly as Number does', () => {
    const random = seededRandom(20);
    for (let i = 0; i < 200_000; i++) {
      const digits = 1 + Math.floor(random() * 14);
      let text = '';
      for (let d = 0; d < digits; d++) text += String(Math.floor(random() * 10));
      const point = Math.floor(random() * (digits + 2)) - 1;
      if (point >= 0) text = `${text.slice(0, point)}.${text.slice(point)}`;
      if (!Object.is(parseDecimal(text), Number(text))) expect(parseDecimal(text), text).toBe(Number(text));
    }
  });
});
