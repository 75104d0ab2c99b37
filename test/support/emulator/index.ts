import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ArtifactSource, EmulatorCore, Routes } from './context.js';
import { ROUTES } from './routes/index.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { GitSource, githubDate } from './git-source.js';
import { githubDescription } from './openapi-validator.js';
import type { Access, Scopes } from './permissions.js';
import { handleRequest, type Pipeline, type RequestLogEntry, type Violation } from './server.js';
import { EmulatorState, type Actor, type Permission, type PullRequest, type Repository } from './state.js';

export type { FaultKind, FaultOptions } from './faults.js';
export type { RequestLogEntry, Violation } from './server.js';
export type { ArtifactRecord, ArtifactSource } from './context.js';
export * from './state.js';

export interface EmulatorOptions {
  /** Seed for fault injection when `faults` has none. */
  seed?: number;
  faults?: FaultOptions;
  /** Workflow artifacts to serve under /actions/artifacts (the artifact service from test/support/artifact-service.ts). */
  artifacts?: ArtifactSource;
  /** The clock for created_at/updated_at (default: real time). */
  now?: () => Date;
}

export interface RepoOptions {
  /** A git repository on disk that is GitHub's copy: commits, compare, tags and branches are read from it. */
  gitDir?: string;
  defaultBranch?: string;
  private?: boolean;
  /** The repository setting "Enable release immutability": a release is sealed when it is published. */
  immutableReleases?: boolean;
}

export interface PullRequestSeed {
  number?: number;
  title: string;
  body?: string | null;
  labels?: string[];
  author?: Actor | string;
  state?: 'open' | 'closed';
  head?: { ref: string; sha: string };
  base?: { ref: string; sha: string };
  /** The commit the merge produced on the base branch (a merge, squash or rebase commit). */
  mergeCommitSha?: string | null;
  mergedAt?: string | null;
}

/** Handle for seeding one repository with what tests cannot create through the API. */
export class RepoHandle {
  constructor(
    private readonly emulator: GitHubEmulator,
    readonly repository: Repository,
  ) {}

  get fullName(): string {
    return this.repository.fullName;
  }

  /** Adds a pull request; a merged one needs `mergeCommitSha`. Returns the stored record. */
  addPullRequest(seed: PullRequestSeed): PullRequest {
    const state = this.emulator.state;
    const author =
      typeof seed.author === 'string'
        ? { login: seed.author, type: seed.author.endsWith('[bot]') ? ('Bot' as const) : ('User' as const) }
        : (seed.author ?? { login: 'octocat', type: 'User' as const });
    const mine = state.pullRequests.filter((pull) => pull.repository === this.fullName);
    const now = this.emulator.now();
    const mergedAt = seed.mergedAt !== undefined ? seed.mergedAt : seed.mergeCommitSha ? now : null;
    const zero = '0'.repeat(40);
    const pull: PullRequest = {
      id: state.nextId(),
      repository: this.fullName,
      number: seed.number ?? Math.max(0, ...mine.map((p) => p.number)) + 1,
      title: seed.title,
      body: seed.body ?? null,
      state: seed.state ?? (mergedAt ? 'closed' : 'open'),
      labels: seed.labels ?? [],
      author,
      head: seed.head ?? { ref: `topic-${mine.length + 1}`, sha: seed.mergeCommitSha ?? zero },
      base: seed.base ?? { ref: this.repository.defaultBranch, sha: zero },
      merge_commit_sha: seed.mergeCommitSha ?? null,
      merged_at: mergedAt,
      created_at: now,
      updated_at: now,
    };
    state.pullRequests.push(pull);
    return pull;
  }

  /** What GET /collaborators/{username}/permission answers for this user. */
  setPermission(username: string, permission: 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'): void {
    this.repository.collaborators.set(username.toLowerCase(), permission);
  }

  /** Points a ref (`refs/tags/v1.0.0`) at an object as if pushed to GitHub, without touching the git directory. */
  setRef(ref: string, sha: string | null): void {
    this.repository.refOverlay.set(ref, sha);
  }
}

/**
 * A GitHub REST + GraphQL emulator on 127.0.0.1. Every request and response is checked against
 * GitHub's OpenAPI description (GraphQL documents against GitHub's schema); mismatches are answered
 * as GitHub would and recorded in `violations`, and `close()` then fails the test.
 */
export class GitHubEmulator {
  readonly state = new EmulatorState();
  readonly requests: RequestLogEntry[] = [];
  readonly violations: Violation[] = [];
  /** The emulator's own token, with every scope; others are accepted only once `createToken` made them. */
  readonly token = 'ghs_emulatorToken000000000000000000000';
  private tokenCount = 0;
  url = '';
  graphqlUrl = '';
  serverUrl = '';
  private readonly pipeline: Pipeline;
  private readonly clock: () => Date;

  constructor(
    private readonly server: Server,
    private readonly options: EmulatorOptions,
    routes: Routes,
  ) {
    this.clock = options.now ?? (() => new Date());
    const core: EmulatorCore = {
      state: this.state,
      apiUrl: '',
      serverUrl: '',
      artifacts: options.artifacts,
      now: () => this.now(),
    };
    this.pipeline = {
      core,
      routes,
      requests: this.requests,
      violations: this.violations,
      restrictions: new Map(),
      tokens: new Map([[this.token, 'all']]),
      rateLimit: { core: 0, graphql: 0 },
      // Loaded on the first GraphQL request: building GitHub's schema takes about a second.
      graphql: async (body) => (await import('./graphql.js')).executeGraphql(core, body),
    };
    if (options.faults) this.setFaults({ seed: options.seed, ...options.faults });
  }

  /** @internal Called once the server listens. */
  listening(port: number): void {
    this.url = `http://127.0.0.1:${port}`;
    this.graphqlUrl = `${this.url}/graphql`;
    this.serverUrl = this.url;
    this.pipeline.core.apiUrl = this.url;
    this.pipeline.core.serverUrl = this.serverUrl;
    this.server.on('request', (req, res) => {
      // Only a client that went away mid-request gets here (reading its body failed): nothing to answer.
      handleRequest(this.pipeline, req, res).catch(() => res.destroy());
    });
  }

  now(): string {
    return githubDate(this.clock());
  }

  /** Creates (or returns) a repository. With `gitDir`, git data is read from that repository. */
  repo(fullName: string, options: RepoOptions = {}): RepoHandle {
    const existing = this.state.repository(fullName);
    if (existing) return new RepoHandle(this, existing);
    const [owner, name, ...rest] = fullName.split('/');
    if (!owner || !name || rest.length > 0) throw new Error(`repository must be "owner/name", got "${fullName}"`);
    const repository: Repository = {
      id: this.state.nextId(),
      owner,
      name,
      fullName,
      defaultBranch: options.defaultBranch ?? 'main',
      private: options.private ?? false,
      createdAt: this.now(),
      git: options.gitDir ? new GitSource(options.gitDir) : undefined,
      refOverlay: new Map(),
      collaborators: new Map(),
      immutableReleases: options.immutableReleases ?? false,
    };
    this.state.repositories.set(fullName.toLowerCase(), repository);
    return new RepoHandle(this, repository);
  }

  /**
   * Records a workflow run of a repository (the harness calls it for each run it starts), so that
   * `GET /repos/{owner}/{repo}/actions/runs/{run_id}` finds it; a later attempt updates it.
   */
  workflowRunStarted(
    repository: string,
    runId: number | string,
    options: { attempt?: number | string; sha?: string; event?: string } = {},
  ): void {
    const id = Number(runId);
    const attempt = Number(options.attempt ?? 1);
    const existing = this.state.workflowRuns.find(
      (run) => run.repository.toLowerCase() === repository.toLowerCase() && run.id === id,
    );
    if (existing) {
      existing.runAttempt = Math.max(existing.runAttempt, attempt);
      return;
    }
    const fullName = this.state.repository(repository)?.fullName ?? repository;
    const run = {
      id,
      repository: fullName,
      runAttempt: attempt,
      headSha: options.sha ?? '0'.repeat(40),
      event: options.event ?? 'workflow_dispatch',
    };
    this.state.workflowRuns.push({ ...run, createdAt: this.now() });
  }

  /** Requests made, in all or for one operationId (`repos/create-release`, `graphql`). */
  count(operationId?: string): number {
    return operationId === undefined
      ? this.requests.length
      : this.requests.filter((entry) => entry.operationId === operationId).length;
  }

  /**
   * Withholds a permission from the token: with `read` (the default) writes needing it are refused,
   * with `none` reads too — 403 "Resource not accessible by integration", as for a GITHUB_TOKEN
   * whose `permissions:` leave it out. `false` gives the permission back.
   */
  restrictPermission(permission: string, access: Access | false = 'read'): void {
    if (!PERMISSIONS.includes(permission as Permission))
      throw new Error(`unknown permission "${permission}"; expected one of ${PERMISSIONS.join(', ')}`);
    if (access === false) this.pipeline.restrictions.delete(permission as Permission);
    else this.pipeline.restrictions.set(permission as Permission, access);
  }

  /**
   * A token holding exactly these scopes, as a job's GITHUB_TOKEN gets its `permissions:` (`none` and
   * absent scopes are refused with 403 "Resource not accessible by integration"; metadata is always readable).
   * `value` gives the token a chosen spelling, for tests about where a token's text shows.
   */
  createToken(scopes: Record<string, 'read' | 'write' | 'none'> = {}, value?: string): string {
    const granted: Scopes = {};
    for (const [permission, level] of Object.entries(scopes)) {
      if (UNMODELLED.includes(permission)) continue;
      if (!PERMISSIONS.includes(permission as Permission))
        throw new Error(`unknown permission "${permission}"; expected one of ${PERMISSIONS.join(', ')}`);
      if (level !== 'none') granted[permission as Permission] = level;
    }
    const token = value ?? `ghs_emulatorJob${String(++this.tokenCount).padStart(6, '0')}${'0'.repeat(18)}`;
    this.pipeline.tokens.set(token, granted);
    return token;
  }

  /** Starts injecting faults (replacing earlier settings); `setFaults(undefined)` stops. */
  setFaults(faults: FaultOptions | undefined): void {
    this.pipeline.faults = faults
      ? new FaultInjector({ ...faults, seed: faults.seed ?? this.options.seed ?? 1 })
      : undefined;
  }

  /** For the emulator's own tests: alter response bodies before they are validated and sent. */
  tamperWithResponses(tamper: ((operationId: string, body: unknown) => unknown) | undefined): void {
    this.pipeline.tamper = tamper;
  }

  /** Stops the server and drops keep-alive connections; throws when requests or responses broke GitHub's description. */
  async close(options: { allowViolations?: boolean } = {}): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
    for (const repository of this.state.repositories.values()) repository.git?.close();
    if (this.violations.length > 0 && !options.allowViolations) {
      const lines = this.violations.map(
        (v) =>
          `- ${v.kind}: ${v.method} ${v.path}${v.operationId ? ` (${v.operationId})` : ''}: ${v.problems.join('; ')}`,
      );
      throw new Error(
        `The GitHub emulator saw ${this.violations.length} violation(s) of GitHub's API description:\n${lines.join('\n')}`,
      );
    }
  }
}

/** GITHUB_TOKEN scopes GitHub has that no emulated operation needs. */
const UNMODELLED = [
  'id-token',
  'attestations',
  'packages',
  'pages',
  'security-events',
  'discussions',
  'repository-projects',
  'models',
];
const PERMISSIONS: Permission[] = [
  'contents',
  'deployments',
  'checks',
  'statuses',
  'actions',
  'issues',
  'pull-requests',
  'metadata',
  'administration',
];

/** The emulator, under the name end-to-end tests import it by. */
export type Emulator = GitHubEmulator;

/** Starts an emulator on 127.0.0.1 on a free port. Close it with `await gh.close()`. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<GitHubEmulator> {
  githubDescription();
  const server = createServer({ keepAlive: true });
  const emulator = new GitHubEmulator(server, options, ROUTES);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  emulator.listening((server.address() as AddressInfo).port);
  return emulator;
}
