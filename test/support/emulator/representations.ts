// The JSON GitHub returns for each object, built from the emulator's records. Every response is
// checked against GitHub's schemas, so these carry all the fields GitHub marks as required.
import { createHash } from 'node:crypto';
import type { EmulatorCore } from './context.js';
import type { GitCommit } from './git-source.js';
import type {
  Actor,
  CheckRun,
  CommitStatus,
  Deployment,
  DeploymentStatus,
  Environment,
  IssueComment,
  PullRequest,
  Release,
  ReleaseAsset,
  Repository,
} from './state.js';

export function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64').replace(/=+$/, '');
}

/** A stable id per login, so the same user has the same id in every response. */
export function userId(login: string): number {
  let hash = 7;
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 100_000_000;
  return hash + 1;
}

export function userJson(core: EmulatorCore, actor: Actor): Record<string, unknown> {
  const id = userId(actor.login);
  const api = `${core.apiUrl}/users/${encodeURIComponent(actor.login)}`;
  return {
    login: actor.login,
    id,
    node_id: nodeId(actor.type === 'Bot' ? 'Bot' : 'User', id),
    avatar_url: `${core.serverUrl}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${core.serverUrl}/${actor.type === 'Bot' ? 'apps/' + actor.login.replace(/\[bot\]$/, '') : actor.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: actor.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The author of a commit as GitHub links it: a user only when the email is a GitHub noreply address. */
export function commitUser(core: EmulatorCore, email: string): Record<string, unknown> | null {
  const login = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email)?.[1];
  if (!login) return null;
  return userJson(core, { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' });
}

const REPO_URL_TEMPLATES: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

export function repoApiUrl(core: EmulatorCore, repo: Repository): string {
  return `${core.apiUrl}/repos/${repo.fullName}`;
}

/** `minimal-repository` (nested in statuses) or the full `repository` / `full-repository`. */
export function repositoryJson(
  core: EmulatorCore,
  repo: Repository,
  detail: 'minimal' | 'full' = 'full',
): Record<string, unknown> {
  const url = repoApiUrl(core, repo);
  const urls = Object.fromEntries(Object.entries(REPO_URL_TEMPLATES).map(([key, suffix]) => [key, `${url}${suffix}`]));
  const minimal = {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userJson(core, { login: repo.owner, type: 'Organization' }),
    html_url: `${core.serverUrl}/${repo.fullName}`,
    description: null,
    fork: false,
    url,
    ...urls,
  };
  if (detail === 'minimal') return minimal;
  const host = new URL(core.serverUrl).host;
  return {
    ...minimal,
    clone_url: `${core.serverUrl}/${repo.fullName}.git`,
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    svn_url: `${core.serverUrl}/${repo.fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    size: 0,
    default_branch: repo.defaultBranch,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: 0,
    open_issues_count: 0,
    network_count: 0,
    subscribers_count: 0,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    license: null,
    topics: [],
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  };
}

export function assetJson(
  core: EmulatorCore,
  repo: Repository,
  release: Release,
  asset: ReleaseAsset,
): Record<string, unknown> {
  return {
    url: `${repoApiUrl(core, repo)}/releases/assets/${asset.id}`,
    browser_download_url: `${core.serverUrl}/${repo.fullName}/releases/download/${encodeURIComponent(release.tag_name)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: nodeId('ReleaseAsset', asset.id),
    name: asset.name,
    label: asset.label,
    state: 'uploaded',
    content_type: asset.contentType,
    size: asset.data.length,
    digest: `sha256:${sha256(asset.data)}`,
    download_count: asset.downloadCount,
    created_at: asset.createdAt,
    updated_at: asset.updatedAt,
    uploader: userJson(core, asset.uploader),
  };
}

export function releaseJson(core: EmulatorCore, repo: Repository, release: Release): Record<string, unknown> {
  const url = `${repoApiUrl(core, repo)}/releases/${release.id}`;
  const tagPath = encodeURIComponent(release.tag_name);
  return {
    url,
    html_url: `${core.serverUrl}/${repo.fullName}/releases/${release.draft ? `tag/untagged-${release.id}` : `tag/${tagPath}`}`,
    assets_url: `${url}/assets`,
    // GitHub points uploads at uploads.github.com; here the same server takes them.
    upload_url: `${core.apiUrl}/repos/${repo.fullName}/releases/${release.id}/assets{?name,label}`,
    tarball_url: release.draft ? null : `${repoApiUrl(core, repo)}/tarball/${tagPath}`,
    zipball_url: release.draft ? null : `${repoApiUrl(core, repo)}/zipball/${tagPath}`,
    id: release.id,
    node_id: nodeId('Release', release.id),
    tag_name: release.tag_name,
    target_commitish: release.target_commitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: release.immutable ?? false,
    created_at: release.created_at,
    updated_at: release.published_at ?? release.created_at,
    published_at: release.published_at,
    author: userJson(core, release.author),
    assets: release.assets.map((asset) => assetJson(core, repo, release, asset)),
  };
}

export function deploymentJson(core: EmulatorCore, repo: Repository, deployment: Deployment): Record<string, unknown> {
  const url = `${repoApiUrl(core, repo)}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: nodeId('Deployment', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.original_environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: userJson(core, deployment.creator),
    created_at: deployment.created_at,
    updated_at: deployment.updated_at,
    statuses_url: `${url}/statuses`,
    repository_url: repoApiUrl(core, repo),
    transient_environment: deployment.transient_environment,
    production_environment: deployment.production_environment,
  };
}

export function deploymentStatusJson(
  core: EmulatorCore,
  repo: Repository,
  status: DeploymentStatus,
): Record<string, unknown> {
  const deploymentUrl = `${repoApiUrl(core, repo)}/deployments/${status.deploymentId}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DeploymentStatus', status.id),
    state: status.state,
    creator: userJson(core, status.creator),
    description: status.description,
    environment: status.environment,
    target_url: status.target_url,
    created_at: status.created_at,
    updated_at: status.updated_at,
    deployment_url: deploymentUrl,
    repository_url: repoApiUrl(core, repo),
    environment_url: status.environment_url,
    log_url: status.log_url,
  };
}

export function environmentJson(
  core: EmulatorCore,
  repo: Repository,
  environment: Environment,
): Record<string, unknown> {
  const protectionRules: unknown[] = [];
  if (environment.wait_timer > 0)
    protectionRules.push({
      id: environment.id + 1,
      node_id: nodeId('Gate', environment.id + 1),
      type: 'wait_timer',
      wait_timer: environment.wait_timer,
    });
  return {
    id: environment.id,
    node_id: nodeId('Environment', environment.id),
    name: environment.name,
    url: `${repoApiUrl(core, repo)}/environments/${encodeURIComponent(environment.name)}`,
    html_url: `${core.serverUrl}/${repo.fullName}/deployments/activity_log?environments_filter=${encodeURIComponent(environment.name)}`,
    created_at: environment.created_at,
    updated_at: environment.updated_at,
    protection_rules: protectionRules,
    deployment_branch_policy: environment.deployment_branch_policy,
  };
}

export function checkRunJson(core: EmulatorCore, repo: Repository, run: CheckRun): Record<string, unknown> {
  const url = `${repoApiUrl(core, repo)}/check-runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.head_sha,
    node_id: nodeId('CheckRun', run.id),
    external_id: run.external_id,
    url,
    html_url: `${core.serverUrl}/${repo.fullName}/runs/${run.id}`,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: null,
    pull_requests: [],
  };
}

export function annotationJson(
  core: EmulatorCore,
  repo: Repository,
  run: CheckRun,
  annotation: CheckRun['annotations'][number],
): Record<string, unknown> {
  return {
    path: annotation.path,
    blob_href: `${core.serverUrl}/${repo.fullName}/blob/${run.head_sha}/${annotation.path}`,
    start_line: annotation.start_line,
    end_line: annotation.end_line,
    start_column: annotation.start_column ?? null,
    end_column: annotation.end_column ?? null,
    annotation_level: annotation.annotation_level,
    title: annotation.title ?? null,
    message: annotation.message,
    raw_details: annotation.raw_details ?? null,
  };
}

export function commitStatusJson(
  core: EmulatorCore,
  repo: Repository,
  status: CommitStatus,
  withCreator = true,
): Record<string, unknown> {
  return {
    url: `${repoApiUrl(core, repo)}/statuses/${status.sha}`,
    avatar_url: `${core.serverUrl}/avatars/u/${userId(status.creator.login)}?v=4`,
    id: status.id,
    node_id: nodeId('StatusContext', status.id),
    state: status.state,
    description: status.description,
    target_url: status.target_url,
    context: status.context,
    created_at: status.created_at,
    updated_at: status.updated_at,
    ...(withCreator ? { creator: userJson(core, status.creator) } : {}),
  };
}

export function commitJson(core: EmulatorCore, repo: Repository, commit: GitCommit): Record<string, unknown> {
  const url = `${repoApiUrl(core, repo)}/commits/${commit.sha}`;
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', parseInt(commit.sha.slice(0, 7), 16)),
    url,
    html_url: `${core.serverUrl}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${url}/comments`,
    commit: {
      url: `${repoApiUrl(core, repo)}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      tree: { sha: commit.tree, url: `${repoApiUrl(core, repo)}/git/trees/${commit.tree}` },
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: commitUser(core, commit.author.email),
    committer: commitUser(core, commit.committer.email),
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${repoApiUrl(core, repo)}/commits/${sha}`,
      html_url: `${core.serverUrl}/${repo.fullName}/commit/${sha}`,
    })),
  };
}

export function pullRequestJson(core: EmulatorCore, repo: Repository, pull: PullRequest): Record<string, unknown> {
  const url = `${repoApiUrl(core, repo)}/pulls/${pull.number}`;
  const issueUrl = `${repoApiUrl(core, repo)}/issues/${pull.number}`;
  const html = `${core.serverUrl}/${repo.fullName}/pull/${pull.number}`;
  const branch = (side: PullRequest['head']) => ({
    label: `${repo.owner}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: userJson(core, { login: repo.owner, type: 'Organization' }),
    repo: repositoryJson(core, repo),
  });
  return {
    url,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoApiUrl(core, repo)}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${repoApiUrl(core, repo)}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(core, pull.author),
    body: pull.body,
    labels: pull.labels.map((name, index) => ({
      id: userId(`label:${name}`) + index,
      node_id: nodeId('Label', userId(`label:${name}`)),
      url: `${repoApiUrl(core, repo)}/labels/${encodeURIComponent(name)}`,
      name,
      description: '',
      color: 'ededed',
      default: false,
    })),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.state === 'closed' ? (pull.merged_at ?? pull.updated_at) : null,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branch(pull.head),
    base: branch(pull.base),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoApiUrl(core, repo)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoApiUrl(core, repo)}/statuses/${pull.head.sha}` },
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: false,
  };
}

/** The full `pull-request` object (GET /pulls/{n}) adds merge and size details to the simple one. */
export function fullPullRequestJson(core: EmulatorCore, repo: Repository, pull: PullRequest): Record<string, unknown> {
  return {
    ...pullRequestJson(core, repo, pull),
    merged: pull.merged_at !== null,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
    merged_by: pull.merged_at ? userJson(core, pull.author) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

export function issueCommentJson(core: EmulatorCore, repo: Repository, comment: IssueComment): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${repoApiUrl(core, repo)}/issues/comments/${comment.id}`,
    html_url: `${core.serverUrl}/${repo.fullName}/issues/${comment.issue_number}#issuecomment-${comment.id}`,
    issue_url: `${repoApiUrl(core, repo)}/issues/${comment.issue_number}`,
    body: comment.body,
    user: userJson(core, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
