import { InputError } from '../../runtime/errors.js';
import { splitCommand } from '../../promotion/deploy-command.js';
import { DirTarget, parseTarget } from '../../promotion/dir-target.js';
import type { ReleaseTarget } from '../../promotion/release-target.js';
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

export function target(value: string | undefined): ReleaseTarget | undefined {
  try {
    const parsed = parseTarget(value);
    return parsed && new DirTarget(parsed.path);
  } catch {
    throw new InputError(
      'target',
      `Input 'target' must be \`dir:<path>\` (a directory served through its 'current' symlink); got ${JSON.stringify(value)}.`,
    );
  }
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
  if (inputs.strategy === 'blue-green' && !inputs.target && inputs.switchCommand.length === 0) {
    throw new InputError(
      'strategy',
      "Input 'strategy' is `blue-green`, which moves traffic with 'switch-command' or a `dir:` 'target'; set one of them.",
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
