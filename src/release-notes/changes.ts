import { hasBreakingLabel } from './classify.js';
import type { RangeCommit } from './commit-range.js';
import { parseConventional } from './conventional-title.js';
import type { Author, Change, PullRequest } from './notes-model.js';
import type { PullRequestLookup } from './pull-request-details.js';
import { pullRequestNumber, titleFromCommit } from './pull-request-numbers.js';

function describe(title: string, body: string): Pick<Change, 'type' | 'scope' | 'subject' | 'breaking'> {
  const parts = parseConventional(title, body);
  return { type: parts.type, scope: parts.scope, subject: parts.subject, breaking: parts.breaking };
}

function fromPullRequest(pr: PullRequest, commit: RangeCommit): Change {
  const parts = describe(pr.title, pr.body);
  return { kind: 'pull-request', number: pr.number, sha: commit.sha, title: pr.title, body: pr.body, labels: pr.labels, author: pr.author, url: pr.url, emails: [...commit.emails], ...parts, breaking: parts.breaking || hasBreakingLabel(pr.labels) };
}

function commitAuthor(commit: RangeCommit): Author {
  const person = commit.branchAuthor ?? { name: commit.authorName, email: commit.authorEmail };
  return { name: person.name, email: person.email, isBot: /\[bot\]$/i.test(person.name) };
}

/**
 * One change per pull request (its commits merged into one entry, e.g. a rebase merge) and one per
 * commit with none. `lookup` comes from the API; without it (offline), numbers in commit messages
 * still make pull-request entries, titled from the commit.
 */
export function buildChanges(commits: readonly RangeCommit[], lookup?: PullRequestLookup): Change[] {
  const changes: Change[] = [];
  const byNumber = new Map<number, Change>();
  for (const commit of commits) {
    const number = pullRequestNumber(commit.subject);
    const pr = number !== undefined ? lookup?.byNumber.get(number) : lookup?.byCommit.get(commit.sha);
    if (pr || (number !== undefined && !lookup)) {
      const key = pr?.number ?? number!;
      const existing = byNumber.get(key);
      if (existing) {
        existing.emails.push(...commit.emails);
        continue;
      }
      const change = pr ? fromPullRequest(pr, commit) : offlinePullRequest(commit, number!);
      byNumber.set(key, change);
      changes.push(change);
      continue;
    }
    changes.push({ kind: 'commit', sha: commit.sha, title: commit.subject, body: commit.body, labels: [], author: commitAuthor(commit), emails: [...commit.emails], ...describe(commit.subject, commit.body) });
  }
  return changes;
}

function offlinePullRequest(commit: RangeCommit, number: number): Change {
  const title = titleFromCommit(commit.subject, commit.body);
  const body = commit.parents.length > 1 ? '' : commit.body;
  return { kind: 'pull-request', number, sha: commit.sha, title, body, labels: [], author: commitAuthor(commit), emails: [...commit.emails], ...describe(title, body) };
}

/**
 * Pull-request numbers to fetch, and commits with none whose pull request must be looked up. Each
 * look-up takes one of a GraphQL batch's 50 places, so none is spent on the root commit of a first
 * release (the whole history, fully fetched): a pull request needs a base branch with history in
 * common, so the commit that starts the branch's history was there before any could merge into it.
 * Only then is a commit with no parents a real root rather than the edge of a shallow history.
 */
export function lookupsFor(commits: readonly RangeCommit[], options: { wholeHistory: boolean }): { numbers: number[]; commits: string[] } {
  const numbers: number[] = [];
  const unnumbered: string[] = [];
  for (const commit of commits) {
    const number = pullRequestNumber(commit.subject);
    if (number !== undefined) numbers.push(number);
    else if (!(options.wholeHistory && commit.parents.length === 0)) unnumbered.push(commit.sha);
  }
  return { numbers, commits: unnumbered };
}
