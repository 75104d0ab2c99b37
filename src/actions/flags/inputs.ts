import { InputError } from '../../runtime/errors.js';
import type { InputReader } from '../../runtime/inputs.js';
import type { ReleaseTarget } from '../../promotion/release-target.js';
import { checkEnvironment, command, logins, target, variableNames } from '../../actions/shared/delivery-inputs.js';

export const COMMANDS = ['get', 'set', 'diff', 'promote'] as const;

export interface Inputs {
  command: (typeof COMMANDS)[number];
  /** `set`: the flag and the value (`on`, `off` or a variant name). */
  flag?: string;
  value?: string;
  /** `get`, `set`: the environment; `diff`, `promote`: `from` and `to`. */
  environment?: string;
  from?: string;
  to?: string;
  reason: string;
  actor?: string;
  flagsFile: string;
  target?: ReleaseTarget;
  flagsCommand: string[];
  production?: boolean;
  trustedCreators: string[];
  passEnv: string[];
  token: string;
}

/** A flag's name or a variant's, as flagd files name them; nothing that could read as another word in a log. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function name(input: string, value: string): string {
  if (!NAME.test(value))
    throw new InputError(
      input,
      `Input '${input}' must be a flag or variant name of letters, digits, '.', '_', ':' and '-' (at most 128); got ${JSON.stringify(value)}.`,
    );
  return value;
}

/** `what` is needed by `command`: the error names the input and the command. */
function needed(input: string, value: string | undefined, command: string): string {
  if (!value) throw new InputError(input, `Input '${input}' is required with \`command: ${command}\`.`);
  return value;
}

/** Reads and validates every input before anything is read or written; the token is masked at once. */
export function readInputs(reader: InputReader, mask: (secret: string) => void): Inputs {
  const token = reader.required('github-token');
  mask(token);
  const cmd = reader.choice('command', COMMANDS, 'get');
  const environment = reader.string('environment');
  const from = reader.string('from');
  const to = reader.string('to');
  const inputs: Inputs = {
    command: cmd,
    environment: environment === undefined ? undefined : checkEnvironment('environment', environment),
    from: from === undefined ? undefined : checkEnvironment('from', from),
    to: to === undefined ? undefined : checkEnvironment('to', to),
    reason: (reader.string('reason') ?? '').replace(/\s+/g, ' ').trim(),
    actor: reader.string('actor'),
    flagsFile: reader.string('flags-file', 'flags.json'),
    target: target(
      reader.string('target'),
      {
        key: reader.string('ssh-key'),
        passphrase: reader.string('ssh-key-passphrase'),
        knownHosts: reader.string('known-hosts'),
      },
      mask,
    ),
    flagsCommand: command('flags-command', reader.string('flags-command')),
    production: reader.string('production') === undefined ? undefined : reader.boolean('production', false),
    trustedCreators: logins('trusted-creators', reader.list('trusted-creators')),
    passEnv: variableNames('pass-env', reader.list('pass-env')),
    token,
  };
  if (cmd === 'get' || cmd === 'set') needed('environment', inputs.environment, cmd);
  if (cmd === 'diff' || cmd === 'promote') {
    needed('from', inputs.from, cmd);
    needed('to', inputs.to, cmd);
  }
  if (cmd === 'set') {
    inputs.flag = name('flag', needed('flag', reader.string('flag'), cmd));
    inputs.value = name('value', needed('value', reader.string('value'), cmd));
  }
  if ((cmd === 'set' || cmd === 'promote') && !inputs.target && inputs.flagsCommand.length === 0)
    throw new InputError(
      'target',
      `Input 'target' (a \`dir:<path>\` or \`ssh://user@host[:port]/path\` target) or 'flags-command' is required with \`command: ${cmd}\`: where the flags are written.`,
    );
  if (inputs.target && inputs.flagsCommand.length > 0)
    throw new InputError('flags-command', "Give 'target' or 'flags-command', not both.");
  return inputs;
}
