import path from 'node:path';
import { commitTime, gitIdentity, headCommit } from '../../packaging/checkout.js';
import { debControlFor } from '../../packaging/deb.js';
import { type ArtefactFormat, packageArtefact } from '../../packaging/package-artefact.js';
import { resolveSourceDate } from '../../packaging/reproducible.js';
import { resolveVersion } from '../../packaging/version.js';
import { EXIT_OK } from '../exit-codes.js';

export interface PackageOptions {
  format: ArtefactFormat;
  version?: string;
  name?: string;
  out: string;
  maintainer?: string;
}

/** `slipway package`: one reproducible artefact; prints {file, digest, size, version, manifest} as JSON. */
export async function runPackage(input: string, options: PackageOptions): Promise<number> {
  const cwd = process.cwd();
  const sha = await headCommit(cwd);
  const name =
    options.name ??
    path.basename(
      path.resolve(
        cwd,
        input
          .split('\n')[0]
          ?.trim()
          .replace(/[*?[{].*$/, '') || '.',
      ),
    );
  const version = resolveVersion({ given: options.version, sha });
  const result = await packageArtefact({
    path: input,
    cwd,
    name,
    version,
    format: options.format,
    outputDir: path.resolve(cwd, options.out),
    sourceDate: resolveSourceDate({
      sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
      commitTime: sha ? await commitTime(cwd, sha) : undefined,
    }),
    buildInfo: { commit: sha },
    deb:
      options.format === 'deb'
        ? debControlFor(name, { maintainer: options.maintainer ?? (await gitIdentity(cwd)) })
        : undefined,
  });
  const { file, digest, size, manifest } = result;
  process.stdout.write(`${JSON.stringify({ file, digest, size, version: result.version, manifest })}\n`);
  return EXIT_OK;
}
