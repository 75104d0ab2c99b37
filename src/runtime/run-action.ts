import { EOL } from 'node:os';
import { type ActionContext, actionContext } from './action-context.js';
import { oneLine, UserError } from './errors.js';
import { explainGitHubError } from './github-errors.js';
import { InputReader } from './inputs.js';

// Nothing here may import @actions/core: with the undici it pulls in it takes longer to load than the
// whole start-up budget of an action that stops at a bad input. The few workflow commands needed
// before the inputs are valid are written the way @actions/core writes them.

/** A value in a workflow command, escaped as @actions/core escapes it. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function issue(command: string, value: string): void {
  process.stdout.write(`::${command}::${escapeData(value)}${EOL}`);
}

/** The runner's side of starting an action: its inputs, masking, failure and the log. */
export const runnerToolkit = {
  getInput: (name: string): string => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
  setSecret: (secret: string): void => issue('add-mask', secret),
  setFailed: (message: string): void => {
    process.exitCode = 1;
    issue('error', message);
  },
  info: (message: string): void => void process.stdout.write(`${message}${EOL}`),
  isDebug: (): boolean => process.env.RUNNER_DEBUG === '1',
};

export type FailureReporter = Pick<typeof runnerToolkit, 'setFailed' | 'info' | 'isDebug'>;

/** Inputs of the running action, read the way the runner passes them (`INPUT_<NAME>`). */
export function actionInputs(): InputReader {
  return new InputReader(runnerToolkit.getInput);
}

/** Reads a secret input and masks it at once, so it can never reach a log. */
export function maskedInput(name: string): string {
  const value = runnerToolkit.getInput(name);
  if (value) runnerToolkit.setSecret(value);
  return value;
}

/**
 * Ends the step for any thrown value: one `::error::` line; a stack trace only for bugs, and only
 * when the run has debug logging on (RUNNER_DEBUG=1).
 */
export function reportFailure(thrown: unknown, toolkit: FailureReporter = runnerToolkit): void {
  const error = explainGitHubError(thrown);
  toolkit.setFailed(oneLine(error));
  if (!(error instanceof UserError) && error instanceof Error && error.stack && toolkit.isDebug()) {
    toolkit.info(error.stack);
  }
}

/** Reads and validates every input (throwing InputError), masking each secret as it is read. */
export type ReadInputs<I> = (reader: InputReader, mask: (secret: string) => void) => I;

/** An action's main module: what it does once its inputs are valid. */
export interface ActionMain<I> {
  run: (inputs: I, context: ActionContext) => Promise<void>;
}

/**
 * The entry point of every action: validates the inputs with only this light runtime loaded, then
 * imports the action's main module (domain code, Octokit, …) and runs it, reporting whatever either
 * throws. A bad input thus fails the step without compiling the bulk of the bundle, which esbuild
 * splits into chunks for the dynamic `import()` in `load`. The run's surroundings are read once, into
 * the ActionContext `run` gets.
 */
export async function runAction<I>(
  readInputs: ReadInputs<I>,
  load: () => Promise<ActionMain<I>>,
  toolkit: FailureReporter = runnerToolkit,
): Promise<void> {
  try {
    const inputs = readInputs(actionInputs(), (secret) => runnerToolkit.setSecret(secret));
    const context = actionContext();
    const { run } = await load();
    await run(inputs, context);
  } catch (error) {
    reportFailure(error, toolkit);
  }
}
