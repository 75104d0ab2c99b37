import path from 'node:path';
import { type Command, Option } from 'commander';
import { commitTime, gitIdentity, headCommit } from '../../packaging/checkout.js';
import { debControlFor } from '../../packaging/deb.js';
import { type ArtefactFormat, FORMATS, packageArtefact } from '../../packaging/package-artefact.js';
import { resolveSourceDate } from '../../packaging/reproducible.js';
import { resolveVersion } from '../../packaging/version.js';

export function registerPackage(program: Command): void {
  // `--version V` belongs to this command; without positional options the program's own
  // `--version` would answer it wherever it appears.
  program
    .command('package')
    .description('Package a build output into one reproducible artefact (tar.gz, zip or deb) and print {file, digest, size, version, manifest} as JSON.')
    .argument('<path>', 'a directory, or newline-separated globs relative to the current directory')
    .addOption(new Option('--format <format>', 'artefact format').choices([...FORMATS]).default('tar.gz'))
    .option('--version <version>', 'semantic version; default 0.0.0-<short sha> of the checked-out commit')
    .option('--name <name>', "artefact name; default the packaged directory's name")
    .option('--out <dir>', 'directory to write the artefact, its manifest and SHA256SUMS to', '.')
    .option('--maintainer <who>', "for deb: the Maintainer field; default git's user.name <user.email>")
    .action(async (input: string, options: { format: ArtefactFormat; version?: string; name?: string; out: string; maintainer?: string }) => {
      const cwd = process.cwd();
      const sha = await headCommit(cwd);
      const name = options.name ?? path.basename(path.resolve(cwd, input.split('\n')[0]?.trim().replace(/[*?[{].*$/, '') || '.'));
      const version = resolveVersion({ given: options.version, sha });
      const result = await packageArtefact({
        path: input,
        cwd,
        name,
        version,
        format: options.format,
        outputDir: path.resolve(cwd, options.out),
        sourceDate: resolveSourceDate({ sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, commitTime: sha ? await commitTime(cwd, sha) : undefined }),
        buildInfo: { commit: sha },
        deb: options.format === 'deb' ? debControlFor(name, { maintainer: options.maintainer ?? (await gitIdentity(cwd)) }) : undefined,
      });
      const { file, digest, size, manifest } = result;
      process.stdout.write(`${JSON.stringify({ file, digest, size, version: result.version, manifest })}\n`);
    });
}
