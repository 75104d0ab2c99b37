import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { UserError } from './errors.js';

// Part of the light runtime (see run-action.ts): no @actions/* imports here.

export interface Repository {
  owner: string;
  name: string;
}

/** `owner/name` as a Repository; throws on anything else. */
export function parseRepository(text: string): Repository {
  const [owner, name, ...rest] = text.split('/');
  if (!owner || !name || rest.length > 0) throw new Error(`expected owner/name, got '${text}'`);
  return { owner, name };
}

/** A workflow run's page; with an attempt above 1, that attempt's page (a re-run). */
export function workflowRunUrl(serverUrl: string, repository: string, runId: string, attempt?: number): string {
  const rerun = attempt !== undefined && attempt > 1 ? `/attempts/${attempt}` : '';
  return `${serverUrl.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}${rerun}`;
}

/** The parts of the triggering event's payload (`GITHUB_EVENT_PATH`) that actions read; the title is untrusted. */
export interface EventPayload {
  pull_request?: {
    number?: number;
    title?: string;
    html_url?: string;
    head?: { sha?: string };
    base?: { sha?: string };
  };
  repository?: { visibility?: string };
}

/** Settings the test bed turns down so tests run fast; unset on a real runner. */
export interface Tuning {
  /** `SLIPWAY_RETRY_BASE_MS`: the first backoff of every retry (GitHub client, writes, uploads, notifications). */
  retryBaseMs?: number;
  /** `SLIPWAY_WRITE_INTERVAL_MS`: the pause between GitHub writes. */
  writeIntervalMs?: number;
  /** `SLIPWAY_POLL_MS`: how often waits look again. */
  pollMs?: number;
  /** `SLIPWAY_SLACK_API_URL`: the Slack Web API root. */
  slackApiUrl?: string;
  /** `SLIPWAY_TEST_SIGSTORE`: JSON of the signing endpoints (stand-ins on 127.0.0.1) that attestations are signed against. */
  testSigstore?: string;
}

/** The run an action step belongs to, read from the runner's environment once, before `run` starts. */
export interface ActionContext {
  serverUrl: string;
  apiUrl?: string;
  graphqlUrl?: string;
  /** `GITHUB_REPOSITORY` as given (`owner/name`), and parsed when well formed. */
  repositoryName?: string;
  repository?: Repository;
  sha?: string;
  ref?: string;
  job?: string;
  actor?: string;
  runId?: string;
  runAttempt?: number;
  /** This run's page, the attempt included when it is a re-run. */
  runUrl?: string;
  workspace: string;
  temp: string;
  /** The event payload, `{}` when there is none or it cannot be read. */
  event: EventPayload;
  /** `GITHUB_EVENT_PATH`: the runner writes it as the job starts, so its time tells when the job started. */
  eventPath?: string;
  /** `SOURCE_DATE_EPOCH`, for reproducible packages. */
  sourceDateEpoch?: string;
  /** Whether the runner gave this step the artifact service (`ACTIONS_RUNTIME_TOKEN`). */
  hasArtefactService: boolean;
  /** Whether the job may request an OIDC token (`permissions: id-token: write` sets ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN). */
  hasIdToken: boolean;
  tuning: Tuning;
}

/** A non-negative number of milliseconds, if `text` is one. */
function milliseconds(text: string | undefined): number | undefined {
  const trimmed = text?.trim();
  const value = Number(trimmed);
  return trimmed && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function readEvent(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

export function actionContext(env: NodeJS.ProcessEnv = process.env): ActionContext {
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  const repositoryName = env.GITHUB_REPOSITORY || undefined;
  let repository: Repository | undefined;
  try {
    repository = repositoryName ? parseRepository(repositoryName) : undefined;
  } catch {
    // left undefined: requireRepository says what is wrong when an action needs it
  }
  const runId = env.GITHUB_RUN_ID || undefined;
  const runAttempt = Number(env.GITHUB_RUN_ATTEMPT) || undefined;
  return {
    serverUrl,
    apiUrl: env.GITHUB_API_URL || undefined,
    graphqlUrl: env.GITHUB_GRAPHQL_URL || undefined,
    repositoryName,
    repository,
    sha: env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    job: env.GITHUB_JOB || undefined,
    actor: env.GITHUB_ACTOR || undefined,
    runId,
    runAttempt,
    runUrl: repositoryName && runId ? workflowRunUrl(serverUrl, repositoryName, runId, runAttempt) : undefined,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    temp: env.RUNNER_TEMP || tmpdir(),
    event: readEvent(env.GITHUB_EVENT_PATH),
    eventPath: env.GITHUB_EVENT_PATH || undefined,
    sourceDateEpoch: env.SOURCE_DATE_EPOCH,
    hasArtefactService: Boolean(env.ACTIONS_RUNTIME_TOKEN),
    hasIdToken: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    tuning: {
      retryBaseMs: milliseconds(env.SLIPWAY_RETRY_BASE_MS),
      writeIntervalMs: milliseconds(env.SLIPWAY_WRITE_INTERVAL_MS),
      pollMs: milliseconds(env.SLIPWAY_POLL_MS),
      slackApiUrl: env.SLIPWAY_SLACK_API_URL || undefined,
      testSigstore: env.SLIPWAY_TEST_SIGSTORE || undefined,
    },
  };
}

/** The repository, for actions that cannot work without one. */
export function requireRepository(context: ActionContext): Repository {
  if (context.repository) return context.repository;
  const given =
    context.repositoryName === undefined ? 'not set' : `${JSON.stringify(context.repositoryName)}, not owner/name`;
  throw new UserError(`GITHUB_REPOSITORY is ${given}; run this action in a GitHub Actions workflow.`);
}
