import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Tuning } from '../../runtime/action-context.js';
import { UserError } from '../../runtime/errors.js';
import { core } from '../../runtime/toolkit.js';
import { CancelledError } from '../../runtime/clock.js';
import { COMMAND_KILL_GRACE_MS, type Exec } from '../../promotion/deploy-command.js';
import { commandEnvironment } from './command-environment.js';
import { sshExec } from '../../promotion/ssh-exec.js';
import { SshTarget } from '../../promotion/ssh-target.js';
import type { ReleaseTarget } from '../../promotion/release-target.js';

/** POSIX: the command gets its own process group, so a cancellation ends whatever it started too. */
const GROUP = process.platform !== 'win32';

/** The shell's convention for a process ended by a signal: 128 + its number. */
function signalExitCode(signal: NodeJS.Signals | null): number {
  return signal ? 128 + (constants.signals[signal] ?? 0) : 1;
}

/**
 * Runs a configured command without a shell, with the environment a `run:` step would have plus
 * the SLIPWAY_* variables (and what `pass-env` names: see commandEnvironment); its output goes
 * straight to the step's log. When `signal` aborts (the run was cancelled) the command, and any
 * process it started, gets SIGTERM and, if still running after COMMAND_KILL_GRACE_MS, SIGKILL; the
 * promise resolves once it has exited.
 */
export const actionExec =
  (passEnv: readonly string[]): Exec =>
  (program, args, { env, cwd, signal }) =>
    new Promise<number>((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      core.info(`[command]${[program, ...args].join(' ')}`);
      const environment = commandEnvironment(process.env, env, passEnv);
      const child = spawn(program, args, {
        env: environment,
        cwd,
        stdio: ['ignore', 'inherit', 'inherit'],
        detached: GROUP,
        windowsHide: true,
      });
      let killTimer: NodeJS.Timeout | undefined;
      const send = (name: NodeJS.Signals) => {
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
        try {
          if (GROUP) process.kill(-child.pid, name);
          else child.kill(name);
        } catch {
          child.kill(name);
        }
      };
      const stop = () => {
        core.info(
          `Cancelled: stopping '${program}' (pid ${child.pid}) with SIGTERM${COMMAND_KILL_GRACE_MS ? `, then SIGKILL after ${COMMAND_KILL_GRACE_MS / 1000}s` : ''}.`,
        );
        send('SIGTERM');
        killTimer = setTimeout(() => send('SIGKILL'), COMMAND_KILL_GRACE_MS);
      };
      const settle = () => {
        clearTimeout(killTimer);
        signal?.removeEventListener('abort', stop);
      };
      signal?.addEventListener('abort', stop, { once: true });
      child.once('error', (error) => {
        settle();
        reject(new UserError(`Cannot run '${program}': ${error.message}.`));
      });
      child.once('exit', (code, exitSignal) => {
        settle();
        // Anything left in its process group (a backgrounded helper) must not outlive a cancelled run.
        if (signal?.aborted && GROUP && child.pid !== undefined) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // the group is gone already
          }
        }
        resolve(code ?? signalExitCode(exitSignal));
      });
    });

/** Where the configured commands run: on the runner, or with `remote-commands` on the `ssh:` target's server. */
export function deliveryExec(inputs: {
  passEnv: readonly string[];
  remoteCommands: boolean;
  target?: ReleaseTarget;
}): Exec {
  if (inputs.remoteCommands && inputs.target instanceof SshTarget)
    return sshExec(inputs.target, { stdout: process.stdout, stderr: process.stderr, log: (line) => core.info(line) });
  return actionExec(inputs.passEnv);
}

/** Poll intervals; the SLIPWAY_POLL_MS tuning shortens them (the test bed uses it). */
export function pollIntervals(tuning: Tuning): { lockPollMs: number; pollMs: number } {
  const override = tuning.pollMs;
  return override ? { lockPollMs: override, pollMs: override } : { lockPollMs: 5000, pollMs: 2000 };
}

/** Aborts on SIGINT/SIGTERM (a cancelled run) instead of exiting, so the record and traffic are put right first. */
export function cancellation(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (name: string) => () => {
    core.warning(
      `Received ${name}: cancelling; the deployment will be marked cancelled and traffic left on the verified release.`,
    );
    controller.abort();
  };
  process.once('SIGINT', onSignal('SIGINT'));
  process.once('SIGTERM', onSignal('SIGTERM'));
  return controller.signal;
}
