import * as core from '@actions/core';
import { oneLine, UserError } from './errors.js';
import { explainGitHubError } from './github-errors.js';

export type FailureReporter = Pick<typeof core, 'setFailed' | 'info' | 'isDebug'>;

/**
 * Ends the step for any thrown value: one `::error::` line; a stack trace only for bugs, and only
 * when the run has debug logging on (RUNNER_DEBUG=1).
 */
export function reportFailure(thrown: unknown, toolkit: FailureReporter = core): void {
  const error = explainGitHubError(thrown);
  toolkit.setFailed(oneLine(error));
  if (!(error instanceof UserError) && error instanceof Error && error.stack && toolkit.isDebug()) {
    toolkit.info(error.stack);
  }
}

/** The entry point of every action: runs `main` and reports whatever it throws. */
export async function runAction(main: () => Promise<void>, toolkit: FailureReporter = core): Promise<void> {
  try {
    await main();
  } catch (error) {
    reportFailure(error, toolkit);
  }
}
