import { json, type RouteContext, type Routes } from '../context.js';
import { HttpError, invalidRequest, notFound } from '../errors.js';
import { paginate, pagedReply, pageRequest } from '../pagination.js';
import { resolveCommitish } from '../refs.js';
import { annotationJson, checkRunJson } from '../representations.js';
import type { Annotation, CheckRun } from '../state.js';

/** The Checks API takes at most this many annotations per request; more need further updates. */
export const ANNOTATIONS_PER_REQUEST = 50;

function runsOf(context: RouteContext): CheckRun[] {
  return context.core.state.checkRuns.filter((run) => run.repository === context.repo.fullName);
}

function findRun(context: RouteContext): CheckRun {
  const run = runsOf(context).find((candidate) => candidate.id === context.params.check_run_id);
  if (!run) throw notFound();
  return run;
}

/** Applies create/update fields the way GitHub does: a conclusion completes the run, annotations append. */
function apply(context: RouteContext, run: CheckRun): void {
  const body = context.body;
  const output = body.output as
    { title?: string; summary?: string; text?: string; annotations?: Annotation[] } | undefined;
  const annotations = output?.annotations ?? [];
  if (annotations.length > ANNOTATIONS_PER_REQUEST) {
    throw invalidRequest(
      `Only ${ANNOTATIONS_PER_REQUEST} annotations are allowed per request; ${annotations.length} were sent.`,
    );
  }
  for (const key of ['name', 'details_url', 'external_id', 'started_at'] as const) {
    if (typeof body[key] === 'string') (run as unknown as Record<string, unknown>)[key] = body[key];
  }
  if (typeof body.status === 'string') run.status = body.status;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (typeof body.completed_at === 'string') run.completed_at = body.completed_at;
  if (run.status === 'completed') {
    if (!run.conclusion) throw invalidRequest('"conclusion" wasn\'t supplied.');
    run.completed_at ??= context.core.now();
  }
  if (output) {
    run.output = {
      title: output.title ?? run.output.title,
      summary: output.summary ?? run.output.summary,
      text: output.text ?? run.output.text,
    };
    run.annotations.push(...annotations);
  }
}

export const checkRoutes: Routes = {
  'checks/create': async (context) => {
    const headSha = String(context.body.head_sha);
    const sha = await resolveCommitish(context.repo, headSha);
    if (!sha || sha !== headSha.toLowerCase()) throw new HttpError(422, `No commit found for SHA: ${headSha}`);
    const run: CheckRun = {
      id: context.core.state.nextId(),
      repository: context.repo.fullName,
      name: String(context.body.name),
      head_sha: sha,
      status: 'queued',
      conclusion: null,
      details_url: null,
      external_id: null,
      started_at: context.core.now(),
      completed_at: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
    };
    apply(context, run);
    context.core.state.checkRuns.push(run);
    return json(checkRunJson(context.core, context.repo, run), 201);
  },

  'checks/update': (context) => {
    const run = findRun(context);
    const draft: CheckRun = { ...run, output: { ...run.output }, annotations: [...run.annotations] };
    apply(context, draft);
    Object.assign(run, draft);
    return json(checkRunJson(context.core, context.repo, run));
  },

  'checks/get': (context) => json(checkRunJson(context.core, context.repo, findRun(context))),

  'checks/list-for-ref': async (context) => {
    const sha = await resolveCommitish(context.repo, String(context.params.ref));
    if (!sha) throw notFound();
    const { check_name: name, status, filter } = context.params;
    let runs = runsOf(context)
      .filter(
        (run) =>
          run.head_sha === sha &&
          (name === undefined || run.name === name) &&
          (status === undefined || run.status === status),
      )
      .sort((a, b) => b.id - a.id);
    // filter=latest (the default) keeps the most recent run of each name.
    if (filter !== 'all')
      runs = runs.filter((run, index) => runs.findIndex((other) => other.name === run.name) === index);
    const { page, headers } = paginate(runs, pageRequest(context.params), context.url);
    return json(
      { total_count: runs.length, check_runs: page.map((run) => checkRunJson(context.core, context.repo, run)) },
      200,
      headers,
    );
  },

  'checks/list-annotations': (context) => {
    const run = findRun(context);
    return pagedReply(run.annotations, context.params, context.url, (annotation) =>
      annotationJson(context.core, context.repo, run, annotation),
    );
  },
};
