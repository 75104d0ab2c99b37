import type { GitHubClient } from '../runtime/github-client.js';
import type { CommitRecord } from '../git/log.js';
import type { RangeCommit } from './commit-range.js';

export interface RemoteHistory {
  /** Tag names (the repository's latest 100). */
  tags(): Promise<string[]>;
  /** First-parent commits of `base...head`, newest first; undefined when `base` is not an ancestor of `head` and that is required. */
  commits(base: string, head: string, requireAncestor?: boolean): Promise<RangeCommit[] | undefined>;
}

interface CompareCommit {
  sha: string;
  parents: Array<{ sha: string }>;
  commit: { message: string; author: { name?: string; email?: string; date?: string } | null };
}

/** Keeps the first-parent chain from `head` among the compare API's commits (it lists merged branches too). */
export function firstParentChain(commits: readonly CompareCommit[], head: string): CompareCommit[] {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const headCommit = bySha.get(head) ?? commits[commits.length - 1];
  const chain: CompareCommit[] = [];
  for (let current = headCommit; current; current = bySha.get(current.parents[0]?.sha ?? '')) chain.push(current);
  return chain;
}

function toRecord(commit: CompareCommit): CommitRecord {
  const [subject = '', ...rest] = commit.commit.message.split('\n');
  const author = commit.commit.author ?? {};
  return {
    sha: commit.sha,
    parents: commit.parents.map((parent) => parent.sha),
    authorName: author.name ?? '',
    authorEmail: author.email ?? '',
    date: author.date ?? '',
    subject,
    body: rest.join('\n').trim(),
  };
}

/**
 * The chain as range commits, each merge with the commits of the branch it merged (those the compare
 * API listed that its second parent reaches and no older merge brought), newest first, as local git gives them.
 */
export function withBranches(chain: readonly CompareCommit[], all: readonly CompareCommit[]): RangeCommit[] {
  const bySha = new Map(all.map((commit, index) => [commit.sha, { commit, index }]));
  const claimed = new Set(chain.map((commit) => commit.sha));
  const results: RangeCommit[] = [];
  for (const commit of [...chain].reverse()) {
    const record = toRecord(commit);
    if (commit.parents.length < 2) {
      results.unshift({ ...record, emails: record.authorEmail ? [record.authorEmail] : [] });
      continue;
    }
    const found: Array<{ commit: CompareCommit; index: number }> = [];
    const stack = commit.parents.slice(1).map((parent) => parent.sha);
    while (stack.length > 0) {
      const entry = bySha.get(stack.pop()!);
      if (!entry || claimed.has(entry.commit.sha)) continue;
      claimed.add(entry.commit.sha);
      found.push(entry);
      stack.push(...entry.commit.parents.map((parent) => parent.sha));
    }
    const branch = found.sort((a, b) => b.index - a.index).map((entry) => toRecord(entry.commit));
    const newest = branch[0];
    const branchAuthor = newest ? { name: newest.authorName, email: newest.authorEmail } : undefined;
    results.unshift({ ...record, emails: branch.map((merged) => merged.authorEmail), branch, branchAuthor });
  }
  return results;
}

/** History from the REST API, for when a shallow checkout cannot be deepened. */
export function compareHistory(client: GitHubClient, owner: string, repo: string): RemoteHistory {
  return {
    async tags() {
      const { data } = await client.rest.repos.listTags({ owner, repo, per_page: 100 });
      return data.map((tag) => tag.name);
    },
    async commits(base, head, requireAncestor = true) {
      const all: CompareCommit[] = [];
      let headSha: string | undefined;
      for (let page = 1; ; page += 1) {
        const { data } = await client.rest.repos.compareCommitsWithBasehead({
          owner,
          repo,
          basehead: `${base}...${head}`,
          per_page: 100,
          page,
        });
        if (requireAncestor && data.behind_by > 0) return undefined;
        all.push(...(data.commits as CompareCommit[]));
        headSha ??= data.commits[data.commits.length - 1]?.sha;
        if (data.commits.length < 100 || all.length >= data.total_commits) break;
      }
      return withBranches(firstParentChain(all, headSha ?? head), all);
    },
  };
}
