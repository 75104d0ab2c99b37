import { InputError } from '../../runtime/errors.js';
import { splitCommand } from '../../promotion/deploy-command.js';
import { DirTarget } from '../../promotion/dir-target.js';
import { parseHostKeyPin } from '../../promotion/host-key.js';
import { parseTarget, type ReleaseTarget, type TargetSpec } from '../../promotion/release-target.js';
import { SshTarget } from '../../promotion/ssh-target.js';
import type { DeliverySettings } from '../../promotion/delivery.js';
import { publicUrl } from '../../promotion/verify.js';

export const STRATEGIES = ['direct', 'blue-green'] as const;

/** Where the artefact comes from: exactly one of these. */
export type ArtefactInput =
  | { kind: 'artifact'; artifact: string; runId?: number }
  | { kind: 'path'; path: string }
  | { kind: 'release-asset'; tag: string; asset: string };

/** Inputs shared by `promote` and `rollback`, after validation: the delivery settings the shell does not derive. */
export interface DeliveryInputs extends Omit<DeliverySettings, 'environment' | 'pollMs'> {
  lockTimeoutMs: number;
  staleAfterMs: number;
  environmentUrl?: string;
  /** Whose deployment records are believed; empty: the identity the token belongs to. */
  trustedCreators: string[];
  /** Variables commands get although a `run:` step would not (see command-environment.ts). */
  passEnv: string[];
  /** With an `ssh:` target: the commands run on the server, in the release directory. */
  remoteCommands: boolean;
}

/** The `ssh:` credentials, read from their inputs (the key and passphrase are secrets). */
export interface SshInputs {
  key?: string;
  passphrase?: string;
  knownHosts?: string;
}

const ENVIRONMENT = /^[^\s/][^/]{0,254}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Control characters and the marks and overrides that reorder text, so a name would read as another. */
const DECEPTIVE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export function checkEnvironment(input: string, value: string): string {
  const dots = value === '.' || value === '..';
  if (!ENVIRONMENT.test(value) || dots || DECEPTIVE.test(value)) {
    const why = dots
      ? 'not `.` or `..`'
      : DECEPTIVE.test(value)
        ? 'no control characters or bidirectional text overrides'
        : "no '/', at most 255 characters";
    throw new InputError(
      input,
      `Input '${input}' must be a GitHub environment name (${why}); got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export function checkDigestInput(input: string, value: string | undefined): string | undefined {
  if (value !== undefined && !DIGEST.test(value))
    throw new InputError(
      input,
      `Input '${input}' must be 'sha256:' followed by 64 lower-case hex digits (the package action's 'digest' output); got ${JSON.stringify(value)}.`,
    );
  return value;
}

export function checkVersion(input: string, value: string | undefined): string | undefined {
  if (value !== undefined && !VERSION.test(value))
    throw new InputError(
      input,
      `Input '${input}' must be a version of letters, digits, '.', '_', '+' and '-' such as 1.2.3; got ${JSON.stringify(value)}.`,
    );
  return value;
}

/** An http(s) URL; credentials in it are masked first (as given and decoded), and never echoed. */
export function checkUrl(
  input: string,
  value: string | undefined,
  mask: (secret: string) => void = () => {},
): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  for (const part of [url?.username, url?.password].filter((p): p is string => Boolean(p))) {
    mask(part);
    mask(decodeURIComponent(part));
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new InputError(
      input,
      `Input '${input}' must be an http or https URL; got ${JSON.stringify(publicUrl(value))}.`,
    );
  }
  return value;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/** GitHub logins, such as `github-actions[bot]` or `release-bot`. */
export function logins(input: string, values: string[]): string[] {
  const bad = values.find((value) => !LOGIN.test(value));
  if (bad !== undefined) {
    throw new InputError(
      input,
      `Input '${input}' must list GitHub logins such as \`github-actions[bot]\` or \`octocat\`; got ${JSON.stringify(bad)}.`,
    );
  }
  return values;
}

/** Environment variable names, for `pass-env`. */
export function variableNames(input: string, values: string[]): string[] {
  const bad = values.find((value) => !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(value));
  if (bad !== undefined) {
    throw new InputError(
      input,
      `Input '${input}' must list environment variable names such as \`NPM_CONFIG_USERCONFIG\`; got ${JSON.stringify(bad)}.`,
    );
  }
  return values;
}

export function command(input: string, value: string | undefined): string[] {
  if (!value) return [];
  try {
    return splitCommand(value);
  } catch (error) {
    throw new InputError(
      input,
      `Input '${input}' cannot be split into a program and arguments: ${(error as Error).message}; got ${JSON.stringify(value)}.`,
    );
  }
}

/**
 * `dir:<path>` or `ssh://user@host[:port]/path`. For `ssh:`, the key (and passphrase) are masked at
 * once, line by line too, and the host key must be pinned by 'known-hosts'; nothing connects here.
 */
export function target(
  value: string | undefined,
  ssh: SshInputs = {},
  mask: (secret: string) => void = () => {},
): ReleaseTarget | undefined {
  for (const secret of [ssh.key, ssh.passphrase]) {
    if (!secret) continue;
    mask(secret);
    for (const line of secret.split(/\r?\n/))
      if (line.trim().length >= 8 && !/^-----/.test(line.trim())) mask(line.trim());
  }
  let parsed: TargetSpec | undefined;
  try {
    parsed = parseTarget(value);
  } catch (error) {
    const why = (error as Error).message;
    throw new InputError(
      'target',
      `Input 'target' must be \`dir:<path>\` (a directory on the runner) or \`ssh://user@host[:port]/path\` (a server, over SFTP), served through its 'current' symlink${why.startsWith('expected') ? '' : `; ${why}`}; got ${JSON.stringify(publicTarget(value ?? ''))}.`,
    );
  }
  if (parsed?.kind !== 'ssh') {
    for (const [input, given] of [
      ['ssh-key', ssh.key],
      ['known-hosts', ssh.knownHosts],
    ] as const)
      if (given)
        throw new InputError(
          input,
          `Input '${input}' is for an \`ssh://\` 'target'; 'target' is ${JSON.stringify(value ?? '')}.`,
        );
    return parsed && new DirTarget(parsed.path);
  }
  const where = `${parsed.user}@${parsed.host}:${parsed.port}`;
  if (!ssh.knownHosts)
    throw new InputError(
      'known-hosts',
      `Input 'known-hosts' is required with an \`ssh://\` 'target': pin ${where}'s host key with known_hosts lines (\`ssh-keyscan -p ${parsed.port} ${parsed.host}\`, checked out of band) or its \`SHA256:…\` fingerprint (\`ssh-keygen -lf\`).`,
    );
  let pin;
  try {
    pin = parseHostKeyPin(ssh.knownHosts, parsed.host, parsed.port);
  } catch (error) {
    throw new InputError(
      'known-hosts',
      `Input 'known-hosts' must hold known_hosts lines or \`SHA256:…\` fingerprints pinning ${where}: ${(error as Error).message}.`,
    );
  }
  if (!ssh.key || !/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(ssh.key))
    throw new InputError(
      'ssh-key',
      `Input 'ssh-key' must be the private key (OpenSSH or PEM, from a secret) that logs in to ${where}; ${ssh.key ? 'it is not a private key' : 'it is empty'}.`,
    );
  return new SshTarget(
    { user: parsed.user, host: parsed.host, port: parsed.port, privateKey: ssh.key, passphrase: ssh.passphrase, pin },
    parsed.path,
  );
}

/** A target as it may be shown: an `ssh:` URL's password (which is refused anyway) left out. */
function publicTarget(value: string): string {
  return value.replace(/^(ssh:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/** `remote-commands` runs the commands over SSH: only with an `ssh:` target, and without 'pass-env' (a runner variable). */
export function checkRemoteCommands(inputs: DeliveryInputs): void {
  if (!inputs.remoteCommands) return;
  if (!(inputs.target instanceof SshTarget))
    throw new InputError(
      'remote-commands',
      "Input 'remote-commands' runs the commands on the server of an `ssh://` 'target'; set such a 'target' or leave it `false`.",
    );
  if (inputs.passEnv.length > 0)
    throw new InputError(
      'pass-env',
      "Input 'pass-env' passes runner variables to local commands; with 'remote-commands' the commands run on the server with only the SLIPWAY_* variables.",
    );
}

/** `true`, `false`, or a JSON field (dotted path) that must equal the version. */
export function verifyVersion(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (!/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/.test(value))
    throw new InputError(
      'verify-version',
      `Input 'verify-version' must be \`true\`, \`false\` or a JSON field such as \`version\` or \`build.version\`; got ${JSON.stringify(value)}.`,
    );
  return value;
}

/** Checks that concern the combination of delivery inputs. */
export function checkDelivery(inputs: DeliveryInputs): void {
  checkRemoteCommands(inputs);
  if (inputs.strategy === 'blue-green' && !inputs.target && inputs.switchCommand.length === 0) {
    throw new InputError(
      'strategy',
      "Input 'strategy' is `blue-green`, which moves traffic with 'switch-command' or a `dir:` or `ssh:` 'target'; set one of them.",
    );
  }
  if (inputs.soakWatchMs > 0 && !inputs.verifyUrl)
    throw new InputError('soak-watch', "Input 'soak-watch' watches 'verify-url'; set 'verify-url' too.");
  if (inputs.verifyVersion !== false && !inputs.verifyUrl && !inputs.previewUrl)
    throw new InputError(
      'verify-version',
      "Input 'verify-version' checks 'verify-url' (and 'preview-url'); set one of them.",
    );
}
