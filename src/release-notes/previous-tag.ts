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
  /** The commit the tag points at, when known from the tag list (not for a tag given as 'previous-tag'). */
  commit?: string;
  /** One sentence for the log: why this tag (or why none). */
  reason: string;
}

/** Tags that could be the previous release, best first, and how they were chosen. */
interface Ranking {
  /** Highest version first; equal versions keep the order they were listed in. */
  candidates: { tag: TagRecord; version: string; prerelease: boolean }[];
  /** Prereleases are passed over (listed as skipped) rather than chosen. */
  skipPrereleases: boolean;
  rules: string;
  order: Map<TagRecord, number>;
}

function rank(selection: Omit<TagSelection, 'ancestors'>, tags: readonly TagRecord[]): Ranking {
  // A ref that is not a version tag (HEAD, a branch) follows the repository's main family, `v1.2.3` or
  // `1.2.3`: in a monorepo, another package's `create-vite@9.1.2` is not this release's predecessor.
  const ownPrefix = VERSION_AT_END.test(selection.tag) ? tagPrefixOf(selection.tag) : undefined;
  const prefix = selection.prefix ?? ownPrefix;
  const prefixOf = (tag: string) => prefix ?? tagPrefixOf(tag);
  const inFamily = (tag: string) => prefix !== undefined || MAIN_FAMILY.includes(tagPrefixOf(tag));
  const version = tagVersion(selection.tag, prefixOf(selection.tag));
  const matches = selection.pattern ? globMatcher(selection.pattern) : () => true;
  // A ref with no version (HEAD) previews the next stable release.
  const stable = version === undefined || semver.prerelease(version) === null;
  const candidates: Ranking['candidates'] = [];
  const order = new Map<TagRecord, number>();
  for (const candidate of tags) {
    if (candidate.name === selection.tag || candidate.commit === selection.tagCommit) continue;
    const candidateVersion = tagVersion(candidate.name, prefixOf(candidate.name));
    if (!candidateVersion || !matches(candidate.name) || !inFamily(candidate.name)) continue;
    if (version && !semver.lt(candidateVersion, version)) continue;
    order.set(candidate, order.size);
    candidates.push({
      tag: candidate,
      version: candidateVersion,
      prerelease: semver.prerelease(candidateVersion) !== null,
    });
  }
  candidates.sort((a, b) => semver.rcompare(a.version, b.version) || order.get(a.tag)! - order.get(b.tag)!);
  const rules = [
    prefix !== undefined ? `prefix '${prefix}'` : "prefix 'v' or none",
    selection.pattern ? `pattern '${selection.pattern}'` : '',
    'valid semver',
    version ? `below ${version}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return { candidates, skipPrereleases: !(selection.includePrereleases ?? !stable), rules, order };
}

/** Which of `tags` are ancestors of the released commit (or that commit): their names. */
export type AncestorCheck = (tags: TagRecord[]) => Promise<Set<string>>;

/** Candidates asked about at a time: the best one is nearly always an ancestor; a few more cost the same process. */
const BATCH = 32;

/**
 * The previous release: the highest-versioned ancestor tag below the released version that has
 * the same prefix (and pattern) and is valid semver. A stable release skips prerelease tags
 * unless `includePrereleases`; a prerelease compares against prereleases too.
 *
 * Ancestry is asked of `areAncestors` for the best candidates only, a batch at a time, until one is
 * an ancestor: no walk of the whole history to test every tag. The prereleases it reports as
 * skipped are those ranked above the chosen tag.
 */
export async function findPreviousTag(
  selection: Omit<TagSelection, 'ancestors'>,
  tags: readonly TagRecord[],
  areAncestors: AncestorCheck,
): Promise<PreviousTag> {
  if (selection.override) return overridden(selection);
  const ranking = rank(selection, tags);
  const skipped: TagRecord[] = [];
  for (let start = 0; start < ranking.candidates.length; start += BATCH) {
    const batch = ranking.candidates.slice(start, start + BATCH);
    const ancestors = await areAncestors(batch.map((candidate) => candidate.tag));
    for (const candidate of batch) {
      if (!ancestors.has(candidate.tag.name)) continue;
      if (ranking.skipPrereleases && candidate.prerelease) skipped.push(candidate.tag);
      else return chosen(selection, ranking, skipped, candidate);
    }
  }
  return chosen(selection, ranking, skipped, undefined);
}

/** As findPreviousTag, when every tag given is already known to be an ancestor. */
export function choosePreviousTag(selection: TagSelection): PreviousTag {
  if (selection.override) return overridden(selection);
  const ranking = rank(selection, selection.ancestors);
  const skipped: TagRecord[] = [];
  for (const candidate of ranking.candidates) {
    if (ranking.skipPrereleases && candidate.prerelease) skipped.push(candidate.tag);
    else return chosen(selection, ranking, skipped, candidate);
  }
  return chosen(selection, ranking, skipped, undefined);
}

function overridden(selection: Omit<TagSelection, 'ancestors'>): PreviousTag {
  const tag = selection.override!;
  const ownPrefix = VERSION_AT_END.test(selection.tag) ? tagPrefixOf(selection.tag) : undefined;
  return {
    tag,
    version: tagVersion(tag, selection.prefix ?? ownPrefix ?? tagPrefixOf(tag)),
    reason: `${tag}: given as 'previous-tag'.`,
  };
}

function chosen(
  selection: Omit<TagSelection, 'ancestors'>,
  ranking: Ranking,
  skippedTags: TagRecord[],
  best: Ranking['candidates'][number] | undefined,
): PreviousTag {
  const skipped = skippedTags.sort((a, b) => ranking.order.get(a)! - ranking.order.get(b)!).map((tag) => tag.name);
  const skippedNote =
    skipped.length > 0
      ? `; skipped prerelease ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', ...' : ''} because ${selection.tag} is stable`
      : '';
  if (!best)
    return {
      reason: `no ancestor tag of ${selection.tag} matches (${ranking.rules})${skippedNote}: first release, covering the whole history.`,
    };
  return {
    tag: best.tag.name,
    version: best.version,
    commit: best.tag.peeled ? best.tag.commit : undefined,
    reason: `${best.tag.name}: the highest ancestor of ${selection.tag} matching ${ranking.rules}${skippedNote}.`,
  };
}
