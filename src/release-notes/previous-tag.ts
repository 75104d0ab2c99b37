import parseVersion from 'semver/functions/parse.js';
import type SemVer from 'semver/classes/semver.js';
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
  return parsedVersion(tag, prefix)?.version;
}

/** tagVersion, parsed: compared without being parsed again. */
function parsedVersion(tag: string, prefix: string): SemVer | undefined {
  if (!tag.startsWith(prefix)) return undefined;
  return parseVersion(tag.slice(prefix.length)) ?? undefined;
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
  candidates: Candidate[];
  /** Prereleases are passed over (listed as skipped) rather than chosen. */
  skipPrereleases: boolean;
  rules: string;
  /** Position in the list, by name. */
  order: Map<string, number>;
}

interface Candidate {
  name: string;
  version: SemVer;
  prerelease: boolean;
}

/**
 * Ranks tags by name alone (their commits are not needed: a tag on the released commit is left out
 * later, when its commit is known). The cheap tests come first: most tags of a busy repository are
 * of another family, and their versions are never parsed.
 */
function rank(selection: Omit<TagSelection, 'ancestors' | 'tagCommit'>, names: readonly string[]): Ranking {
  // A ref that is not a version tag (HEAD, a branch) follows the repository's main family, `v1.2.3` or
  // `1.2.3`: in a monorepo, another package's `create-vite@9.1.2` is not this release's predecessor.
  const ownPrefix = VERSION_AT_END.test(selection.tag) ? tagPrefixOf(selection.tag) : undefined;
  const prefix = selection.prefix ?? ownPrefix;
  const version = parsedVersion(selection.tag, prefix ?? tagPrefixOf(selection.tag));
  const matches = selection.pattern ? globMatcher(selection.pattern) : () => true;
  // A ref with no version (HEAD) previews the next stable release.
  const stable = version === undefined || version.prerelease.length === 0;
  const candidates: Candidate[] = [];
  const order = new Map<string, number>();
  for (const name of names) {
    if (name === selection.tag) continue;
    const candidatePrefix = prefix ?? tagPrefixOf(name);
    // Without a prefix, only the main family (`v` or none) is in the running.
    if (prefix === undefined && !MAIN_FAMILY.includes(candidatePrefix)) continue;
    if (!name.startsWith(candidatePrefix) || !matches(name)) continue;
    const candidateVersion = parsedVersion(name, candidatePrefix);
    if (!candidateVersion) continue;
    if (version && candidateVersion.compare(version) >= 0) continue;
    order.set(name, order.size);
    candidates.push({ name, version: candidateVersion, prerelease: candidateVersion.prerelease.length > 0 });
  }
  candidates.sort((a, b) => b.version.compare(a.version) || order.get(a.name)! - order.get(b.name)!);
  const rules = [
    prefix !== undefined ? `prefix '${prefix}'` : "prefix 'v' or none",
    selection.pattern ? `pattern '${selection.pattern}'` : '',
    'valid semver',
    version ? `below ${version.version}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return { candidates, skipPrereleases: !(selection.includePrereleases ?? !stable), rules, order };
}

/** Which of the tags named are ancestors of the released commit (or that commit): their records. */
export type AncestorCheck = (names: string[]) => Promise<TagRecord[]>;

/** Candidates asked about at a time: the best one is nearly always an ancestor; a few more cost the same process. */
const BATCH = 32;

/**
 * The previous release: the highest-versioned ancestor tag below the released version that has
 * the same prefix (and pattern) and is valid semver, and is not on the released commit. A stable
 * release skips prerelease tags unless `includePrereleases`; a prerelease compares against
 * prereleases too.
 *
 * The tags are ranked by name; ancestry (and each tag's commit) is asked of `areAncestors` for the
 * best candidates only, a batch at a time, until one is an ancestor: no walk of the whole history
 * to test every tag. The prereleases it reports as skipped are those ranked above the chosen tag.
 */
export async function findPreviousTag(
  selection: Omit<TagSelection, 'ancestors'>,
  names: readonly string[],
  areAncestors: AncestorCheck,
): Promise<PreviousTag> {
  if (selection.override) return overridden(selection);
  const ranking = rank(selection, names);
  const skipped: TagRecord[] = [];
  for (let start = 0; start < ranking.candidates.length; start += BATCH) {
    const batch = ranking.candidates.slice(start, start + BATCH);
    const ancestors = new Map(
      (await areAncestors(batch.map((candidate) => candidate.name))).map((tag) => [tag.name, tag]),
    );
    for (const candidate of batch) {
      const tag = ancestors.get(candidate.name);
      // A tag on the released commit is that release, not the previous one.
      if (!tag || tag.commit === selection.tagCommit) continue;
      if (ranking.skipPrereleases && candidate.prerelease) skipped.push(tag);
      else return chosen(selection, ranking, skipped, { tag, version: candidate.version.version });
    }
  }
  return chosen(selection, ranking, skipped, undefined);
}

/** As findPreviousTag, when every tag given is already known to be an ancestor. */
export function choosePreviousTag(selection: TagSelection): PreviousTag {
  if (selection.override) return overridden(selection);
  const byName = new Map<string, TagRecord>();
  for (const tag of selection.ancestors) if (tag.commit !== selection.tagCommit) byName.set(tag.name, tag);
  const ranking = rank(selection, [...byName.keys()]);
  const skipped: TagRecord[] = [];
  for (const candidate of ranking.candidates) {
    const tag = byName.get(candidate.name)!;
    if (ranking.skipPrereleases && candidate.prerelease) skipped.push(tag);
    else return chosen(selection, ranking, skipped, { tag, version: candidate.version.version });
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
  best: { tag: TagRecord; version: string } | undefined,
): PreviousTag {
  const skipped = skippedTags
    .sort((a, b) => ranking.order.get(a.name)! - ranking.order.get(b.name)!)
    .map((tag) => tag.name);
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
