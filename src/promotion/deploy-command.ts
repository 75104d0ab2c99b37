import { UserError } from '../runtime/errors.js';
import { CancelledError, throwIfCancelled } from '../runtime/clock.js';

/**
 * Runs a program with arguments (no shell), `env` added to the inherited environment. Resolves to
 * the exit code. When `signal` aborts (a cancelled run), the implementation ends the process
 * (SIGTERM, then SIGKILL after `COMMAND_KILL_GRACE_MS`) and resolves once it has exited.
 */
export type Exec = (
  program: string,
  args: string[],
  options: { env: Record<string, string>; cwd?: string; signal?: AbortSignal },
) => Promise<number>;

/** How long a cancelled command has to exit after SIGTERM before it is sent SIGKILL (well inside the runner's own grace). */
export const COMMAND_KILL_GRACE_MS = 2_000;

/** How long `runCommand` waits, after a cancellation, for the command to be ended before giving up on it. */
const COMMAND_STOP_WAIT_MS = COMMAND_KILL_GRACE_MS + 1_000;

/**
 * Splits a command line into words the way a shell would quote them ('…', "…", backslash), but
 * without any expansion: no variables, globs or substitutions, so nothing from inputs is interpolated.
 * Values reach the command through SLIPWAY_* environment variables instead.
 */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && /["\\]/.test(line[i + 1] ?? '')) word += line[++i];
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += char;
      started = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} quote`);
  if (started) words.push(word);
  return words;
}

export interface ReleaseEnv {
  artefactDir: string;
  artefactFile: string;
  version: string;
  digest: string;
  environment: string;
  slot: string | null;
  previousVersion?: string;
}

export function releaseEnv(release: ReleaseEnv): Record<string, string> {
  return {
    SLIPWAY_ARTIFACT_DIR: release.artefactDir,
    SLIPWAY_ARTIFACT_FILE: release.artefactFile,
    SLIPWAY_VERSION: release.version,
    SLIPWAY_DIGEST: release.digest,
    SLIPWAY_ENVIRONMENT: release.environment,
    SLIPWAY_SLOT: release.slot ?? '',
    SLIPWAY_PREVIOUS_VERSION: release.previousVersion ?? '',
  };
}

/**
 * Runs one configured command (`deploy-command`, `migrate-command`, `switch-command`); a non-zero
 * exit is a UserError. A cancelled run ends the command (the Exec is given the signal) and waits for
 * it to exit before throwing CancelledError, so the command cannot move traffic after the record and
 * traffic were put right.
 */
export async function runCommand(
  exec: Exec,
  input: string,
  words: string[],
  env: Record<string, string>,
  signal?: AbortSignal,
): Promise<void> {
  const [program, ...args] = words;
  if (!program) return;
  throwIfCancelled(signal);
  const run = exec(program, args, signal ? { env, signal } : { env });
  if (!signal) return checkExit(input, program, await run);
  const CANCELLED = Symbol('cancelled');
  let onAbort: () => void = () => {};
  const outcome = await new Promise<number | typeof CANCELLED>((resolve, reject) => {
    onAbort = () => resolve(CANCELLED);
    signal.addEventListener('abort', onAbort, { once: true });
    run.then(resolve, reject);
  }).finally(() => signal.removeEventListener('abort', onAbort));
  if (outcome !== CANCELLED) return checkExit(input, program, outcome);
  // The Exec ends the process on abort; wait for that (bounded, in case it cannot).
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    run.catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, COMMAND_STOP_WAIT_MS))),
  ]);
  clearTimeout(timer);
  throw new CancelledError();
}

function checkExit(input: string, program: string, code: number): void {
  if (code !== 0) throw new UserError(`${input} '${program}' exited with code ${code}.`);
}
