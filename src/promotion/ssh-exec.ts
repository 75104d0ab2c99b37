import { CancelledError } from '../runtime/clock.js';
import { COMMAND_KILL_GRACE_MS, type Exec } from './deploy-command.js';
import type { SshTarget } from './ssh-target.js';

/** One word for a POSIX shell, whatever it holds: single-quoted, each `'` as `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The line the server's shell runs: into the directory, then the program through `env -i` with only
 * the SLIPWAY_* variables, every word quoted, so nothing in a value is expanded or split.
 */
export function remoteCommandLine(program: string, args: string[], env: Record<string, string>, cwd: string): string {
  const assignments = Object.entries(env)
    .filter(([name]) => name.startsWith('SLIPWAY_'))
    .map(([name, value]) => shellQuote(`${name}=${value}`));
  return `cd ${shellQuote(cwd)} && exec env -i ${[...assignments, ...[program, ...args].map(shellQuote)].join(' ')}`;
}

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, KILL: 9, TERM: 15 };

/**
 * Runs configured commands on the server of an `ssh:` target (`remote-commands`), in the release
 * directory (SLIPWAY_ARTIFACT_DIR; the target's root when only traffic moves), with a clean
 * environment. The runner's artefact path means nothing there: SLIPWAY_ARTIFACT_FILE is empty.
 * Output goes to `stdout`/`stderr`; a cancellation sends TERM (then closes the channel after the grace).
 */
export function sshExec(
  target: SshTarget,
  output: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; log: (line: string) => void },
): Exec {
  return async (program, args, { env, signal }) => {
    if (signal?.aborted) throw new CancelledError();
    const ssh = await target.connection();
    const cwd = env.SLIPWAY_ARTIFACT_DIR || target.root;
    const line = remoteCommandLine(program, args, { ...env, SLIPWAY_ARTIFACT_FILE: '' }, cwd);
    output.log(`[command on ${ssh.where}]${[program, ...args].join(' ')}`);
    const channel = await ssh.exec(line);
    return new Promise<number>((resolve) => {
      let code: number | undefined;
      let timer: NodeJS.Timeout | undefined;
      const stop = () => {
        channel.signal('TERM');
        timer = setTimeout(() => channel.close(), COMMAND_KILL_GRACE_MS);
      };
      signal?.addEventListener('abort', stop, { once: true });
      channel.on('data', (chunk: Buffer) => output.stdout.write(chunk));
      channel.stderr.on('data', (chunk: Buffer) => output.stderr.write(chunk));
      channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode ?? 128 + (SIGNALS[exitSignal ?? ''] ?? 0);
      });
      channel.on('close', () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        // A channel closed without an exit status (a dropped connection) is a failure.
        resolve(code ?? 255);
      });
    });
  };
}
