import { cutText } from '../../runtime/clip.js';
import { createOnce } from '../../runtime/create-once.js';
import type { GitHubClient } from '../../runtime/github-client.js';

/** GitHub accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** A check run's summary and text are limited to 65,535 characters. */
const OUTPUT_LIMIT = 65_535;

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  /** The gate's compact record (see gating/baseline.ts), for later runs' `baseline`. */
  text?: string;
  annotations?: CheckAnnotation[];
}

export interface CheckRunApi {
  /** The check run this gate run already made (same name and external id), if any. */
  find(name: string, externalId: string): Promise<{ id: number; status: string } | undefined>;
  create(run: {
    name: string;
    external_id: string;
    status: 'in_progress' | 'completed';
    conclusion?: string;
    output: CheckOutput;
  }): Promise<number>;
  update(id: number, run: { status?: 'completed'; conclusion?: string; output: CheckOutput }): Promise<void>;
}

export interface CheckRunOptions {
  name: string;
  externalId: string;
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

export interface CheckRunResult {
  id: number;
  /** Requests that carried annotations. */
  annotationRequests: number;
  alreadyPublished: boolean;
}

function fitOutput(text: string): string {
  if (text.length <= OUTPUT_LIMIT) return text;
  const note = '\n\n> Truncated to the check run limit of 65,535 characters; the job summary has the rest.\n';
  return cutText(text, OUTPUT_LIMIT - note.length) + note;
}

/**
 * Publishes a check run with every annotation: the first 50 with the create request, 50 more per
 * update, completing with the last batch; 120 annotations take exactly 3 requests. A run this gate
 * run already completed is left alone, so a retried step does not publish twice.
 */
export async function publishCheckRun(api: CheckRunApi, options: CheckRunOptions): Promise<CheckRunResult> {
  const existing = await api.find(options.name, options.externalId);
  if (existing?.status === 'completed') return { id: existing.id, annotationRequests: 0, alreadyPublished: true };
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < options.annotations.length; i += ANNOTATIONS_PER_REQUEST)
    batches.push(options.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);
  const output = (annotations: CheckAnnotation[]): CheckOutput => ({
    title: options.title,
    summary: fitOutput(options.summary),
    ...(options.text ? { text: fitOutput(options.text) } : {}),
    ...(annotations.length > 0 ? { annotations } : {}),
  });
  const last = batches.length - 1;
  let id = existing?.id;
  for (const [index, batch] of batches.entries()) {
    const finish = index === last ? { status: 'completed' as const, conclusion: options.conclusion } : {};
    if (id === undefined)
      id = await api.create({
        name: options.name,
        external_id: options.externalId,
        status: 'in_progress',
        ...finish,
        output: output(batch),
      });
    else await api.update(id, { ...finish, output: output(batch) });
  }
  return {
    id: id!,
    annotationRequests: options.annotations.length === 0 ? 0 : batches.length,
    alreadyPublished: false,
  };
}

export interface CheckRunApiOptions {
  /** Backoff unit before looking for a check run whose create may have been applied (default 1 s). */
  retryBaseMs?: number;
}

/**
 * Check-run writes through the runtime's GitHub client, for one commit. Creating is sent once, without
 * the client's automatic retry: a create whose answer was lost (a 502 after GitHub made the run, a
 * dropped connection) is looked up by name and external id before it is sent again, so one gate run
 * never makes two check runs.
 */
export function checkRunApi(
  client: GitHubClient,
  owner: string,
  repo: string,
  sha: string,
  options: CheckRunApiOptions = {},
): CheckRunApi {
  const find: CheckRunApi['find'] = async (name, externalId) => {
    const { data } = await client.rest.checks.listForRef({
      owner,
      repo,
      ref: sha,
      check_name: name,
      filter: 'all',
      per_page: 100,
    });
    const run = data.check_runs.find((candidate) => candidate.external_id === externalId);
    return run ? { id: run.id, status: run.status } : undefined;
  };
  return {
    find,
    async create(run) {
      return createOnce({
        create: async () => {
          const { data } = await client.rest.checks.create({
            owner,
            repo,
            head_sha: sha,
            ...run,
            request: { retries: 0 },
          } as Parameters<GitHubClient['rest']['checks']['create']>[0]);
          return data.id;
        },
        find: async () => (await find(run.name, run.external_id))?.id,
        backoffMs: options.retryBaseMs,
      });
    },
    async update(id, run) {
      await client.rest.checks.update({ owner, repo, check_run_id: id, ...run } as Parameters<
        GitHubClient['rest']['checks']['update']
      >[0]);
    },
  };
}

/** The output text of the newest check run named `name` on `ref` (a gate's record, see gating/baseline.ts), in one request. */
export async function checkRunText(
  client: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
  name: string,
): Promise<string | undefined> {
  const { data } = await client.rest.checks.listForRef({
    owner,
    repo,
    ref,
    check_name: name,
    filter: 'latest',
    per_page: 1,
  });
  return data.check_runs[0]?.output.text ?? undefined;
}
