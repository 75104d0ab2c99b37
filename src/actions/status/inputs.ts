import { InputError } from '../../runtime/errors.js';
import type { InputReader } from '../../runtime/inputs.js';
import { checkEnvironment } from '../../actions/shared/delivery-inputs.js';
import { type AttestationInputs, attestationInputs } from '../../actions/shared/require-attestation.js';

export interface Inputs {
  /** In promotion order: each environment's upstream is the one before it. */
  environments: string[];
  /** `verify-provenance`: check each running digest's build provenance. */
  provenance: AttestationInputs;
  token: string;
  /** The DORA keys over this window (ms), or undefined when `metrics` is off. */
  metricsWindowMs?: number;
}

export function readInputs(reader: InputReader, mask: (secret: string) => void): Inputs {
  const token = reader.required('github-token');
  mask(token);
  const environments = reader.list('environments').map((env) => checkEnvironment('environments', env));
  if (environments.length === 0)
    throw new InputError(
      'environments',
      "Input required and not supplied: 'environments'. List them in promotion order, e.g. `dev, staging, production`.",
    );
  if (environments.length > 20)
    throw new InputError(
      'environments',
      `Input 'environments' lists ${environments.length} environments; at most 20 are read in one request.`,
    );
  const provenance = attestationInputs(
    reader.boolean('verify-provenance', false),
    reader.string('attestation-signer-workflow'),
    reader.string('attestation-trusted-root'),
  );
  const metricsWindowMs = reader.duration('metrics-window', '30d');
  if (metricsWindowMs <= 0)
    throw new InputError('metrics-window', `Input 'metrics-window' must be longer than 0, e.g. \`30d\`.`);
  return {
    environments,
    provenance,
    token,
    metricsWindowMs: reader.boolean('metrics', false) ? metricsWindowMs : undefined,
  };
}
