import type { InputReader } from '../../runtime/inputs.js';
import { UserError } from '../../runtime/errors.js';
import { DEFAULT_MAX_ENTRIES, ExtractLimitError, type ExtractLimits, verifyAndExtract } from '../../packaging/extract.js';

const MiB = 1024 * 1024;

/** `max-extracted-mib` and `max-extracted-entries`: raise (or lower) how far an artefact may expand before it is refused. */
export function readExtractLimits(reader: InputReader): ExtractLimits {
  const mib = reader.integer('max-extracted-mib', { min: 1, max: 1024 * 1024 });
  return { maxBytes: mib === undefined ? undefined : mib * MiB, maxEntries: reader.integer('max-extracted-entries', { min: 1, max: 10_000_000, fallback: DEFAULT_MAX_ENTRIES }) };
}

/** verifyAndExtract within `limits`; a refusal over a limit names the input that raises it. */
export function extractWithin(limits: ExtractLimits): typeof verifyAndExtract {
  return (options) =>
    verifyAndExtract({ ...options, limits }).catch((error: unknown) => {
      if (!(error instanceof ExtractLimitError)) throw error;
      const input = error.limit === 'bytes' ? 'max-extracted-mib' : 'max-extracted-entries';
      throw new UserError(`${error.message} If the artefact is meant to be this large, raise input '${input}'.`);
    });
}
