import { type Command, Option } from 'commander';
import { FORMATS } from '../../packaging/formats.js';
import type { PackageOptions } from '../run/package.js';

export function registerPackage(program: Command, exit: (code: number) => void): void {
  // `--version V` is the artefact's: with positional options (program.ts) the program's own
  // `--version` counts only before the subcommand.
  program
    .command('package')
    .description(
      'Package a build output into one reproducible artefact (tar.gz, zip or deb) and print {file, digest, size, version, manifest} as JSON.',
    )
    .argument('<path>', 'a directory, or newline-separated globs relative to the current directory')
    .addOption(new Option('--format <format>', 'artefact format').choices(FORMATS).default('tar.gz'))
    .option('--version <version>', 'semantic version; default 0.0.0-<short sha> of the checked-out commit')
    .option('--name <name>', "artefact name; default the packaged directory's name")
    .option('--out <dir>', 'directory to write the artefact, its manifest and SHA256SUMS to', '.')
    .option('--maintainer <who>', "for deb: the Maintainer field; default git's user.name <user.email>")
    .action(async (input: string, options: PackageOptions) =>
      exit(await (await import('../run/package.js')).runPackage(input, options)),
    );
}
