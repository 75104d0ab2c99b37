import { hasBreakingLabel } from './classify.js';
import type { RangeCommit } from './commit-range.js';
import { commitAuthor } from './commit-author.js';
import { parseConventional } from './conventional-title.js';
import type { Author, Change, PullRequest } from './notes-model.js';
import type { PullRequestLookup } from './pull-request-details.js';
import { pullRequestNumber, titleFromCommit } from './pull-request-numbers.js';

function describe(title: string, body: string): Pick<Change, 'type' | 'scope' | 'subject' | 'breaking'> {
  const parts = parseConventional(title, body);
  return { type: parts.type, scope: parts.scope, subject: parts.subject, breaking: parts.breaking };
}

const isFeatureType = (type: string | undefined) => type === 'feat' || type === 'feature';

/**
 * A merge stands for its pull request, which is breaking (or a feature) when any commit of its
 * branch is: a `BREAKING CHANGE:` footer in a branch commit must not vanish behind the merge.
 */
function withBranch(change: Change, commit: RangeCommit): Change {
  for (const merged of commit.branch ?? []) {
    const parts = describe(merged.subject, merged.body);
    change.breaking ||= parts.breaking;
    if (isFeatureType(parts.type)) change.feature = true;
  }
  return change;
}

function fromPullRequest(pr: PullRequest, commit: RangeCommit): Change {
  const parts = describe(pr.title, pr.body);
  const change: Change = {
    kind: 'pull-request',
    number: pr.number,
    sha: commit.sha,
    title: pr.title,
    body: pr.body,
    labels: pr.labels,
    author: pr.author,
    url: pr.url,
    emails: [...commit.emails],
    ...parts,
  };
  change.breaking ||= hasBreakingLabel(pr.labels);
  return change;
}

function authorOf(commit: RangeCommit): Author {
  const person = commit.branchAuthor ?? { name: commit.authorName, email: commit.authorEmail };
  return commitAuthor(person.name, person.email);
}

function commitChange(commit: RangeCommit): Change {
  return {
    kind: 'commit',
    sha: commit.sha,
    title: commit.subject,
    body: commit.body,
    labels: [],
    author: authorOf(commit),
    emails: [...commit.emails],
    ...describe(commit.subject, commit.body),
  };
}

/**
 * One change per pull request (its commits merged into one entry, e.g. a rebase merge) and one per
 * commit with none; a merge that no pull request made is replaced by the commits of its branch,
 * each under its own subject. `lookup` comes from the API; without it (offline), numbers in commit
 * messages still make pull-request entries, titled from the commit.
 */
export function buildChanges(commits: readonly RangeCommit[], lookup?: PullRequestLookup): Change[] {
  const changes: Change[] = [];
  const byNumber = new Map<number, Change>();
  const add = (commit: RangeCommit): void => {
    const number = pullRequestNumber(commit.subject);
    const pr = number !== undefined ? lookup?.byNumber.get(number) : lookup?.byCommit.get(commit.sha);
    if (pr || (number !== undefined && !lookup)) {
      const key = pr?.number ?? number!;
      const existing = byNumber.get(key);
      if (existing) {
        existing.emails.push(...commit.emails);
        withBranch(existing, commit);
        return;
      }
      const change = withBranch(pr ? fromPullRequest(pr, commit) : offlinePullRequest(commit, number!), commit);
      byNumber.set(key, change);
      changes.push(change);
      return;
    }
    if (commit.branch && commit.branch.length > 0) {
      // Merges inside the branch are left out: the commits they merged are in the branch too.
      for (const merged of commit.branch)
        if (merged.parents.length < 2) add({ ...merged, emails: [merged.authorEmail] });
      return;
    }
    changes.push(commitChange(commit));
  };
  for (const commit of commits) add(commit);
  return changes;
}

function offlinePullRequest(commit: RangeCommit, number: number): Change {
  const merge = commit.parents.length > 1;
  // A merge commit with no body: a branch of one commit says what it did.
  const only = merge && !commit.body.trim() && commit.branch?.length === 1 ? commit.branch[0]!.subject : undefined;
  const title = only ?? titleFromCommit(commit.subject, commit.body);
  const body = merge ? '' : commit.body;
  return {
    kind: 'pull-request',
    number,
    sha: commit.sha,
    title,
    body,
    labels: [],
    author: authorOf(commit),
    emails: [...commit.emails],
    ...describe(title, body),
  };
}

/**
 * Pull-request numbers to fetch, and commits with none whose pull request must be looked up. Each
 * look-up takes one of a GraphQL batch's 50 places, so none is spent on the root commit of a first
 * release (the whole history, fully fetched): a pull request needs a base branch with history in
 * common, so the commit that starts the branch's history was there before any could merge into it.
 * Only then is a commit with no parents a real root rather than the edge of a shallow history.
 */
export function lookupsFor(
  commits: readonly RangeCommit[],
  options: { wholeHistory: boolean },
): { numbers: number[]; commits: string[] } {
  const numbers: number[] = [];
  const unnumbered: string[] = [];
  for (const commit of commits) {
    const number = pullRequestNumber(commit.subject);
    if (number !== undefined) numbers.push(number);
    else if (!(options.wholeHistory && commit.parents.length === 0)) unnumbered.push(commit.sha);
    // Should no pull request have made this merge, its branch's squash-merged pull requests are listed.
    if (number === undefined)
      for (const merged of commit.branch ?? [])
        numbers.push(...[pullRequestNumber(merged.subject)].filter((n) => n !== undefined));
  }
  return { numbers, commits: unnumbered };
}
