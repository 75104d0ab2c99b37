import { json, type RouteContext, type Routes } from '../context.js';
import { HttpError, notFound } from '../errors.js';
import type { FileChange, GitSource } from '../git-source.js';
import { paginate, pagedReply, pageRequest } from '../pagination.js';
import { isAncestor, resolveCommitish } from '../refs.js';
import { commitJson, pullRequestJson, repoApiUrl } from '../representations.js';

/** Compare lists at most this many commits unless the client pages through them. */
export const COMPARE_COMMIT_LIMIT = 250;
/** Compare and get-commit show at most this many changed files. */
const FILE_LIMIT = 300;

function gitOf(context: RouteContext): GitSource {
  if (!context.repo.git) throw new HttpError(409, 'Git Repository is empty.');
  return context.repo.git;
}

/** GitHub answers an unknown ref on get-commit with 422, not 404. */
async function commitOrUnprocessable(context: RouteContext, name: string): Promise<string> {
  const sha = await resolveCommitish(context.repo, name);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${name}`);
  return sha;
}

function fileJson(context: RouteContext, sha: string, file: FileChange): Record<string, unknown> {
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  const web = `${context.core.serverUrl}/${context.repo.fullName}`;
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${web}/blob/${sha}/${path}`,
    raw_url: `${web}/raw/${sha}/${path}`,
    contents_url: `${repoApiUrl(context.core, context.repo)}/contents/${path}?ref=${sha}`,
    ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}),
  };
}

export const commitRoutes: Routes = {
  'repos/list-commits': async (context) => {
    const git = gitOf(context);
    const start = typeof context.params.sha === 'string' ? context.params.sha : context.repo.defaultBranch;
    const sha = await resolveCommitish(context.repo, start);
    if (!sha) throw notFound();
    const { path, since, until, author } = context.params as Record<string, string | undefined>;
    const commits = await git.log(sha, { path, since, until, author });
    return pagedReply(commits, context.params, context.url, (commit) => commitJson(context.core, context.repo, commit));
  },

  'repos/get-commit': async (context) => {
    const git = gitOf(context);
    const sha = await commitOrUnprocessable(context, String(context.params.ref));
    const commit = (await git.commit(sha))!;
    const files = (await git.changes(commit.parents[0], sha)).slice(0, FILE_LIMIT);
    const additions = files.reduce((sum, file) => sum + file.additions, 0);
    const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
    return json({
      ...commitJson(context.core, context.repo, commit),
      stats: { additions, deletions, total: additions + deletions },
      files: files.map((file) => fileJson(context, sha, file)),
    });
  },

  'repos/compare-commits-with-basehead': async (context) => {
    const git = gitOf(context);
    const basehead = String(context.params.basehead);
    const separator = basehead.includes('...') ? '...' : '..';
    const [baseName, headName] = basehead.split(separator);
    if (!baseName || !headName) throw notFound();
    const [base, head] = await Promise.all([
      resolveCommitish(context.repo, baseName),
      resolveCommitish(context.repo, headName),
    ]);
    if (!base || !head) throw notFound();
    const mergeBase = await git.mergeBase(base, head);
    if (!mergeBase) throw notFound();
    const [commits, behindBy, baseCommit, mergeBaseCommit] = await Promise.all([
      git.range(base, head),
      git.count(`${head}..${base}`),
      git.commit(base),
      git.commit(mergeBase),
    ]);
    const aheadBy = commits.length;
    const status =
      aheadBy === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadBy === 0 ? 'behind' : 'diverged';
    // Without page/per_page GitHub returns the first 250 commits; with them it pages and sends a Link header.
    const paging = context.url.searchParams.has('page') || context.url.searchParams.has('per_page');
    const request = pageRequest(context.params);
    const { page, headers } = paging
      ? paginate(commits, request, context.url)
      : { page: commits.slice(0, COMPARE_COMMIT_LIMIT), headers: {} };
    const showFiles = !paging || request.page === 1;
    const files = showFiles ? (await git.changes(mergeBase, head)).slice(0, FILE_LIMIT) : [];
    const web = `${context.core.serverUrl}/${context.repo.fullName}`;
    return json(
      {
        url: `${repoApiUrl(context.core, context.repo)}/compare/${basehead}`,
        html_url: `${web}/compare/${basehead}`,
        permalink_url: `${web}/compare/${context.repo.owner}:${base.slice(0, 7)}...${context.repo.owner}:${head.slice(0, 7)}`,
        diff_url: `${web}/compare/${basehead}.diff`,
        patch_url: `${web}/compare/${basehead}.patch`,
        base_commit: commitJson(context.core, context.repo, baseCommit!),
        merge_base_commit: commitJson(context.core, context.repo, mergeBaseCommit!),
        status,
        ahead_by: aheadBy,
        behind_by: behindBy,
        total_commits: aheadBy,
        commits: page.map((commit) => commitJson(context.core, context.repo, commit)),
        files: files.map((file) => fileJson(context, head, file)),
      },
      200,
      headers,
    );
  },

  'repos/list-pull-requests-associated-with-commit': async (context) => {
    const sha = await resolveCommitish(context.repo, String(context.params.commit_sha));
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${String(context.params.commit_sha)}`);
    const pulls = [];
    for (const pull of context.core.state.pullRequests) {
      if (pull.repository !== context.repo.fullName) continue;
      // A commit belongs to a pull request when it is the merge result or one of the branch's own commits.
      const onBranch =
        (await isAncestor(context.repo, sha, pull.head.sha)) && !(await isAncestor(context.repo, sha, pull.base.sha));
      if (pull.merge_commit_sha === sha || pull.head.sha === sha || onBranch) pulls.push(pull);
    }
    return pagedReply(pulls, context.params, context.url, (pull) => pullRequestJson(context.core, context.repo, pull));
  },
};
