import { UserError } from '../../runtime/errors.js';
import { ExtractLimitError, type ExtractLimits, verifyAndExtract } from '../../packaging/extract.js';

/** verifyAndExtract within `limits`; a refusal over a limit names the input that raises it. */
export function extractWithin(limits: ExtractLimits): typeof verifyAndExtract {
  return (options) =>
    verifyAndExtract({ ...options, limits }).catch((error: unknown) => {
      if (!(error instanceof ExtractLimitError)) throw error;
      const input = error.limit === 'bytes' ? 'max-extracted-mib' : 'max-extracted-entries';
      throw new UserError(`${error.message} If the artefact is meant to be this large, raise input '${input}'.`);
    });
}
