import { DEFAULT_MAX_ENTRIES, type ExtractLimits } from '../../packaging/extract-limits.js';

/** Bounds for `max-extracted-mib` and `max-extracted-entries` (read in each action's inputs.ts). */
export const MAX_EXTRACTED_MIB = { min: 1, max: 1024 * 1024 };
export const MAX_EXTRACTED_ENTRIES = { min: 1, max: 10_000_000, fallback: DEFAULT_MAX_ENTRIES };

/** The limits those inputs set: raise (or lower) how far an artefact may expand before it is refused. */
export function extractLimits(mib: number | undefined, entries: number): ExtractLimits {
  return { maxBytes: mib === undefined ? undefined : mib * 1024 * 1024, maxEntries: entries };
}
