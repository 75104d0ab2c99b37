import { InputError } from '../../runtime/errors.js';
import type { InputReader } from '../../runtime/inputs.js';
import { assertTimeZone, type DeployWindow, type Freeze, parseFreeze, parseWindow } from '../../promotion/windows.js';
import type { ExtractLimits } from '../../packaging/extract-limits.js';
import { extractLimits, MAX_EXTRACTED_ENTRIES, MAX_EXTRACTED_MIB } from '../../actions/shared/extract-limits.js';
import { type AttestationInputs, attestationInputs } from '../../actions/shared/require-attestation.js';
import {
  type ArtefactInput,
  checkDelivery,
  checkDigestInput,
  checkEnvironment,
  checkUrl,
  checkVersion,
  command,
  type DeliveryInputs,
  logins,
  variableNames,
  STRATEGIES,
  target,
  verifyVersion,
} from '../../actions/shared/delivery-inputs.js';

export interface Inputs extends DeliveryInputs {
  environment: string;
  from?: string;
  digest?: string;
  version?: string;
  /** Absent only with `from`: the upstream deployment's recorded artefact is promoted. */
  source?: ArtefactInput;
  soakMs: number;
  windows: DeployWindow[];
  freezes: Freeze[];
  timezone: string;
  windowWaitMs: number;
  overrideReason?: string;
  force: boolean;
  keep: number;
  production: boolean;
  transient: boolean;
  requiredContexts: string[];
  extractLimits: ExtractLimits;
  attestation: AttestationInputs;
  /** `carry-flags`: the environment's flags are written to the target with the release, from `flags-file` and its records. */
  carryFlags: boolean;
  flagsFile: string;
  token: string;
}

function artefactSource(reader: InputReader, from: string | undefined): ArtefactInput | undefined {
  const artifact = reader.string('artifact');
  const runId = reader.integer('run-id', { min: 1 });
  const path = reader.string('artifact-path');
  const asset = reader.string('release-asset');
  const given = [artifact && 'artifact', path && 'artifact-path', asset && 'release-asset'].filter(Boolean);
  if (runId !== undefined && !artifact)
    throw new InputError('run-id', "Input 'run-id' picks the run to download 'artifact' from; set 'artifact' too.");
  // With `from` and no source, the artefact recorded by the upstream deployment is promoted.
  if (given.length === 0 && from) return undefined;
  if (given.length !== 1) {
    const alone = from ? '' : " (or 'from' alone, to promote the artefact the upstream deployment recorded)";
    throw new InputError(
      'artifact',
      `Give exactly one of 'artifact' (a workflow artifact name or id), 'artifact-path' or 'release-asset'${alone}; got ${given.length ? given.join(' and ') : 'none'}.`,
    );
  }
  if (artifact) return { kind: 'artifact', artifact, runId };
  if (path) return { kind: 'path', path };
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(asset ?? '');
  if (!match)
    throw new InputError(
      'release-asset',
      `Input 'release-asset' must be \`<tag>/<asset file name>\`, e.g. \`v1.2.3/app-1.2.3.tar.gz\`; got ${JSON.stringify(asset)}.`,
    );
  return { kind: 'release-asset', tag: match[1] as string, asset: match[2] as string };
}

function list<T>(input: string, items: string[], parse: (text: string) => T, accepted: string): T[] {
  return items.map((item) => {
    try {
      return parse(item);
    } catch (error) {
      throw new InputError(
        input,
        `Input '${input}' has ${JSON.stringify(item)}: ${(error as Error).message}; accepted: ${accepted}.`,
      );
    }
  });
}

/** Reads and validates every input before anything is read or written; the token is masked at once. */
export function readInputs(reader: InputReader, mask: (secret: string) => void): Inputs {
  const token = reader.required('github-token');
  mask(token);
  const environment = checkEnvironment('environment', reader.required('environment'));
  const fromText = reader.string('from');
  const from = fromText === undefined ? undefined : checkEnvironment('from', fromText);
  if (from === environment)
    throw new InputError('from', `Input 'from' must name the upstream environment, not '${environment}' itself.`);
  const version = checkVersion('version', reader.string('version'));
  if (!from && !version)
    throw new InputError(
      'version',
      "Input 'version' is required when 'from' is not set (with 'from', the upstream deployment's version is used).",
    );
  const timezone = reader.string('timezone', 'UTC');
  try {
    assertTimeZone(timezone);
  } catch {
    throw new InputError(
      'timezone',
      `Input 'timezone' must be an IANA time zone such as Europe/Paris or America/New_York; got ${JSON.stringify(timezone)}.`,
    );
  }
  const inputs: Inputs = {
    environment,
    from,
    digest: checkDigestInput('digest', reader.string('digest')),
    version,
    source: artefactSource(reader, from),
    strategy: reader.choice('strategy', STRATEGIES, 'direct'),
    target: target(
      reader.string('target'),
      {
        key: reader.string('ssh-key'),
        passphrase: reader.string('ssh-key-passphrase'),
        knownHosts: reader.string('known-hosts'),
      },
      mask,
    ),
    remoteCommands: reader.boolean('remote-commands', false),
    deployCommand: command('deploy-command', reader.string('deploy-command')),
    migrateCommand: command('migrate-command', reader.string('migrate-command')),
    switchCommand: command('switch-command', reader.string('switch-command')),
    previewUrl: checkUrl('preview-url', reader.string('preview-url'), mask),
    verifyUrl: checkUrl('verify-url', reader.string('verify-url'), mask),
    verifyVersion: verifyVersion(reader.string('verify-version')),
    verifyTimeoutMs: reader.duration('verify-timeout', '5m'),
    soakMs: reader.duration('soak', '0'),
    soakWatchMs: reader.duration('soak-watch', '0'),
    rollbackOnFailure: reader.boolean('rollback-on-failure', true),
    windows: list(
      'allowed-windows',
      reader.list('allowed-windows'),
      parseWindow,
      '`Mon-Fri 09:00-17:00`, `Sat 10:00-12:00`, `daily 22:00-02:00`',
    ),
    freezes: list(
      'freeze',
      reader.list('freeze'),
      parseFreeze,
      '`2026-12-20..2027-01-02`, `2026-12-24T18:00..2026-12-27T08:00 holidays`',
    ),
    timezone,
    windowWaitMs: reader.duration('window-wait', '0'),
    overrideReason: reader.string('override-reason'),
    force: reader.boolean('force', false),
    lockTimeoutMs: reader.duration('lock-timeout', '10m'),
    staleAfterMs: reader.duration('stale-after', '1h'),
    keep: reader.integer('keep', { min: 1, max: 1000, fallback: 5 }),
    environmentUrl: checkUrl('environment-url', reader.string('environment-url'), mask),
    production: reader.boolean('production', /^prod(uction)?$/i.test(environment)),
    transient: reader.boolean('transient', false),
    requiredContexts: reader.list('required-contexts'),
    extractLimits: extractLimits(
      reader.integer('max-extracted-mib', MAX_EXTRACTED_MIB),
      reader.integer('max-extracted-entries', MAX_EXTRACTED_ENTRIES),
    ),
    attestation: attestationInputs(
      reader.boolean('require-attestation', false),
      reader.string('attestation-signer-workflow'),
      reader.string('attestation-trusted-root'),
    ),
    trustedCreators: logins('trusted-creators', reader.list('trusted-creators')),
    passEnv: variableNames('pass-env', reader.list('pass-env')),
    carryFlags: reader.boolean('carry-flags', true),
    flagsFile: reader.string('flags-file', 'flags.json'),
    token,
  };
  checkDelivery(inputs);
  if (inputs.transient && inputs.production)
    throw new InputError(
      'transient',
      "Input 'transient' marks a preview environment that goes away; it cannot also be 'production'.",
    );
  return inputs;
}
