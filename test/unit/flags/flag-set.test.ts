import { describe, expect, it } from 'vitest';
import { environmentFlags, overrideFile } from '../../../src/flags/environment-flags.js';
import { parseFlagSet } from '../../../src/flags/flag-set.js';
import { carryChoices, diffFlags, servedVariants, setFlag } from '../../../src/flags/set-flag.js';

const BASE = {
  $schema: 'https://flagd.dev/schema/v0/flags.json',
  flags: {
    'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' },
    'theme': { state: 'ENABLED', variants: { light: 'light', dark: 'dark' }, defaultVariant: 'light' },
  },
};
const text = (value: unknown) => JSON.stringify(value);
const files = (map: Record<string, unknown>) => async (file: string) =>
  Object.hasOwn(map, file) ? text(map[file]) : undefined;

describe('parseFlagSet: flagd-core validation', () => {
  it('accepts a flagd flag set', () => {
    expect(Object.keys(parseFlagSet(text(BASE), 'flags.json').flags)).toEqual(['checkout-v2', 'theme']);
  });

  it.each([
    [
      'an unknown state',
      { flags: { a: { state: 'ON', variants: { on: true }, defaultVariant: 'on' } } },
      'flags.json is not a valid flagd flag set: invalid flagd flag configuration: /flags/a/state must be equal to one of the allowed values (ENABLED, DISABLED).',
    ],
    [
      'a default variant that is not a variant',
      { flags: { a: { state: 'ENABLED', variants: { on: true }, defaultVariant: 'x' } } },
      'flags.json is not a valid flagd flag set: invalid flagd flag configuration: Default variant x missing from variants',
    ],
    [
      'no flags at all',
      { flagz: {} },
      "flags.json is not a valid flagd flag set: invalid flagd flag configuration: / must have required property 'flags'.",
    ],
  ])("refuses %s with flagd's message, on one line naming the file", (_, value, message) => {
    let error: Error | undefined;
    try {
      parseFlagSet(text(value), 'flags.json');
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('UserError');
    expect(error?.message.startsWith(message.replace(/\.$/, ''))).toBe(true);
    expect(error?.message).not.toMatch(/\n/);
  });

  it("refuses text that is not JSON with the parser's reason", () => {
    expect(() => parseFlagSet('{"flags":', 'flags.json')).toThrow(
      /^flags\.json is not a valid flagd flag set: invalid flagd flag configuration: .*JSON/,
    );
  });
});

describe('environmentFlags: flags.json with flags.<environment>.json overrides', () => {
  it('names the override beside the base', () => {
    expect(overrideFile('config/flags.json', 'production')).toBe('config/flags.production.json');
    expect(overrideFile('flags', 'dev')).toBe('flags.dev');
  });

  it('replaces the flags an override defines and keeps the others', async () => {
    const override = {
      flags: { 'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } },
    };
    const read = files({ 'flags.json': BASE, 'flags.production.json': override });
    expect(servedVariants(await environmentFlags(read, 'flags.json', 'production'))).toEqual({
      'checkout-v2': 'off',
      'theme': 'light',
    });
    expect(servedVariants(await environmentFlags(read, 'flags.json', 'staging'))).toEqual({
      'checkout-v2': 'on',
      'theme': 'light',
    });
  });

  it('refuses a malformed override naming it', async () => {
    const read = files({ 'flags.json': BASE, 'flags.production.json': { flags: { x: { state: 'ENABLED' } } } });
    await expect(environmentFlags(read, 'flags.json', 'production')).rejects.toThrow(
      /^flags\.production\.json is not a valid flagd flag set: invalid flagd flag configuration: \/flags\/x/,
    );
  });
});

describe('setFlag, diffFlags, carryChoices', () => {
  const set = parseFlagSet(text(BASE), 'flags.json');

  it('turns a boolean flag off and a string flag to a variant', () => {
    const off = setFlag(set, 'checkout-v2', 'off');
    expect(off.change).toEqual({ flag: 'checkout-v2', from: 'on', to: 'off' });
    expect(setFlag(off.set, 'theme', 'dark').set.flags.theme?.defaultVariant).toBe('dark');
    expect(set.flags['checkout-v2']?.defaultVariant).toBe('on');
  });

  it('finds on/off by value when the variants have other names', () => {
    const named = parseFlagSet(
      text({ flags: { f: { state: 'DISABLED', variants: { yes: true, no: false }, defaultVariant: 'no' } } }),
      'f.json',
    );
    expect(setFlag(named, 'f', 'on').change).toEqual({ flag: 'f', from: 'disabled', to: 'yes' });
  });

  it('names the flag and what is accepted when the value or the flag is unknown', () => {
    expect(() => setFlag(set, 'theme', 'blue')).toThrow(
      `Flag 'theme' has no variant for "blue"; accepted: 'light', 'dark'.`,
    );
    expect(() => setFlag(set, 'checkout-v3', 'on')).toThrow(
      "Flag 'checkout-v3' is not defined; the flags are 'checkout-v2', 'theme'.",
    );
  });

  it('diffs served variants and carries recorded choices onto the repository definitions', () => {
    const production = setFlag(set, 'checkout-v2', 'off').set;
    expect(diffFlags(set, production)).toEqual([{ flag: 'checkout-v2', from: 'on', to: 'off' }]);
    const grown = parseFlagSet(
      text({ flags: { ...BASE.flags, new: { state: 'ENABLED', variants: { on: true }, defaultVariant: 'on' } } }),
      'flags.json',
    );
    expect(servedVariants(carryChoices(grown, production))).toEqual({
      'checkout-v2': 'off',
      'theme': 'light',
      'new': 'on',
    });
  });
});
