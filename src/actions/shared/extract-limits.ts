import type { InputReader } from '../../runtime/inputs.js';
import { DEFAULT_MAX_ENTRIES, type ExtractLimits } from '../../packaging/extract-limits.js';

const MiB = 1024 * 1024;

/** `max-extracted-mib` and `max-extracted-entries`: raise (or lower) how far an artefact may expand before it is refused. */
export function readExtractLimits(reader: InputReader): ExtractLimits {
  const mib = reader.integer('max-extracted-mib', { min: 1, max: 1024 * 1024 });
  return { maxBytes: mib === undefined ? undefined : mib * MiB, maxEntries: reader.integer('max-extracted-entries', { min: 1, max: 10_000_000, fallback: DEFAULT_MAX_ENTRIES }) };
}
