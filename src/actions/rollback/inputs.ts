import { InputError } from '../../runtime/errors.js';
import type { InputReader } from '../../runtime/inputs.js';
import {
  checkDelivery,
  checkDigestInput,
  checkEnvironment,
  checkUrl,
  checkVersion,
  command,
  type DeliveryInputs,
  logins,
  STRATEGIES,
  target,
  variableNames,
  verifyVersion,
} from '../../actions/shared/delivery-inputs.js';

export interface Inputs extends DeliveryInputs {
  environment: string;
  toVersion?: string;
  toDigest?: string;
  production: boolean;
  token: string;
}

/** Reads and validates every input before anything is read or written; the token is masked at once. */
export function readInputs(reader: InputReader, mask: (secret: string) => void): Inputs {
  const token = reader.required('github-token');
  mask(token);
  const environment = checkEnvironment('environment', reader.required('environment'));
  const inputs: Inputs = {
    environment,
    toVersion: checkVersion('to-version', reader.string('to-version')),
    toDigest: checkDigestInput('to-digest', reader.string('to-digest')),
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
    migrateCommand: [],
    switchCommand: command('switch-command', reader.string('switch-command')),
    verifyUrl: checkUrl('verify-url', reader.string('verify-url'), mask),
    verifyVersion: verifyVersion(reader.string('verify-version')),
    verifyTimeoutMs: reader.duration('verify-timeout', '5m'),
    soakWatchMs: 0,
    // Restoring is the way back; if the restored release fails its check, there is nothing safer to return to.
    rollbackOnFailure: false,
    lockTimeoutMs: reader.duration('lock-timeout', '10m'),
    staleAfterMs: reader.duration('stale-after', '1h'),
    environmentUrl: checkUrl('environment-url', reader.string('environment-url'), mask),
    production: reader.boolean('production', /^prod(uction)?$/i.test(environment)),
    trustedCreators: logins('trusted-creators', reader.list('trusted-creators')),
    passEnv: variableNames('pass-env', reader.list('pass-env')),
    token,
  };
  checkDelivery(inputs);
  if (inputs.strategy === 'direct' && !inputs.target && inputs.deployCommand.length === 0) {
    throw new InputError(
      'deploy-command',
      "Input 'deploy-command' is needed to redeploy the previous release (or set a `dir:` 'target', or `strategy: blue-green` with 'switch-command').",
    );
  }
  return inputs;
}
