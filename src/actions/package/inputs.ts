import { InputError } from '../../runtime/errors.js';
import type { InputReader } from '../../runtime/inputs.js';
import { type ArtefactFormat, FORMATS } from '../../packaging/formats.js';
import { parseVersion } from '../../packaging/version.js';

export interface Inputs {
  /** A directory, or newline-separated globs. */
  path: string;
  name?: string;
  version?: string;
  format: ArtefactFormat;
  outputDir?: string;
  buildInfo: boolean;
  /** Undefined: upload when the artifact service is reachable (ACTIONS_RUNTIME_TOKEN set). */
  upload?: boolean;
  retentionDays?: number;
  /** Sign SLSA build provenance for the digest and store it with the repository's attestations. */
  attest: boolean;
  token?: string;
  deb: {
    package?: string;
    maintainer?: string;
    architecture?: string;
    depends?: string[];
    description?: string;
    prefix?: string;
  };
}

/** Reads and validates every input. */
export function readInputs(reader: InputReader, mask: (secret: string) => void): Inputs {
  const attest = reader.boolean('attest', false);
  const token = reader.string('github-token');
  if (token) mask(token);
  if (attest && !token)
    throw new InputError(
      'github-token',
      "Input 'attest' stores the attestation with the GitHub API: give 'github-token' (the default, `${{ github.token }}`, needs `attestations: write`).",
    );
  const version = reader.string('version');
  if (version !== undefined && !parseVersion(version)) {
    throw new InputError(
      'version',
      `Input 'version' must be a semantic version such as 1.2.3 or 1.2.3-rc.1; got ${JSON.stringify(version)}.`,
    );
  }
  const depends = reader.list('deb-depends');
  return {
    path: reader.required('path'),
    name: reader.string('name'),
    version: version === undefined ? undefined : parseVersion(version),
    format: reader.choice('format', FORMATS, 'tar.gz'),
    outputDir: reader.string('output-dir'),
    buildInfo: reader.boolean('build-info', true),
    upload: reader.string('upload') === undefined ? undefined : reader.boolean('upload', true),
    retentionDays: reader.integer('retention-days', { min: 1, max: 90 }),
    attest,
    token,
    deb: {
      package: reader.string('deb-package'),
      maintainer: reader.string('deb-maintainer'),
      architecture: reader.string('deb-architecture'),
      depends: depends.length > 0 ? depends : undefined,
      description: reader.string('deb-description'),
      prefix: reader.string('deb-prefix'),
    },
  };
}
