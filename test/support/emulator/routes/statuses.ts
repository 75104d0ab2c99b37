import { json, type EmulatorCore, type RouteContext, type Routes } from '../context.js';
import { HttpError, notFound } from '../errors.js';
import { paginate, pagedReply, pageRequest } from '../pagination.js';
import { resolveCommitish } from '../refs.js';
import { commitStatusJson, repoApiUrl, repositoryJson } from '../representations.js';
import type { CommitStatus } from '../state.js';

/** A commit's statuses, newest first. */
function statusesFor(core: EmulatorCore, repository: string, sha: string): CommitStatus[] {
  return core.state.statuses
    .filter((status) => status.repository === repository && status.sha === sha)
    .sort((a, b) => b.id - a.id);
}

/** The latest status per context. */
function latestPerContext(statuses: CommitStatus[]): CommitStatus[] {
  const seen = new Map<string, CommitStatus>();
  for (const status of statuses) if (!seen.has(status.context)) seen.set(status.context, status);
  return [...seen.values()];
}

/**
 * Each context's state on a commit, from commit statuses and check runs alike (what deployments'
 * `required_contexts` is checked against). A completed check counts as success when it did not fail.
 */
export function contextStates(core: EmulatorCore, repository: string, sha: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const status of latestPerContext(statusesFor(core, repository, sha))) states.set(status.context, status.state);
  const runs = core.state.checkRuns
    .filter((run) => run.repository === repository && run.head_sha === sha)
    .sort((a, b) => b.id - a.id);
  for (const run of runs) {
    if (states.has(run.name)) continue;
    const passed = run.status === 'completed' && ['success', 'neutral', 'skipped'].includes(run.conclusion ?? '');
    states.set(run.name, passed ? 'success' : run.status === 'completed' ? 'failure' : 'pending');
  }
  return states;
}

async function commitFor(context: RouteContext, ref: string): Promise<string> {
  const sha = await resolveCommitish(context.repo, ref);
  if (!sha) throw notFound();
  return sha;
}

export const statusRoutes: Routes = {
  'repos/create-commit-status': async (context) => {
    const requested = String(context.params.sha);
    const sha = await resolveCommitish(context.repo, requested);
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${requested}`);
    const now = context.core.now();
    const body = context.body;
    const status: CommitStatus = {
      id: context.core.state.nextId(),
      repository: context.repo.fullName,
      sha,
      state: body.state as CommitStatus['state'],
      context: typeof body.context === 'string' ? body.context : 'default',
      description: typeof body.description === 'string' ? body.description : null,
      target_url: typeof body.target_url === 'string' ? body.target_url : null,
      creator: context.core.state.actor,
      created_at: now,
      updated_at: now,
    };
    context.core.state.statuses.push(status);
    return json(commitStatusJson(context.core, context.repo, status), 201);
  },

  'repos/list-commit-statuses-for-ref': async (context) => {
    const sha = await commitFor(context, String(context.params.ref));
    return pagedReply(statusesFor(context.core, context.repo.fullName, sha), context.params, context.url, (status) =>
      commitStatusJson(context.core, context.repo, status),
    );
  },

  'repos/get-combined-status-for-ref': async (context) => {
    const sha = await commitFor(context, String(context.params.ref));
    const latest = latestPerContext(statusesFor(context.core, context.repo.fullName, sha));
    // failure if any context failed or errored, pending if any is pending or there are none.
    const state = latest.some((s) => s.state === 'failure' || s.state === 'error')
      ? 'failure'
      : latest.length === 0 || latest.some((s) => s.state === 'pending')
        ? 'pending'
        : 'success';
    const { page, headers } = paginate(latest, pageRequest(context.params), context.url);
    return json(
      {
        state,
        statuses: page.map((status) => commitStatusJson(context.core, context.repo, status, false)),
        sha,
        total_count: latest.length,
        repository: repositoryJson(context.core, context.repo, 'minimal'),
        commit_url: `${repoApiUrl(context.core, context.repo)}/commits/${sha}`,
        url: `${repoApiUrl(context.core, context.repo)}/commits/${sha}/status`,
      },
      200,
      headers,
    );
  },
};
