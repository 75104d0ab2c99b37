import semver from 'semver';
import type { TagRecord } from '../git/tags.js';
import { globMatcher } from '../runtime/glob.js';

const VERSION_AT_END = /v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Prefixes of the tags a ref with no version of its own is released after. */
const MAIN_FAMILY = ['v', ''];

/** What precedes the version in a tag: `v` in `v1.2.0`, `web/v` in `web/v1.2.0`, `api@` in `api@2.0.0`. */
export function tagPrefixOf(tag: string): string {
  const match = VERSION_AT_END.exec(tag);
  if (!match) return tag;
  const prefix = tag.slice(0, match.index);
  return match[0].startsWith('v') ? `${prefix}v` : prefix;
}

/** The semantic version a tag carries after `prefix`, or undefined when it is not one. */
export function tagVersion(tag: string, prefix: string): string | undefined {
  if (!tag.startsWith(prefix)) return undefined;
  return semver.valid(tag.slice(prefix.length)) ?? undefined;
}

export interface TagSelection {
  /** The tag being released. */
  tag: string;
  /** Tags that are ancestors of the tag being released (e.g. `git for-each-ref --merged`). */
  ancestors: TagRecord[];
  /** Commit the released tag points at (tags on the same commit are not "previous"). */
  tagCommit: string;
  prefix?: string;
  /** A glob tags must match too, e.g. `web/v*`. */
  pattern?: string;
  includePrereleases?: boolean;
  /** `previous-tag` input: used as given. */
  override?: string;
}

export interface PreviousTag {
  tag?: string;
  version?: string;
  /** One sentence for the log: why this tag (or why none). */
  reason: string;
}

/**
 * The previous release: the highest-versioned ancestor tag below the released version that has
 * the same prefix (and pattern) and is valid semver. A stable release skips prerelease tags
 * unless `includePrereleases`; a prerelease compares against prereleases too.
 */
export function choosePreviousTag(selection: TagSelection): PreviousTag {
  // A ref that is not a version tag (HEAD, a branch) follows the repository's main family, `v1.2.3` or
  // `1.2.3`: in a monorepo, another package's `create-vite@9.1.2` is not this release's predecessor.
  const ownPrefix = VERSION_AT_END.test(selection.tag) ? tagPrefixOf(selection.tag) : undefined;
  const prefix = selection.prefix ?? ownPrefix;
  const prefixOf = (tag: string) => prefix ?? tagPrefixOf(tag);
  const inFamily = (tag: string) => prefix !== undefined || MAIN_FAMILY.includes(tagPrefixOf(tag));
  if (selection.override) {
    return {
      tag: selection.override,
      version: tagVersion(selection.override, prefixOf(selection.override)),
      reason: `${selection.override}: given as 'previous-tag'.`,
    };
  }
  const version = tagVersion(selection.tag, prefixOf(selection.tag));
  const matches = selection.pattern ? globMatcher(selection.pattern) : () => true;
  // A ref with no version (HEAD) previews the next stable release.
  const stable = version === undefined || semver.prerelease(version) === null;
  const allowPrereleases = selection.includePrereleases ?? !stable;
  const skipped: string[] = [];
  let best: { tag: string; version: string } | undefined;
  for (const candidate of selection.ancestors) {
    if (candidate.name === selection.tag || candidate.commit === selection.tagCommit) continue;
    const candidateVersion = tagVersion(candidate.name, prefixOf(candidate.name));
    if (!candidateVersion || !matches(candidate.name) || !inFamily(candidate.name)) continue;
    if (version && !semver.lt(candidateVersion, version)) continue;
    if (!allowPrereleases && semver.prerelease(candidateVersion)) {
      skipped.push(candidate.name);
      continue;
    }
    if (!best || semver.gt(candidateVersion, best.version)) best = { tag: candidate.name, version: candidateVersion };
  }
  const rules = [
    prefix !== undefined ? `prefix '${prefix}'` : "prefix 'v' or none",
    selection.pattern ? `pattern '${selection.pattern}'` : '',
    'valid semver',
    version ? `below ${version}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const skippedNote =
    skipped.length > 0
      ? `; skipped prerelease ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', ...' : ''} because ${selection.tag} is stable`
      : '';
  if (!best)
    return {
      reason: `no ancestor tag of ${selection.tag} matches (${rules})${skippedNote}: first release, covering the whole history.`,
    };
  return { ...best, reason: `${best.tag}: the highest ancestor of ${selection.tag} matching ${rules}${skippedNote}.` };
}
