import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  execute,
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { EmulatorCore } from './context.js';
import type { GitCommit, GitSource } from './git-source.js';
import { listRefs, resolveCommitish, isAncestor } from './refs.js';
import { nodeId, userId } from './representations.js';
import { latestStatus, statusesOf } from './routes/deployments.js';
import type { Actor, Deployment, DeploymentStatus, PullRequest, Repository } from './state.js';

const SCHEMA_PATH = fileURLToPath(
  new URL('../../../node_modules/@octokit/graphql-schema/schema.graphql', import.meta.url),
);
/** GitHub's connection size limit. */
const MAX_PAGE = 100;

let schema: GraphQLSchema | undefined;

/** GitHub's public schema, built on the first GraphQL request (it takes a moment) and kept for the process. */
function githubSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(SCHEMA_PATH, 'utf8'), { assumeValidSDL: true });
  return schema;
}

/** An error GitHub itself returns (NOT_FOUND, pagination limits): part of the answer, not an emulator gap. */
class GitHubGraphqlError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface GraphqlRequest {
  query?: unknown;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/**
 * Validates the document against GitHub's schema and executes it against the emulator's state.
 * Invalid documents get GitHub's `{ errors }` answer and are problems (violations); so are fields the
 * emulator cannot resolve, because a test relying on them would prove nothing.
 */
export async function executeGraphql(
  core: EmulatorCore,
  body: unknown,
): Promise<{ body: unknown; problems: string[] }> {
  const request = (body ?? {}) as GraphqlRequest;
  if (typeof request.query !== 'string') {
    return {
      body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
      problems: ['the request has no query string'],
    };
  }
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    const message = (error as Error).message;
    return { body: { errors: [{ message: `Parse error: ${message}` }] }, problems: [message] };
  }
  const invalid = validate(githubSchema(), document);
  if (invalid.length > 0) {
    const errors = invalid.map(githubValidationError);
    return { body: { errors }, problems: errors.map((error) => error.message) };
  }
  const unmodelled = new Set<string>();
  const result = await execute({
    schema: githubSchema(),
    document,
    rootValue: rootValue(core),
    variableValues: request.variables,
    operationName: request.operationName,
    fieldResolver: modelledFieldResolver(unmodelled),
  });
  const problems = [...unmodelled].map((field) => `the emulator does not model ${field}; it answered null`);
  if (!result.errors?.length) return { body: { data: result.data }, problems };
  const errors = result.errors.map((error) => {
    const original = error.originalError;
    if (original instanceof GitHubGraphqlError)
      return { type: original.type, path: error.path, locations: error.locations, message: original.message };
    problems.push(`the emulator does not resolve ${error.path?.join('.') ?? 'a field'}: ${error.message}`);
    return { path: error.path, locations: error.locations, message: error.message };
  });
  return { body: { data: result.data, errors }, problems };
}

/**
 * graphql-js's default resolver, except that a field the emulator's objects do not carry is noted:
 * answering null for it silently would let a test pass on data GitHub would have sent.
 */
function modelledFieldResolver(unmodelled: Set<string>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const object = source as Record<string, unknown> | null;
    if (object === null || typeof object !== 'object') return undefined;
    if (!(info.fieldName in object)) {
      unmodelled.add(`${info.parentType.name}.${info.fieldName}`);
      return null;
    }
    const value = object[info.fieldName];
    return typeof value === 'function'
      ? (value as (a: unknown, c: unknown, i: unknown) => unknown).call(object, args, context, info)
      : value;
  };
}

/** GitHub words validation errors its own way ("Field 'x' doesn't exist on type 'Y'"). */
function githubValidationError(error: GraphQLError) {
  const unknownField = /^Cannot query field "([^"]+)" on type "([^"]+)"/.exec(error.message);
  const locations = error.locations;
  if (unknownField) {
    const [, fieldName, typeName] = unknownField;
    return {
      extensions: { code: 'undefinedField', typeName, fieldName },
      locations,
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
    };
  }
  return { locations, message: error.message };
}

interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursorFor = (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64');
const indexOf = (cursor: string) =>
  Number(/^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))?.[1] ?? Number.NaN);

/** A GitHub connection over `items`, with GitHub's rule that `first` or `last` is required and at most 100. */
function connection<T>(name: string, items: T[], args: ConnectionArgs) {
  const size = args.first ?? args.last;
  if (size === undefined || size === null)
    throw new GitHubGraphqlError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    );
  if (size > MAX_PAGE)
    throw new GitHubGraphqlError(
      'EXCESSIVE_PAGINATION',
      `Requesting ${size} records on the \`${name}\` connection exceeds the \`${args.first != null ? 'first' : 'last'}\` limit of ${MAX_PAGE} records.`,
    );
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = args.before ? indexOf(args.before) : items.length;
  if (Number.isNaN(start) || Number.isNaN(end))
    throw new GitHubGraphqlError('INVALID_CURSOR_ARGUMENTS', '`after` or `before` is not a valid cursor.');
  if (args.first != null) end = Math.min(end, start + args.first);
  else start = Math.max(start, end - size);
  const edges = items.slice(start, end).map((node, offset) => ({ node, cursor: cursorFor(start + offset) }));
  return {
    totalCount: items.length,
    nodes: edges.map((edge) => edge.node),
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

function rootValue(core: EmulatorCore) {
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = core.state.repository(`${owner}/${name}`);
      if (!repo)
        throw new GitHubGraphqlError(
          'NOT_FOUND',
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        );
      return repositoryNode(core, repo);
    },
    rateLimit: () => ({
      cost: 1,
      limit: 5000,
      remaining: 4999,
      used: 1,
      resetAt: new Date(Date.now() + 3_600_000).toISOString(),
      nodeCount: 0,
    }),
    viewer: () => actorNode(core, core.state.actor),
  };
}

function actorNode(core: EmulatorCore, actor: Actor) {
  const typename = actor.type === 'Bot' ? 'Bot' : actor.type === 'Organization' ? 'Organization' : 'User';
  return {
    __typename: typename,
    id: nodeId(typename, userId(actor.login)),
    databaseId: userId(actor.login),
    login: actor.login,
    url: `${core.serverUrl}/${actor.login}`,
    avatarUrl: `${core.serverUrl}/avatars/${actor.login}`,
  };
}

function repositoryNode(core: EmulatorCore, repo: Repository) {
  return {
    __typename: 'Repository',
    id: nodeId('Repository', repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    url: `${core.serverUrl}/${repo.fullName}`,
    isPrivate: repo.private,
    owner: actorNode(core, { login: repo.owner, type: 'Organization' }),
    defaultBranchRef: async () =>
      refNode(core, repo, `refs/heads/${repo.defaultBranch}`, await resolveCommitish(repo, repo.defaultBranch)),
    pullRequest: ({ number }: { number: number }) => {
      const pull = core.state.pullRequests.find(
        (candidate) => candidate.repository === repo.fullName && candidate.number === number,
      );
      if (!pull)
        throw new GitHubGraphqlError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`);
      return pullRequestNode(core, repo, pull);
    },
    object: async ({ oid, expression }: { oid?: string; expression?: string }) => {
      // An oid names an object, never a branch or tag: one `git rev-parse`, no ref look-ups.
      const sha = oid !== undefined ? await resolveOid(repo, oid) : await resolveCommitish(repo, expression ?? '');
      return sha ? commitNode(core, repo, sha) : null;
    },
    ref: async ({ qualifiedName }: { qualifiedName: string }) => {
      const name = qualifiedName.startsWith('refs/') ? qualifiedName : `refs/heads/${qualifiedName}`;
      const ref = (await listRefs(repo)).find((candidate) => candidate.ref === name);
      return ref ? refNode(core, repo, ref.ref, ref.sha) : null;
    },
    refs: async (
      args: ConnectionArgs & {
        refPrefix: string;
        query?: string;
        direction?: string;
        orderBy?: { field: string; direction: string };
      },
    ) => {
      const refs = (await listRefs(repo)).filter(
        (ref) =>
          ref.ref.startsWith(args.refPrefix) &&
          (!args.query || ref.ref.slice(args.refPrefix.length).includes(args.query)),
      );
      if (args.orderBy?.direction === 'DESC' || args.direction === 'DESC') refs.reverse();
      return connection(
        'refs',
        refs.map((ref) => refNode(core, repo, ref.ref, ref.sha, args.refPrefix)),
        args,
      );
    },
    deployments: (
      args: ConnectionArgs & { environments?: string[] | null; orderBy?: { field: string; direction: string } },
    ) => {
      const deployments = core.state.deployments
        .filter(
          (deployment) =>
            deployment.repository === repo.fullName &&
            (!args.environments || args.environments.includes(deployment.environment)),
        )
        .sort((a, b) => a.id - b.id);
      if (args.orderBy?.direction === 'DESC') deployments.reverse();
      return connection(
        'deployments',
        deployments.map((deployment) => deploymentNode(core, repo, deployment)),
        args,
      );
    },
  };
}

function refNode(core: EmulatorCore, repo: Repository, fullName: string, sha: string | undefined, prefix?: string) {
  if (!sha) return null;
  const usedPrefix = prefix ?? fullName.replace(/[^/]+$/, '');
  return {
    __typename: 'Ref',
    id: nodeId('Ref', parseInt(sha.slice(0, 7), 16)),
    name: fullName.slice(usedPrefix.length),
    prefix: usedPrefix,
    target: async () => {
      const type = repo.git ? await repo.git.objectType(sha) : 'commit';
      if (type === 'tag') {
        const commit = await resolveCommitish(repo, sha);
        return {
          __typename: 'Tag',
          id: nodeId('Tag', parseInt(sha.slice(0, 7), 16)),
          oid: sha,
          name: fullName.replace(/^refs\/tags\//, ''),
          target: commit ? commitNode(core, repo, commit) : null,
        };
      }
      return commitNode(core, repo, sha);
    },
  };
}

function commitNode(core: EmulatorCore, repo: Repository, sha: string) {
  let details: Promise<GitCommit | undefined> | undefined;
  const commit = () => (details ??= repo.git ? repo.git.commit(sha) : Promise.resolve(undefined));
  const field =
    <T>(pick: (c: GitCommit) => T) =>
    async () => {
      const c = await commit();
      if (!c) throw new Error(`commit ${sha} is not in the repository's git directory`);
      return pick(c);
    };
  return {
    __typename: 'Commit',
    id: nodeId('Commit', parseInt(sha.slice(0, 7), 16)),
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    url: `${core.serverUrl}/${repo.fullName}/commit/${sha}`,
    commitUrl: `${core.serverUrl}/${repo.fullName}/commit/${sha}`,
    message: field((c) => c.message),
    messageHeadline: field((c) => c.message.split('\n')[0] ?? ''),
    messageBody: field((c) => c.message.split('\n').slice(1).join('\n').trim()),
    committedDate: field((c) => c.committer.date),
    authoredDate: field((c) => c.author.date),
    author: field((c) => ({ name: c.author.name, email: c.author.email, date: c.author.date, user: null })),
    committer: field((c) => ({ name: c.committer.name, email: c.committer.email, date: c.committer.date, user: null })),
    associatedPullRequests: async (args: ConnectionArgs) => {
      const candidates = core.state.pullRequests.filter((pull) => pull.repository === repo.fullName);
      // Every pull request's history in one git process, before they are each asked about.
      if (repo.git)
        await readParents(
          repo.git,
          candidates.flatMap((pull) => [pull.base.sha, pull.head.sha]),
        );
      const associated = await Promise.all(
        candidates.map(
          async (pull) => pull.merge_commit_sha === sha || pull.head.sha === sha || isOnBranch(repo, sha, pull),
        ),
      );
      const pulls = candidates.filter((_, index) => associated[index]);
      return connection(
        'associatedPullRequests',
        pulls.map((pull) => pullRequestNode(core, repo, pull)),
        args,
      );
    },
  };
}

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** The commit an `oid` argument names (a commit, or a tag peeled to one), as `resolveCommitish` answers for a SHA. */
function resolveOid(repo: Repository, oid: string): Promise<string | undefined> | string | undefined {
  if (!repo.git) return FULL_SHA.test(oid) ? oid.toLowerCase() : undefined;
  return /^[0-9a-f]{7,40}$/i.test(oid) ? repo.git.resolveCommit(oid) : undefined;
}

/**
 * Each commit's parents, per git directory, as `git rev-list --parents` gives them: commits never
 * change, so what is read holds for the emulator's lifetime and only commits not read yet cost a
 * process. Reads of one directory take turns, so that none reads what another is reading.
 */
const commitParents = new WeakMap<GitSource, { parents: Map<string, string[]>; reading: Promise<unknown> }>();

/** Reads (once) the history of every full SHA in `shas` the git directory has. */
function readParents(git: GitSource, shas: string[]): Promise<unknown> {
  let graph = commitParents.get(git);
  if (!graph) commitParents.set(git, (graph = { parents: new Map(), reading: Promise.resolve() }));
  const { parents } = graph;
  graph.reading = graph.reading.then(async () => {
    const unread = [...new Set(shas.map((sha) => sha.toLowerCase()))].filter(
      (sha) => FULL_SHA.test(sha) && !parents.has(sha),
    );
    if (unread.length === 0) return;
    // A SHA git does not have is left out (and asked again next time): its pull request is not answered from here.
    const out = await git.git(['rev-list', '--parents', '--ignore-missing', ...unread, '--']).catch(() => '');
    for (const line of out.split('\n').filter(Boolean)) {
      const [sha = '', ...shaParents] = line.split(' ');
      parents.set(sha, shaParents);
    }
  });
  return graph.reading;
}

/** `base..head` of each pull request, per git directory, keyed by the two SHAs: commits never change. */
const branchCommits = new WeakMap<GitSource, Map<string, Set<string>>>();

/** The commits reachable from `head` and not from `base`, from the history read; undefined for a SHA not read. */
function commitsOnBranch(git: GitSource, base: string, head: string): Set<string> | undefined {
  const parents = commitParents.get(git)?.parents;
  [base, head] = [base.toLowerCase(), head.toLowerCase()];
  if (!parents?.has(base) || !parents.has(head)) return undefined;
  let cache = branchCommits.get(git);
  if (!cache) branchCommits.set(git, (cache = new Map<string, Set<string>>()));
  const key = `${base}..${head}`;
  let commits = cache.get(key);
  if (!commits) {
    const reachable = (from: string, stop: ReadonlySet<string>) => {
      const seen = new Set<string>();
      for (const stack = [from]; stack.length > 0;) {
        const sha = stack.pop()!;
        if (seen.has(sha) || stop.has(sha)) continue;
        seen.add(sha);
        stack.push(...(parents.get(sha) ?? []));
      }
      return seen;
    };
    commits = reachable(head, reachable(base, new Set()));
    cache.set(key, commits);
  }
  return commits;
}

/**
 * Whether `sha` is one of a pull request's own commits: reachable from its head and not from its
 * base. The history read once (see `readParents`) answers this for every pull request and commit
 * (rather than a git process per pull request); the same answer as `isAncestor`.
 */
async function isOnBranch(repo: Repository, sha: string, pull: PullRequest): Promise<boolean> {
  if (repo.git && FULL_SHA.test(pull.head.sha) && FULL_SHA.test(pull.base.sha)) {
    await readParents(repo.git, [pull.base.sha, pull.head.sha]);
    const commits = commitsOnBranch(repo.git, pull.base.sha, pull.head.sha);
    if (commits) return commits.has(sha.toLowerCase());
  }
  return (await isAncestor(repo, sha, pull.head.sha)) && !(await isAncestor(repo, sha, pull.base.sha));
}

function pullRequestNode(core: EmulatorCore, repo: Repository, pull: PullRequest) {
  return {
    __typename: 'PullRequest',
    id: nodeId('PullRequest', pull.id),
    databaseId: pull.id,
    number: pull.number,
    title: pull.title,
    body: pull.body ?? '',
    bodyText: pull.body ?? '',
    url: `${core.serverUrl}/${repo.fullName}/pull/${pull.number}`,
    permalink: `${core.serverUrl}/${repo.fullName}/pull/${pull.number}`,
    state: pull.merged_at ? 'MERGED' : pull.state.toUpperCase(),
    merged: pull.merged_at !== null,
    mergedAt: pull.merged_at,
    closed: pull.state === 'closed',
    createdAt: pull.created_at,
    updatedAt: pull.updated_at,
    isDraft: false,
    headRefName: pull.head.ref,
    headRefOid: pull.head.sha,
    baseRefName: pull.base.ref,
    baseRefOid: pull.base.sha,
    mergeCommit: pull.merge_commit_sha ? commitNode(core, repo, pull.merge_commit_sha) : null,
    author: actorNode(core, pull.author),
    labels: (args: ConnectionArgs) =>
      connection(
        'labels',
        pull.labels.map((name) => ({
          __typename: 'Label',
          id: nodeId('Label', name.length),
          name,
          color: 'ededed',
          description: null,
        })),
        args,
      ),
  };
}

/** GraphQL's deployment state folds the latest status in; an inactive transient deployment is DESTROYED. */
function deploymentState(deployment: Deployment, state: string | undefined): string {
  if (!state) return 'PENDING';
  if (state === 'success') return 'ACTIVE';
  if (state === 'inactive') return deployment.transient_environment ? 'DESTROYED' : 'INACTIVE';
  return state.toUpperCase();
}

function statusNode(core: EmulatorCore, status: DeploymentStatus) {
  return {
    __typename: 'DeploymentStatus',
    id: nodeId('DeploymentStatus', status.id),
    state: status.state.toUpperCase(),
    createdAt: status.created_at,
    updatedAt: status.updated_at,
    description: status.description || null,
    environmentUrl: status.environment_url || null,
    logUrl: status.log_url || null,
    creator: actorNode(core, status.creator),
  };
}

function deploymentNode(core: EmulatorCore, repo: Repository, deployment: Deployment) {
  const latest = latestStatus(core, deployment.id);
  return {
    __typename: 'Deployment',
    id: nodeId('Deployment', deployment.id),
    databaseId: deployment.id,
    environment: deployment.environment,
    latestEnvironment: deployment.environment,
    originalEnvironment: deployment.original_environment,
    task: deployment.task,
    description: deployment.description,
    payload: typeof deployment.payload === 'string' ? deployment.payload : JSON.stringify(deployment.payload),
    state: deploymentState(deployment, latest?.state),
    createdAt: deployment.created_at,
    updatedAt: deployment.updated_at,
    commitOid: deployment.sha,
    commit: commitNode(core, repo, deployment.sha),
    creator: actorNode(core, deployment.creator),
    repository: repositoryNode(core, repo),
    // Newest first, as GitHub lists a deployment's statuses.
    statuses: (args: ConnectionArgs) =>
      connection(
        'statuses',
        statusesOf(core, deployment.id).map((status) => statusNode(core, status)),
        args,
      ),
    latestStatus: latest ? statusNode(core, latest) : null,
  };
}
