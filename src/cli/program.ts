import { Command, CommanderError } from 'commander';
import { oneLine, UserError } from '../runtime/errors.js';
import { commands } from './commands/index.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { SLIPWAY_VERSION } from './version.js';

export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE };

/** The program; `exit` receives the exit code each command returns. */
export function buildProgram(exit: (code: number) => void = () => {}): Command {
  const program = new Command('slipway')
    .description('Continuous delivery for GitHub Actions, on your machine: preview and dry-run what the actions do.')
    .version(SLIPWAY_VERSION)
    .showHelpAfterError()
    // Options after a subcommand belong to it (`slipway package --version 1.2.3` is the artefact's version).
    .enablePositionalOptions()
    .exitOverride();
  for (const register of commands) register(program, exit);
  return program;
}

/** Runs the CLI: 0 ok, 1 failure, 2 usage error. Commands signal a failed check by returning 1. */
export async function runCli(argv: string[]): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram((returned) => {
    code = returned;
  });
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    process.stderr.write(`slipway: ${oneLine(error)}\n`);
    if (!(error instanceof UserError) && error instanceof Error && process.env.SLIPWAY_DEBUG)
      process.stderr.write(`${error.stack}\n`);
    return EXIT_FAILURE;
  }
}
