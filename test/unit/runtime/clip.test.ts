import { describe, expect, it } from 'vitest';
import { CappedText, capText } from '../../../src/gating/io/capped-text.js';
import { clipText, cutText } from '../../../src/runtime/clip.js';
import { quote } from '../../../src/runtime/inputs.js';

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the one text clip', () => {
  it('ends with the marker within the limit and never splits a surrogate pair', () => {
    expect(clipText('abcdef', 4)).toBe('abc…');
    expect(clipText('abc', 3)).toBe('abc');
    expect(clipText('ab😀cd', 4)).toBe('ab…');
    expect(clipText('abcdefgh', 6, '...')).toBe('abc...');
    expect(cutText('a😀', 2)).toBe('a');
  });

  it('keeps emoji whole wherever Slipway shortens text: report messages, streamed details, input values', () => {
    const emoji = '😀'.repeat(300);
    for (const limit of [1, 2, 3, 99, 100]) {
      const capped = capText(emoji, limit)!;
      expect(capped.length).toBeLessThanOrEqual(limit + 1);
      expect(capped).not.toMatch(lone);
      const streamed = new CappedText(limit);
      streamed.add(`x${emoji}`);
      expect(streamed.toString()).not.toMatch(lone);
    }
    expect(JSON.parse(quote(`x${emoji}`))).not.toMatch(lone);
  });
});
