import { expect, test } from 'vitest';
import { parseVersion, resolveVersion } from '../../../src/packaging/version.js';

test.each([
  ['an explicit version', { given: '2.0.0', ref: 'refs/tags/v1.0.0', sha: 'abcdef1234' }, '2.0.0'],
  ['an explicit version with a leading v', { given: 'v2.0.0-rc.1+build.7' }, '2.0.0-rc.1+build.7'],
  ['a v1.2.3 tag ref', { ref: 'refs/tags/v1.2.3', sha: 'abcdef1234' }, '1.2.3'],
  ['a pre-release tag ref', { ref: 'refs/tags/v1.2.3-beta.2', sha: 'abcdef1234' }, '1.2.3-beta.2'],
  ['a branch ref: 0.0.0-<short sha>', { ref: 'refs/heads/main', sha: 'ABCDEF1234567890' }, '0.0.0-abcdef1'],
  [
    'a tag that is not a version: 0.0.0-<short sha>',
    { ref: 'refs/tags/nightly', sha: '1234567abcdef' },
    '0.0.0-1234567',
  ],
  [
    'an all-digit short sha with a leading zero, kept valid semver',
    { ref: 'refs/heads/main', sha: '0123456789abc' },
    '0.0.0-g0123456',
  ],
])('version from %s', (_, given, expected) => {
  expect(resolveVersion(given)).toBe(expected);
  expect(parseVersion(expected)).toBe(expected);
});

test.each(['1.2', 'latest', '1.2.3.4', '01.2.3', 'v'])('%j is refused with the accepted form', (given) => {
  expect(() => resolveVersion({ given, sha: 'abcdef1234' })).toThrow(
    `Version ${JSON.stringify(given)} is not a semantic version; use MAJOR.MINOR.PATCH with an optional -pre-release and +build, e.g. 1.2.3 or 1.2.3-rc.1 (set 'version').`,
  );
});

test('without a tag or a commit there is nothing to derive a version from', () => {
  expect(() => resolveVersion({ ref: 'refs/heads/main' })).toThrow(
    "Cannot derive a version: the ref is not a v1.2.3 tag and no commit SHA is known; set 'version'.",
  );
});
