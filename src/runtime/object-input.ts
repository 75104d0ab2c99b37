import { parse as parseYaml } from 'yaml';
import { InputError } from './errors.js';
import { type InputReader, quote } from './inputs.js';

/**
 * A YAML or JSON mapping (or, with `array`, a sequence) from one input. Kept apart from
 * `InputReader` so that only the actions that take such an input load the YAML parser at start-up.
 */
export function objectInput(reader: InputReader, name: string, options: { array: true }): unknown[] | undefined;
export function objectInput(reader: InputReader, name: string, options?: { array?: false }): Record<string, unknown> | undefined;
export function objectInput(reader: InputReader, name: string, options: { array?: boolean } = {}): unknown {
  const value = reader.string(name);
  if (!value) return undefined;
  const kind = options.array ? 'a YAML or JSON list' : 'a YAML or JSON mapping';
  let parsed: unknown;
  try {
    parsed = parseYaml(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError(name, `Input '${name}' must be ${kind}; it does not parse: ${reason}`);
  }
  const isArray = Array.isArray(parsed);
  const isMapping = parsed !== null && typeof parsed === 'object' && !isArray;
  if (options.array ? !isArray : !isMapping) throw new InputError(name, `Input '${name}' must be ${kind}; got ${quote(value)}.`);
  return parsed;
}
