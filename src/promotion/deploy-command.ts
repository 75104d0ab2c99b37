import { UserError } from '../runtime/errors.js';
import { CancelledError } from './clock.js';

/** Runs a program with arguments (no shell), `env` added to the inherited environment; the action passes `@actions/exec`. Resolves to the exit code. */
export type Exec = (program: string, args: string[], options: { env: Record<string, string>; cwd?: string }) => Promise<number>;

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
  artifactDir: string;
  artifactFile: string;
  version: string;
  digest: string;
  environment: string;
  slot: string | null;
  previousVersion?: string;
}

export function releaseEnv(release: ReleaseEnv): Record<string, string> {
  return {
    SLIPWAY_ARTIFACT_DIR: release.artifactDir,
    SLIPWAY_ARTIFACT_FILE: release.artifactFile,
    SLIPWAY_VERSION: release.version,
    SLIPWAY_DIGEST: release.digest,
    SLIPWAY_ENVIRONMENT: release.environment,
    SLIPWAY_SLOT: release.slot ?? '',
    SLIPWAY_PREVIOUS_VERSION: release.previousVersion ?? '',
  };
}

/** Runs one configured command (`deploy-command`, `migrate-command`, `switch-command`); a non-zero exit is a UserError. */
export async function runCommand(exec: Exec, input: string, words: string[], env: Record<string, string>, signal?: AbortSignal): Promise<void> {
  const [program, ...args] = words;
  if (!program) return;
  const run = exec(program, args, { env });
  // A cancelled run stops waiting; the runner ends the child process with the job.
  const cancelled = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(new CancelledError());
    signal?.addEventListener('abort', () => reject(new CancelledError()), { once: true });
  });
  const code = await (signal ? Promise.race([run, cancelled]) : run);
  if (code !== 0) throw new UserError(`${input} '${program}' exited with code ${code}.`);
}
