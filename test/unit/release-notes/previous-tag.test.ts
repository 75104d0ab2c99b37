import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from '../../../src/git/runner.js';
import { listTags, resolveCommit } from '../../../src/git/tags.js';
import { choosePreviousTag, tagPrefixOf, tagVersion } from '../../../src/release-notes/previous-tag.js';
import { sampleHistory, type SampleHistory } from './sample-history.js';

let sample: SampleHistory;
beforeAll(() => {
  sample = sampleHistory();
});
afterAll(() => sample.repo.remove());

async function previousOf(
  tag: string,
  options: { includePrereleases?: boolean; pattern?: string; prefix?: string; override?: string } = {},
) {
  const git = createGit(sample.repo.dir);
  const tagCommit = (await resolveCommit(git, tag))!;
  return choosePreviousTag({ tag, tagCommit, ancestors: await listTags(git, { mergedInto: tagCommit }), ...options });
}

describe('previous tag on a real repository', () => {
  it.each([
    ['v1.1.0', {}, 'v1.0.0'],
    ['v1.1.0', { includePrereleases: true }, 'v1.1.0-rc.1'],
    ['v1.1.0-rc.1', {}, 'v1.0.0'],
    ['api/v2.0.0', {}, 'api/v1.0.0'],
    ['v1.0.1', {}, 'v1.0.0'],
    // Without the pattern, v1.1.0-rc.1 would be chosen: the pattern alone decides.
    ['v1.1.0', { includePrereleases: true, pattern: 'v1.0.*' }, 'v1.0.0'],
    ['v1.1.0', { override: 'v1.0.1' }, 'v1.0.1'],
  ] as const)('%s %j → %s', async (tag, options, expected) => {
    expect((await previousOf(tag, options)).tag).toBe(expected);
  });

  it('a first release covers the whole history', async () => {
    const previous = await previousOf('v1.0.0');
    expect(previous.tag).toBeUndefined();
    expect(previous.reason).toMatch(/first release/);
  });

  it('says why, including the prerelease it skipped, and never picks a non-ancestor backport', async () => {
    const previous = await previousOf('v1.1.0');
    expect(previous.reason).toBe(
      "v1.0.0: the highest ancestor of v1.1.0 matching prefix 'v', valid semver, below 1.1.0; skipped prerelease v1.1.0-rc.1 because v1.1.0 is stable.",
    );
    expect(previous.reason).not.toContain('v1.0.1');
  });

  it('with a different prefix, the other package’s tags are never candidates', async () => {
    expect((await previousOf('v1.1.0')).tag).not.toMatch(/^api\//);
    expect((await previousOf('api/v2.0.0')).reason).toContain("prefix 'api/v'");
  });

  it('from a ref that is no tag (HEAD), the unprefixed v<semver> family is the default and a prefix picks another', async () => {
    // api/v2.0.0 is the highest version among HEAD's ancestors, but another package's tag.
    expect((await previousOf('HEAD')).tag).toBe('v1.0.0');
    expect((await previousOf('HEAD')).reason).toContain("prefix 'v' or none");
    expect((await previousOf('HEAD', { prefix: 'api/v' })).tag).toBe('api/v2.0.0');
  });
});

describe('tag prefixes and versions', () => {
  it.each([
    ['v1.2.0', 'v', '1.2.0'],
    ['1.2.0', '', '1.2.0'],
    ['web/v1.2.0-rc.1', 'web/v', '1.2.0-rc.1'],
    ['api@2.0.0', 'api@', '2.0.0'],
    ['release-3.1.4+build.5', 'release-', '3.1.4'],
  ])('%s has prefix %j and version %s', (tag, prefix, version) => {
    expect(tagPrefixOf(tag)).toBe(prefix);
    expect(tagVersion(tag, prefix)).toBe(version);
  });

  it('rejects tags that are not semver after the prefix', () => {
    expect(tagVersion('v1.2', 'v')).toBeUndefined();
    expect(tagVersion('web/v1.2.0', 'api/v')).toBeUndefined();
  });
});
