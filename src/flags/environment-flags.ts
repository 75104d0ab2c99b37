import { readFile } from 'node:fs/promises';
import { UserError } from '../runtime/errors.js';
import { checkFlagSet, type FlagSet, parseFlagSet } from './flag-set.js';

/**
 * The flags of one environment, from the repository: `flags.json` (any name; the base, for every
 * environment) and, beside it, `flags.<environment>.json` (optional). Both are complete flagd flag
 * sets; a flag the override defines replaces the base's definition of that flag whole, a flag only
 * the override defines is added, and the override's top-level `metadata` and `$evaluators` are
 * merged over the base's. The result is itself a valid flagd flag set.
 */
export function overrideFile(base: string, environment: string): string {
  const dot = base.lastIndexOf('.');
  const slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
  return dot > slash ? `${base.slice(0, dot)}.${environment}${base.slice(dot)}` : `${base}.${environment}`;
}

/** Reads a file's text, or undefined when it does not exist. */
export type ReadText = (file: string) => Promise<string | undefined>;

export async function environmentFlags(read: ReadText, base: string, environment: string): Promise<FlagSet> {
  const baseText = await read(base);
  if (baseText === undefined) throw new UserError(`The flags file ${base} does not exist.`);
  const baseSet = parseFlagSet(baseText, base);
  const file = overrideFile(base, environment);
  const overrideText = await read(file);
  if (overrideText === undefined) return baseSet;
  return checkFlagSet(mergeFlagSets(baseSet, parseFlagSet(overrideText, file)), file);
}

export function mergeFlagSets(base: FlagSet, override: FlagSet): FlagSet {
  const merged: FlagSet = { ...base, ...override, flags: { ...base.flags, ...override.flags } };
  for (const key of ['metadata', '$evaluators'] as const) {
    const [a, b] = [base[key], override[key]];
    if (a !== undefined || b !== undefined) merged[key] = { ...(a as object), ...(b as object) };
  }
  return merged;
}

/** `environmentFlags` from files on disk (`file` resolved by the caller, `shown` as named to the user), or undefined without a base file. */
export async function repositoryFlags(file: string, environment: string, shown = file): Promise<FlagSet | undefined> {
  const read: ReadText = (path) =>
    readFile(path === shown ? file : overrideFile(file, environment), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  if ((await read(shown)) === undefined) return undefined;
  return environmentFlags(read, shown, environment);
}
