/** A version, as release tools write it into a commit subject: `1.2.3`, `v1.2.3-rc.1`. */
const VERSION = String.raw`v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;

/**
 * Subjects of the commits that make a release rather than change anything: semantic-release's
 * `chore(release): 1.2.3 [skip ci]`, release-please's `chore(main): release 1.2.3`, npm version's
 * `v1.2.3` or `1.2.3`, and `Release 1.2.3`, `Bump version to 1.2.3`, `Prepare release v1.2.3`.
 */
const RELEASE_SUBJECT = new RegExp(
  [
    String.raw`^chore\(release\)!?:`,
    String.raw`^(?:chore|build|release)(?:\([^)]*\))?!?:\s*(?:release\s+|bump\s+(?:version\s+)?(?:to\s+)?)?${VERSION}\s*(?:\[skip ci\])?$`,
    String.raw`^(?:(?:prepare\s+)?release|version|bump\s+version\s+to)?\s*${VERSION}\s*(?:\[skip ci\])?$`,
  ].join('|'),
  'i',
);

/** Whether a commit or pull-request title only records a release (left out of the notes by default). */
export function isReleaseCommit(title: string): boolean {
  return RELEASE_SUBJECT.test(title.trim());
}
