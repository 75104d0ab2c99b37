import * as actionsExec from '@actions/exec';
import { UserError } from '../../runtime/errors.js';
import { core, millisecondsFromEnv } from '../../runtime/toolkit.js';
import type { Exec } from '../../promotion/deploy-command.js';
import { parseRepo, type Repo } from '../../promotion/github-api.js';

/** Runs a configured command without a shell, adding the SLIPWAY_* variables to the step's environment. */
export const actionExec: Exec = (program, args, { env }) => actionsExec.exec(program, args, { env: { ...(process.env as Record<string, string>), ...env }, ignoreReturnCode: true });

/** The workflow run, for `log_url` and the payload's `run_url`. */
export function runUrl(repository: string): string {
  const env = process.env;
  const attempt = env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}/actions/runs/${env.GITHUB_RUN_ID ?? '0'}${attempt}`;
}

/** Poll intervals; SLIPWAY_POLL_MS shortens them (the test bed uses it). */
export function pollIntervals(): { lockPollMs: number; pollMs: number } {
  const override = millisecondsFromEnv('SLIPWAY_POLL_MS');
  return override ? { lockPollMs: override, pollMs: override } : { lockPollMs: 5000, pollMs: 2000 };
}

/** Aborts on SIGINT/SIGTERM (a cancelled run) instead of exiting, so the record and traffic are put right first. */
export function cancellation(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (name: string) => () => {
    core.warning(`Received ${name}: cancelling; the deployment will be marked cancelled and traffic left on the verified release.`);
    controller.abort();
  };
  process.once('SIGINT', onSignal('SIGINT'));
  process.once('SIGTERM', onSignal('SIGTERM'));
  return controller.signal;
}

export function repoFromEnv(): Repo {
  const repository = process.env.GITHUB_REPOSITORY;
  if (!repository) throw new UserError('GITHUB_REPOSITORY is not set; run this action in a GitHub Actions workflow.');
  return parseRepo(repository);
}
