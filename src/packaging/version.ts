import semver from 'semver';
import { UserError } from '../runtime/errors.js';

/** A semantic version with an optional leading `v` dropped, or undefined when it is not one. */
export function parseVersion(value: string): string | undefined {
  const version = value.trim().replace(/^v(?=\d)/, '');
  return /^\d/.test(version) && semver.parse(version) !== null ? version : undefined;
}

/**
 * The artefact's version: the one given, else the version of a `v1.2.3` tag ref, else
 * `0.0.0-<short sha>` so that every untagged build still sorts below any release.
 */
export function resolveVersion(options: { given?: string; ref?: string; sha?: string }): string {
  if (options.given) {
    const version = parseVersion(options.given);
    if (!version) {
      throw new UserError(
        `Version ${JSON.stringify(options.given)} is not a semantic version; use MAJOR.MINOR.PATCH with an optional -pre-release and +build, e.g. 1.2.3 or 1.2.3-rc.1 (set 'version').`,
      );
    }
    return version;
  }
  const tag = /^refs\/tags\/(.+)$/.exec(options.ref ?? '')?.[1];
  const tagged = tag ? parseVersion(tag) : undefined;
  if (tagged) return tagged;
  const short = /^[0-9a-f]{7,40}$/i.test(options.sha ?? '') ? options.sha?.slice(0, 7).toLowerCase() : undefined;
  if (!short)
    throw new UserError(
      `Cannot derive a version: the ref is not a v1.2.3 tag and no commit SHA is known; set 'version'.`,
    );
  // A pre-release identifier of digits only may not start with 0 (semver rule 9).
  return /^0\d*$/.test(short) ? `0.0.0-g${short}` : `0.0.0-${short}`;
}
