import { MemoryStorage } from '@openfeature/flagd-core';
import { UserError } from '../runtime/errors.js';

/** One flag as flagd defines it (https://flagd.dev/reference/flag-definitions/). */
export interface FlagDefinition {
  state: 'ENABLED' | 'DISABLED';
  variants: Record<string, unknown>;
  defaultVariant: string;
  targeting?: unknown;
  metadata?: Record<string, unknown>;
}

/** A flagd flag set: the whole file, `$schema`, `$evaluators` and `metadata` kept as they are. */
export interface FlagSet {
  flags: Record<string, FlagDefinition>;
  [key: string]: unknown;
}

const SILENT = { error() {}, warn() {}, info() {}, debug() {} };

/** How many schema errors a message names before saying how many more there are. */
const SHOWN_ERRORS = 3;

interface SchemaError {
  instancePath?: string;
  message?: string;
  params?: { allowedValues?: unknown[] };
}

/**
 * flagd-core's validation message on one line: its schema errors (`/flags/x/state must be equal to one
 * of the allowed values (ENABLED, DISABLED)`), or the cause of a structural error, after its own prefix.
 */
function flagdMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const colon = message.indexOf(': [');
  let text = message;
  if (colon >= 0) {
    try {
      const errors = JSON.parse(message.slice(colon + 2)) as SchemaError[];
      const lines = [
        ...new Set(
          errors.map((e) => {
            const allowed = e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '';
            return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${allowed}`;
          }),
        ),
      ];
      const more = lines.length > SHOWN_ERRORS ? `; and ${lines.length - SHOWN_ERRORS} more` : '';
      text = `${message.slice(0, colon)}: ${lines.slice(0, SHOWN_ERRORS).join('; ')}${more}`;
    } catch {
      text = message;
    }
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${text}${cause}`.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * Parses and validates a flagd flag set with `@openfeature/flagd-core` (strict: its JSON schema, then its
 * structural checks such as a default variant that must exist). `file` names the file in the error.
 */
export function parseFlagSet(text: string, file: string): FlagSet {
  try {
    new MemoryStorage(SILENT, { disableDynamicCodeGeneration: true }).setConfigurations(text, true);
  } catch (error) {
    throw new UserError(`${file} is not a valid flagd flag set: ${flagdMessage(error)}.`);
  }
  return JSON.parse(text) as FlagSet;
}

/** The same check for a flag set built in memory (after a change or a merge). */
export function checkFlagSet(set: FlagSet, file: string): FlagSet {
  return parseFlagSet(JSON.stringify(set), file);
}

/** The file as written to a target: stable, indented, one trailing newline. */
export function flagSetText(set: FlagSet): string {
  return `${JSON.stringify(set, null, 2)}\n`;
}
