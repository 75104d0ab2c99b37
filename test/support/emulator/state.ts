import type { GitSource } from './git-source.js';

/** Repository permissions a GitHub App installation token (such as GITHUB_TOKEN) is granted. */
export type Permission =
  | 'contents'
  | 'deployments'
  | 'checks'
  | 'statuses'
  | 'actions'
  | 'issues'
  | 'pull-requests'
  | 'metadata'
  | 'administration'
  | 'attestations';
export type UserType = 'User' | 'Bot' | 'Organization';

export interface Actor {
  login: string;
  type: UserType;
}

export interface Repository {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  createdAt: string;
  git?: GitSource;
  /** Refs created, moved or deleted through the API, over what the git repository has (null = deleted). */
  refOverlay: Map<string, string | null>;
  collaborators: Map<string, 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'>;
  /** Releases published while this is on are immutable: their assets and tag can no longer change. */
  immutableReleases: boolean;
}

export interface ReleaseAsset {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  data: Buffer;
  uploader: Actor;
  createdAt: string;
  updatedAt: string;
  downloadCount: number;
}

export interface Release {
  id: number;
  repository: string;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  make_latest?: 'true' | 'false' | 'legacy';
  author: Actor;
  created_at: string;
  published_at: string | null;
  assets: ReleaseAsset[];
  /** Published in a repository with immutable releases on: only the title and notes can change. */
  immutable?: boolean;
}

export interface Deployment {
  id: number;
  repository: string;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  original_environment: string;
  description: string | null;
  payload: Record<string, unknown> | string;
  transient_environment: boolean;
  production_environment: boolean;
  creator: Actor;
  created_at: string;
  updated_at: string;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface DeploymentStatus {
  id: number;
  deploymentId: number;
  repository: string;
  state: DeploymentState;
  description: string;
  environment: string;
  environment_url: string;
  log_url: string;
  target_url: string;
  creator: Actor;
  created_at: string;
  updated_at: string;
}

/** A workflow run: what the harness starts, so a deployment record's `run_url` can be checked against it. */
export interface WorkflowRun {
  id: number;
  repository: string;
  runAttempt: number;
  headSha: string;
  event: string;
  createdAt: string;
}

export interface Environment {
  id: number;
  repository: string;
  name: string;
  wait_timer: number;
  prevent_self_review: boolean;
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  created_at: string;
  updated_at: string;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRun {
  id: number;
  repository: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  external_id: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent across create and updates: GitHub appends, it never replaces. */
  annotations: Annotation[];
}

export interface CommitStatus {
  id: number;
  repository: string;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  target_url: string | null;
  creator: Actor;
  created_at: string;
  updated_at: string;
}

/** An artefact attestation: a Sigstore bundle, found by the digests of its in-toto statement's subjects. */
export interface Attestation {
  id: number;
  repository: string;
  repositoryId: number;
  subjectDigests: string[];
  bundle: Record<string, unknown>;
}

export interface PullRequest {
  id: number;
  repository: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  labels: string[];
  author: Actor;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  merge_commit_sha: string | null;
  merged_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface IssueComment {
  id: number;
  repository: string;
  issue_number: number;
  body: string;
  user: Actor;
  created_at: string;
  updated_at: string;
}

/** Everything the emulator holds, flat so that tests can assert on it directly. */
export class EmulatorState {
  readonly repositories = new Map<string, Repository>();
  readonly releases: Release[] = [];
  readonly deployments: Deployment[] = [];
  readonly deploymentStatuses: DeploymentStatus[] = [];
  readonly environments: Environment[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly statuses: CommitStatus[] = [];
  readonly pullRequests: PullRequest[] = [];
  readonly issueComments: IssueComment[] = [];
  readonly attestations: Attestation[] = [];
  readonly workflowRuns: WorkflowRun[] = [];
  /** The identity behind the token: what GITHUB_TOKEN is, the Actions bot. */
  actor: Actor = { login: 'github-actions[bot]', type: 'Bot' };
  private lastId = 1000;

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  repository(fullName: string): Repository | undefined {
    return this.repositories.get(fullName.toLowerCase());
  }
}
