import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../runtime/errors.js';
import { BUILD_INFO_FILE, buildInfoJson, type BuildInfo } from './build-info.js';
import { collectFiles, sortEntries, type PackageEntry } from './collect-files.js';
import { debFileName, validateDebControl, writeDeb, type DebControl } from './deb.js';
import { DigestStream } from './digest-stream.js';
import type { ArtefactFormat } from './formats.js';
import type { FileDigests } from './file-content.js';
import { manifestEntries, type Manifest } from './manifest.js';
import { recordChecksum } from './sha256sums.js';
import { writeTarGz } from './tar-gz.js';
import { writeZip } from './zip.js';

export { FORMATS, type ArtefactFormat } from './formats.js';

export interface PackageOptions {
  /** A directory, or newline-separated globs relative to `cwd`. */
  path: string;
  cwd: string;
  name: string;
  /** Already resolved and valid semver (see `resolveVersion`). */
  version: string;
  format: ArtefactFormat;
  outputDir: string;
  /** Seconds since 1970 given to every entry (see `resolveSourceDate`). */
  sourceDate: number;
  /** What BUILD-INFO.json records beyond name, version and source date; `false` leaves it out. */
  buildInfo: Omit<BuildInfo, 'name' | 'version' | 'sourceDate'> | false;
  /** Control fields for `deb`. */
  deb?: Omit<DebControl, 'version'>;
}

export interface PackageResult {
  file: string;
  digest: string;
  size: number;
  version: string;
  manifest: string;
  /** Regular files in the artefact. */
  files: number;
}

/**
 * Packages a build output into one artefact in `outputDir`, with `<file>.manifest.json` and a
 * SHA256SUMS line beside it. The digest is taken while the artefact is written; nothing is left
 * in `outputDir` when packaging fails.
 */
export async function packageArtefact(options: PackageOptions): Promise<PackageResult> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(options.name)) {
    throw new UserError(
      `Artefact name ${JSON.stringify(options.name)} is not valid: use letters, digits, '.', '_', '+' and '-', starting with a letter or digit (set 'name').`,
    );
  }
  const deb = options.format === 'deb' ? { ...requireDeb(options), version: options.version } : undefined;
  if (deb) validateDebControl(deb);
  const entries = withBuildInfo(await collectFiles(options.path, options.cwd, [options.outputDir]), options);

  await mkdir(options.outputDir, { recursive: true });
  const fileName = deb ? debFileName(deb) : `${options.name}-${options.version}.${options.format}`;
  const file = path.resolve(options.outputDir, fileName);
  const partial = path.join(options.outputDir, `.${fileName}.${randomBytes(6).toString('hex')}.partial`);
  const digests = new Map<string, FileDigests>();
  const archive = {
    mtime: options.sourceDate,
    record: (entry: PackageEntry, fileDigests: FileDigests) => digests.set(entry.path, fileDigests),
  };
  const digest = new DigestStream();
  const written = pipeline(digest, createWriteStream(partial));
  try {
    if (deb) await writeDeb(entries, digest, deb, { ...archive, tempDir: options.outputDir });
    else if (options.format === 'zip') await writeZip(entries, digest, archive);
    else await writeTarGz(entries, digest, archive);
    await written;
    await rename(partial, file);
  } catch (error) {
    digest.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }

  const result = { file, digest: digest.digest(), size: digest.bytes, version: options.version };
  const manifest = `${file}.manifest.json`;
  const content: Manifest = {
    name: options.name,
    format: options.format,
    ...result,
    file: fileName,
    files: manifestEntries(entries, digests),
  };
  await writeFile(manifest, `${JSON.stringify(content, null, 2)}\n`);
  await recordChecksum(path.join(options.outputDir, 'SHA256SUMS'), fileName, result.digest);
  return { ...result, manifest, files: entries.filter((entry) => entry.type === 'file').length };
}

function requireDeb(options: PackageOptions): Omit<DebControl, 'version'> {
  if (!options.deb) throw new UserError(`Format 'deb' needs the Debian control fields.`);
  return options.deb;
}

function withBuildInfo(entries: PackageEntry[], options: PackageOptions): PackageEntry[] {
  if (options.buildInfo === false) return entries;
  if (entries.some((entry) => entry.path === BUILD_INFO_FILE)) {
    throw new UserError(
      `The packaged tree already holds ${BUILD_INFO_FILE}; remove it, or set 'build-info: false' to package the tree as it is.`,
    );
  }
  const content = buildInfoJson({
    ...options.buildInfo,
    name: options.name,
    version: options.version,
    sourceDate: new Date(options.sourceDate * 1000).toISOString(),
  });
  return sortEntries([...entries, { path: BUILD_INFO_FILE, type: 'file', mode: 0o644, size: content.length, content }]);
}
