import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/runtime/errors.js';
import { InputReader } from '../../../src/runtime/inputs.js';

const reader = (values: Record<string, string>) => new InputReader((name) => values[name] ?? '');

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('InputReader', () => {
  it('required: returns the trimmed value, or names the missing input', () => {
    expect(reader({ path: '  build  ' }).required('path')).toBe('build');
    const error = errorOf(() => reader({ path: '   ' }).required('path'));
    expect(error.input).toBe('path');
    expect(error.message).toBe("Input required and not supplied: 'path'. Set it in the step's 'with:' block.");
  });

  it('string: falls back when empty', () => {
    expect(reader({}).string('name')).toBeUndefined();
    expect(reader({}).string('name', 'app')).toBe('app');
    expect(reader({ name: 'web' }).string('name', 'app')).toBe('web');
  });

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('boolean accepts %s', (raw, expected) => {
    expect(reader({ upload: raw }).boolean('upload', !expected)).toBe(expected);
  });

  it.each(['yes', 'no', '1', '0', 'on', 'tru'])('boolean rejects %s', (raw) => {
    expect(errorOf(() => reader({ upload: raw }).boolean('upload', true)).message).toBe(
      `Input 'upload' must be \`true\` or \`false\`; got "${raw}".`,
    );
  });

  it('boolean falls back when empty', () => {
    expect(reader({}).boolean('upload', true)).toBe(true);
  });

  it.each([
    ['0', 0],
    ['42', 42],
    ['+7', 7],
    [' 100 ', 100],
  ])('integer accepts %s', (raw, expected) => {
    expect(reader({ n: raw }).integer('n', { min: 0, max: 100 })).toBe(expected);
  });

  it.each([
    ['1.5', 'an integer from 0 to 100'],
    ['abc', 'an integer from 0 to 100'],
    ['101', 'an integer from 0 to 100'],
    ['-1', 'an integer from 0 to 100'],
    ['1e3', 'an integer from 0 to 100'],
  ])('integer rejects %s', (raw, accepted) => {
    expect(errorOf(() => reader({ n: raw }).integer('n', { min: 0, max: 100 })).message).toBe(
      `Input 'n' must be ${accepted}; got "${raw.trim()}".`,
    );
  });

  it('integer describes one-sided ranges and falls back', () => {
    expect(errorOf(() => reader({ n: '-3' }).integer('n', { min: 0 })).message).toContain('an integer of at least 0');
    expect(errorOf(() => reader({ n: '9' }).integer('n', { max: 5 })).message).toContain('an integer of at most 5');
    expect(reader({}).integer('n', { fallback: 3 })).toBe(3);
    expect(reader({}).integer('n', {})).toBeUndefined();
  });

  it.each([
    ['99.5', 99.5],
    ['100', 100],
    ['0', 0],
    ['.5', 0.5],
    ['80%', 80],
  ])('number accepts %s', (raw, expected) => {
    expect(reader({ rate: raw }).number('rate', { min: 0, max: 100 })).toBe(expected);
  });

  it('number falls back when empty', () => {
    expect(reader({}).number('rate', { min: 0, max: 100, fallback: 100 })).toBe(100);
  });

  it.each(['100.1', '-0.1', 'ninety', '1,5'])('number rejects %j', (raw) => {
    expect(errorOf(() => reader({ rate: raw }).number('rate', { min: 0, max: 100 })).message).toContain(
      "Input 'rate' must be a number from 0 to 100",
    );
  });

  it.each([
    ['0', 0],
    ['500ms', 500],
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1.5s', 1500],
  ])('duration accepts %s', (raw, ms) => {
    expect(reader({ wait: raw }).duration('wait')).toBe(ms);
  });

  it.each(['10', '10 minutes', 'm10', '-5s', '1h-30m', 'soon'])('duration rejects %s', (raw) => {
    expect(errorOf(() => reader({ wait: raw }).duration('wait')).message).toBe(
      `Input 'wait' must be a duration such as \`30s\`, \`10m\`, \`1h30m\` or \`0\`; got "${raw}".`,
    );
  });

  it('duration falls back to a default written as a duration', () => {
    expect(reader({}).duration('wait', '5m')).toBe(300_000);
    expect(reader({}).duration('wait')).toBeUndefined();
  });

  it('choice accepts listed values and lists them when rejecting', () => {
    expect(reader({ format: 'zip' }).choice('format', ['tar.gz', 'zip', 'deb'] as const, 'tar.gz')).toBe('zip');
    expect(reader({}).choice('format', ['tar.gz', 'zip'] as const, 'tar.gz')).toBe('tar.gz');
    expect(errorOf(() => reader({ format: 'rar' }).choice('format', ['tar.gz', 'zip'] as const)).message).toBe(
      'Input \'format\' must be one of `tar.gz`, `zip`; got "rar".',
    );
  });

  it('list splits on newlines and commas, trims, drops blanks and comments', () => {
    expect(reader({ l: 'a, b\n c\n\n# note\nd,' }).list('l')).toEqual(['a', 'b', 'c', 'd']);
    expect(reader({ l: 'src/{a,b}/**\n  test/**  ' }).list('l', { newlineOnly: true })).toEqual([
      'src/{a,b}/**',
      'test/**',
    ]);
    expect(reader({}).list('l')).toEqual([]);
  });

  it('every error message is a single line and shortens long values', () => {
    const error = errorOf(() => reader({ n: 'x'.repeat(500) }).integer('n', {}));
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(140);
  });
});
