import type { GitHubClient } from '../runtime/github-client.js';
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

function toRangeCommit(commit: CompareCommit): RangeCommit {
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
    emails: author.email ? [author.email] : [],
  };
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
        const { data } = await client.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 100, page });
        if (requireAncestor && data.behind_by > 0) return undefined;
        all.push(...(data.commits as CompareCommit[]));
        headSha ??= data.commits[data.commits.length - 1]?.sha;
        if (data.commits.length < 100 || all.length >= data.total_commits) break;
      }
      return firstParentChain(all, headSha ?? head).map(toRangeCommit);
    },
  };
}
