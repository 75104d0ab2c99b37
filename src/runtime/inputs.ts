import { clipText } from './clip.js';
import { parseDuration } from './duration.js';
import { InputError } from './errors.js';

/** Where raw input values come from: `core.getInput` in an action, a plain map in tests and the CLI. */
export type InputSource = (name: string) => string;

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

export function quote(value: string): string {
  return JSON.stringify(clipText(value, 80, '...'));
}

/**
 * Typed readers over one input source. Every reader trims the raw value, treats an empty value as
 * "not given", and throws an InputError naming the input, the value given and the accepted form.
 */
export class InputReader {
  constructor(private readonly source: InputSource) {}

  private raw(name: string): string {
    return this.source(name).trim();
  }

  private fail(name: string, value: string, accepted: string): never {
    throw new InputError(name, `Input '${name}' must be ${accepted}; got ${quote(value)}.`);
  }

  /** A value that must be given. */
  required(name: string): string {
    const value = this.raw(name);
    if (!value)
      throw new InputError(name, `Input required and not supplied: '${name}'. Set it in the step's 'with:' block.`);
    return value;
  }

  string(name: string): string | undefined;
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined {
    return this.raw(name) || fallback;
  }

  /** YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (!value) return fallback;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    return this.fail(name, value, '`true` or `false`');
  }

  integer(name: string, options: { min?: number; max?: number; fallback: number }): number;
  integer(name: string, options: { min?: number; max?: number }): number | undefined;
  integer(name: string, options: { min?: number; max?: number; fallback?: number }): number | undefined {
    const value = this.raw(name);
    if (!value) return options.fallback;
    const parsed = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
    return this.inRange(name, value, parsed, 'an integer', options);
  }

  /** A decimal number, e.g. a percentage. */
  number(name: string, options: { min?: number; max?: number; fallback: number }): number;
  number(name: string, options: { min?: number; max?: number }): number | undefined;
  number(name: string, options: { min?: number; max?: number; fallback?: number }): number | undefined {
    const value = this.raw(name);
    if (!value) return options.fallback;
    const parsed = /^[+-]?(\d+\.?\d*|\.\d+)%?$/.test(value) ? Number(value.replace(/%$/, '')) : Number.NaN;
    return this.inRange(name, value, parsed, 'a number', options);
  }

  private inRange(
    name: string,
    value: string,
    parsed: number,
    kind: string,
    { min, max }: { min?: number; max?: number },
  ): number {
    const tooSmall = min !== undefined && parsed < min;
    const tooLarge = max !== undefined && parsed > max;
    if (Number.isNaN(parsed) || !Number.isFinite(parsed) || tooSmall || tooLarge) {
      const range =
        min !== undefined && max !== undefined
          ? ` from ${min} to ${max}`
          : min !== undefined
            ? ` of at least ${min}`
            : max !== undefined
              ? ` of at most ${max}`
              : '';
      this.fail(name, value, `${kind}${range}`);
    }
    return parsed;
  }

  /** A duration such as `30s`, `10m`, `1h30m` or `0`, in milliseconds. */
  duration(name: string, fallback: string): number;
  duration(name: string): number | undefined;
  duration(name: string, fallback?: string): number | undefined {
    const value = this.raw(name) || fallback;
    if (value === undefined) return undefined;
    const ms = parseDuration(value);
    if (ms === undefined) this.fail(name, value, 'a duration such as `30s`, `10m`, `1h30m` or `0`');
    return ms;
  }

  /** One of a fixed set of values. */
  choice<T extends string>(name: string, accepted: readonly T[], fallback: T): T;
  choice<T extends string>(name: string, accepted: readonly T[]): T | undefined;
  choice<T extends string>(name: string, accepted: readonly T[], fallback?: T): T | undefined {
    const value = this.raw(name);
    if (!value) return fallback;
    if (!accepted.includes(value as T)) this.fail(name, value, `one of ${accepted.map((a) => `\`${a}\``).join(', ')}`);
    return value as T;
  }

  /** Items separated by newlines (and by commas unless `newlineOnly`, for globs that may hold commas). */
  list(name: string, options: { newlineOnly?: boolean } = {}): string[] {
    const separator = options.newlineOnly ? /\r?\n/ : /[\r\n,]+/;
    return this.raw(name)
      .split(separator)
      .map((item) => item.trim())
      .filter((item) => item !== '' && !item.startsWith('#'));
  }
}
