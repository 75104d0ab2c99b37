import semver from 'semver';
import { InputError } from '../../runtime/errors.js';
import type { InputReader } from '../../runtime/inputs.js';
import { globError } from '../../runtime/glob.js';

export interface Inputs {
  /** The tag being released; undefined means the pushed tag (GITHUB_REF). */
  tag?: string;
  previousTag?: string;
  tagPrefix?: string;
  tagPattern?: string;
  includePrereleases?: boolean;
  /** Path of release.yml; undefined means `.github/release.yml` when present. */
  config?: string;
  paths: string[];
  excludeAuthors: string[];
  /** A Liquid template, inline or as a file path. */
  template?: string;
  changelogFile?: string;
  draft: boolean;
  makeLatest?: 'true' | 'false' | 'legacy';
  /** `auto`: a prerelease when the version has a prerelease part. */
  prerelease: 'auto' | 'true' | 'false';
  assets: string[];
  publish: boolean;
  githubToken: string;
}

/** Every input, validated before anything is written anywhere. */
export function readInputs(reader: InputReader, token: string): Inputs {
  const inputs: Inputs = {
    tag: reader.string('tag'),
    previousTag: reader.string('previous-tag'),
    tagPrefix: reader.string('tag-prefix'),
    tagPattern: checkGlob('tag-pattern', reader.string('tag-pattern'), '`v*` or `web/v*`'),
    includePrereleases: reader.string('include-prereleases') ? reader.boolean('include-prereleases', false) : undefined,
    config: reader.string('config'),
    paths: reader.list('paths', { newlineOnly: true }).map((glob) => checkGlob('paths', glob, '`packages/web/**`')),
    excludeAuthors: reader.list('exclude-authors'),
    template: reader.string('template'),
    changelogFile: reader.string('changelog-file'),
    draft: reader.boolean('draft', false),
    makeLatest: reader.choice('make-latest', ['true', 'false', 'legacy'] as const),
    prerelease: reader.choice('prerelease', ['auto', 'true', 'false'] as const, 'auto'),
    assets: reader.list('assets', { newlineOnly: true }),
    publish: reader.boolean('publish', true),
    githubToken: token,
  };
  if (inputs.publish && !token)
    throw new InputError(
      'github-token',
      "Input 'github-token' is empty; it is needed to publish the release (the default is `${{ github.token }}` with `permissions: contents: write`), or set publish: false.",
    );
  return inputs;
}

/** The glob, when `globError` finds nothing wrong with it. */
function checkGlob<T extends string | undefined>(input: string, glob: T, example: string): T {
  if (glob === undefined) return glob;
  const problem = globError(glob);
  if (problem)
    throw new InputError(
      input,
      `Input '${input}' has an invalid glob ${JSON.stringify(glob)}: ${problem}; accepted: globs such as ${example}.`,
    );
  return glob;
}

const TRAILING_VERSION = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The tag to release: the input, or the pushed tag from GITHUB_REF. */
export function releasedTag(inputs: Inputs, ref: string | undefined): string {
  const tag = inputs.tag ?? (ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined);
  if (tag) {
    // Whatever the prefix (`v`, `web/v`, `api@`), a release tag ends in its version.
    const version = TRAILING_VERSION.exec(tag)?.[0];
    if (!version || !semver.valid(version)) {
      throw new InputError(
        'tag',
        `Input 'tag' must end with a semantic version, e.g. \`v1.4.0\` or \`web/v1.4.0\`; got ${JSON.stringify(tag)}.`,
      );
    }
    return tag;
  }
  throw new InputError(
    'tag',
    `Input 'tag' is needed when the workflow did not run on a tag push (GITHUB_REF is ${JSON.stringify(ref ?? '')}); set 'tag:' or run on 'push: tags'.`,
  );
}
