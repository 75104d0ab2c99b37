import { isAncestor } from '../git/ancestry.js';
import { listTagNames, resolveCommit, tagsMergedInto } from '../git/tags.js';
import type { Git } from '../git/runner.js';
import { UserError } from '../runtime/errors.js';
import { buildChanges, lookupsFor } from './changes.js';
import { classify } from './classify.js';
import { rangeOf, readCommitRange, startEmailsSeenBefore, type RangeCommit } from './commit-range.js';
import type { RemoteHistory } from './compare-history.js';
import { collectContributors, isExcludedAuthor } from './contributors.js';
import { prepareHistory, type HistoryState } from './commit-history.js';
import type { ReleaseNotes } from './notes-model.js';
import { nextVersion } from './next-version.js';
import { commitsTouching } from './paths.js';
import {
  choosePreviousTag,
  findPreviousTag,
  type PreviousTag,
  tagPrefixOf,
  type TagSelection,
  tagVersion,
} from './previous-tag.js';
import { fetchPullRequests, type GraphQL } from './pull-request-details.js';
import type { ReleaseConfig } from './release-config.js';
import { isReleaseCommit } from './release-commit.js';

export interface GenerateOptions {
  /** The tag (or, in the CLI, any ref) being released. */
  tag: string;
  previousTag?: string;
  tagPrefix?: string;
  tagPattern?: string;
  includePrereleases?: boolean;
  config?: ReleaseConfig;
  paths: string[];
  excludeAuthors: string[];
  /** `owner/name`, for pull-request look-ups and links. */
  repository?: string;
  serverUrl?: string;
  /** List release commits (`chore(release): 1.2.3`, `v1.2.3`…), left out by default. */
  includeReleaseCommits?: boolean;
  /** How errors name the settings: action inputs by default, or the CLI's flags. */
  names?: SettingNames;
}

export interface SettingNames {
  tag: string;
  previousTag: string;
  tagPrefix: string;
}

const INPUT_NAMES: SettingNames = {
  tag: "input 'tag'",
  previousTag: "input 'previous-tag'",
  tagPrefix: "input 'tag-prefix'",
};

export interface GenerateDependencies {
  git: Git;
  /** Pull-request details; without it (the CLI), titles come from commit messages. */
  graphql?: GraphQL;
  /** The compare API, for a shallow checkout that cannot be deepened. */
  remote?: RemoteHistory;
  log: (message: string) => void;
  /** Deepen a shallow checkout with `git fetch` (the CLI stays offline). Default true. */
  allowFetch?: boolean;
  /** Whether the checkout is shallow, when the caller already asked git. */
  shallow?: boolean;
  /** The commit `tag` names, when the caller already asked git. */
  tagCommit?: string;
  /** The repository's tag names (listTagNames), when the caller started listing them; unused if history is fetched. */
  tagNames?: Promise<string[]>;
}

export interface GenerateResult {
  notes: ReleaseNotes;
  /** GraphQL requests made for pull-request details. */
  requests: number;
}

function compareUrl(options: GenerateOptions, previous: string | undefined): string | undefined {
  if (!options.repository) return undefined;
  const base = `${(options.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${options.repository}`;
  return previous ? `${base}/compare/${previous}...${options.tag}` : `${base}/commits/${options.tag}`;
}

interface RangeHistory {
  previous: PreviousTag;
  commits: RangeCommit[];
  /** Which of these (lower-cased) author e-mails appear before the range; absent when unknown (first release, or API history). */
  seenBefore?: (emails: Set<string>) => Promise<Set<string>>;
}

type Selection = Omit<TagSelection, 'ancestors' | 'tagCommit'>;

/** Tags tried, highest version first, before giving up on the compare API. */
const MAX_COMPARE_CANDIDATES = 5;

/** Previous tag by ancestry, and `git log previous..tag --first-parent` (kept to `paths`). */
async function fromLocalGit(
  git: Git,
  selection: Selection,
  paths: string[],
  names: SettingNames,
  knownTagCommit: string | undefined,
  /** The tag names, when the caller has already listed them. */
  knownTags: Promise<string[]> | undefined,
): Promise<RangeHistory> {
  const tagCommit = knownTagCommit ?? (await resolveCommit(git, selection.tag));
  if (!tagCommit)
    throw new UserError(
      `${names.tag} '${selection.tag}' names no commit in the checkout; check it, or check out with fetch-depth: 0.`,
    );
  // A previous tag given needs no tag list, unless a prefix is to be checked.
  const tags = selection.prefix === undefined && selection.override ? [] : await (knownTags ?? listTagNames(git));
  if (selection.prefix !== undefined && !tags.some((tag) => tagVersion(tag, selection.prefix!))) {
    const examples = tags.slice(-3);
    throw new UserError(
      `${names.tagPrefix} '${selection.prefix}' matches no tag in the repository${examples.length > 0 ? ` (tags look like ${examples.join(', ')})` : ''}; give the text before the version.`,
    );
  }
  const previous = await findPreviousTag({ ...selection, tagCommit }, tags, (names) =>
    tagsMergedInto(git, tagCommit, names),
  );
  // A tag found here is an ancestor and its commit is known; one given is resolved and checked.
  const previousCommit = previous.tag && (previous.commit ?? (await resolveCommit(git, previous.tag)));
  if (previous.tag && !previousCommit)
    throw new UserError(
      `${names.previousTag} '${previous.tag}' names no commit in the checkout; check it, or check out with fetch-depth: 0.`,
    );
  // A reversed range would silently list nothing; a diverged one (a backport branch's tag) is allowed.
  if (
    !previous.commit &&
    previousCommit &&
    previousCommit !== tagCommit &&
    !(await isAncestor(git, previousCommit, tagCommit)) &&
    (await isAncestor(git, tagCommit, previousCommit))
  ) {
    throw new UserError(
      `${names.previousTag} '${previous.tag}' is newer than ${names.tag} '${selection.tag}' (the range is reversed); swap them.`,
    );
  }
  const range = readCommitRange(git, previous.tag, selection.tag, previousCommit || undefined);
  // Started beside the range, to be asked once the credited authors are known.
  const seenBefore = previous.tag ? startEmailsSeenBefore(git, previous.tag) : undefined;
  try {
    let commits = await range;
    if (paths.length > 0) {
      const touched = await commitsTouching(git, rangeOf(previous.tag, selection.tag), paths);
      commits = commits.filter((commit) => touched.has(commit.sha));
    }
    return { previous, commits, seenBefore };
  } catch (error) {
    void seenBefore?.(new Set());
    throw error;
  }
}

/** Previous tag by version among the repository's tags, and the compare API's first-parent commits. */
async function fromCompareApi(
  remote: RemoteHistory | undefined,
  selection: Selection,
  paths: string[],
  source: string,
): Promise<RangeHistory> {
  const fix = 'use actions/checkout with fetch-depth: 0.';
  if (!remote) throw new UserError(`The checkout is shallow and could not be deepened: ${source}. ${fix}`);
  if (paths.length > 0)
    throw new UserError(
      `Input 'paths' needs the history in local git, and the shallow checkout could not be deepened; ${fix}`,
    );
  if (selection.override) {
    return {
      previous: { tag: selection.override, reason: `${selection.override}: given as 'previous-tag'.` },
      commits: (await remote.commits(selection.override, selection.tag, false)) ?? [],
    };
  }
  let candidates = (await remote.tags()).map((name) => ({ name, commit: '', date: '' }));
  // The compare API tells whether a tag is an ancestor (`behind_by` 0) in the very request that lists the commits.
  for (let attempt = 0; attempt < MAX_COMPARE_CANDIDATES; attempt += 1) {
    const previous = choosePreviousTag({ ...selection, tagCommit: '-', ancestors: candidates });
    if (!previous.tag) break;
    const commits = await remote.commits(previous.tag, selection.tag);
    if (commits)
      return {
        previous: { ...previous, reason: `${previous.reason} (ancestry checked with the compare API)` },
        commits,
      };
    candidates = candidates.filter((candidate) => candidate.name !== previous.tag);
  }
  throw new UserError(
    `No earlier release tag is an ancestor of ${selection.tag} among the repository's tags, and the shallow checkout could not fetch the whole history (${source}); ${fix}`,
  );
}

/** From a tag to the model of its notes: range, pull requests, sections, credits and next version. */
export async function generateNotes(deps: GenerateDependencies, options: GenerateOptions): Promise<GenerateResult> {
  const { git } = deps;
  const history = await prepareHistory(git, options.tag, options.previousTag, deps.allowFetch ?? true, deps.shallow);
  const selection = {
    tag: options.tag,
    prefix: options.tagPrefix,
    pattern: options.tagPattern,
    includePrereleases: options.includePrereleases,
    override: options.previousTag,
  };
  const range = history.complete
    ? await fromLocalGit(
        git,
        selection,
        options.paths,
        options.names ?? INPUT_NAMES,
        deps.tagCommit,
        history.fetched ? undefined : deps.tagNames,
      )
    : await fromCompareApi(deps.remote, selection, options.paths, history.source);
  try {
    return await describeRange(deps, options, history, range);
  } catch (error) {
    // The earlier authors' git process, started beside the range, is stopped.
    void range.seenBefore?.(new Set());
    throw error;
  }
}

/** The notes of a range: pull requests, sections, credits and next version. */
async function describeRange(
  deps: GenerateDependencies,
  options: GenerateOptions,
  history: HistoryState,
  { previous, commits, seenBefore }: RangeHistory,
): Promise<GenerateResult> {
  const { log } = deps;
  log(`Previous tag: ${previous.reason}`);
  log(
    `History from ${history.source}: ${commits.length} first-parent commit(s) in ${rangeOf(previous.tag, options.tag)}.`,
  );

  let lookup;
  let requests = 0;
  if (deps.graphql && options.repository) {
    const [owner = '', name = ''] = options.repository.split('/');
    const wanted = lookupsFor(commits, { wholeHistory: !previous.tag && history.complete && !history.grafted });
    lookup = await fetchPullRequests(deps.graphql, { owner, name }, wanted.numbers, wanted.commits, { log });
    requests = lookup.requests;
    log(
      `Pull requests: ${lookup.byNumber.size} by number, ${new Set([...lookup.byCommit.values()].map((pr) => pr.number)).size} through their commits, in ${requests} GraphQL request(s).`,
    );
  }
  const changes = buildChanges(commits, lookup).filter(
    (change) => options.includeReleaseCommits || !isReleaseCommit(change.title),
  );
  const sections = classify(changes, { config: options.config, excludeAuthors: options.excludeAuthors });
  // Credit exactly the people whose changes the notes list (release.yml's exclusions included), oldest first.
  const listed = new Set(sections.flatMap((section) => section.changes));
  const credited = changes.filter((change) => listed.has(change));
  // Only the credited authors' e-mails are looked for before the range, so git stops once it has seen them all.
  const emails = credited
    .filter((change) => !isExcludedAuthor(change.author, options.excludeAuthors))
    .flatMap((change) => change.emails.map((email) => email.toLowerCase()));
  const earlierEmails = seenBefore && (await seenBefore(new Set(emails)));
  const contributors = collectContributors(credited, earlierEmails, options.excludeAuthors);
  const prefix = options.tagPrefix ?? tagPrefixOf(options.tag);
  return {
    requests,
    notes: {
      tag: options.tag,
      version: tagVersion(options.tag, prefix),
      previousTag: previous.tag,
      nextVersion: nextVersion(previous.version, changes),
      compareUrl: compareUrl(options, previous.tag),
      historySource: history.source,
      sections,
      contributors,
      newContributors: contributors.filter((contributor) => contributor.firstTime),
    },
  };
}
