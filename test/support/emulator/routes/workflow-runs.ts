import { json, type RouteContext, type Routes } from '../context.js';
import { notFound } from '../errors.js';
import { nodeId, repoApiUrl, repositoryJson } from '../representations.js';
import type { WorkflowRun } from '../state.js';

function workflowRunJson(context: RouteContext, run: WorkflowRun): Record<string, unknown> {
  const url = `${repoApiUrl(context.core, context.repo)}/actions/runs/${run.id}`;
  const repository = repositoryJson(context.core, context.repo, 'minimal');
  return {
    id: run.id,
    node_id: nodeId('WorkflowRun', run.id),
    name: 'CI',
    head_branch: context.repo.defaultBranch,
    head_sha: run.headSha,
    path: '.github/workflows/ci.yml',
    display_title: 'CI',
    run_number: run.id,
    run_attempt: run.runAttempt,
    event: run.event,
    status: 'in_progress',
    conclusion: null,
    workflow_id: 1,
    url,
    html_url: `${context.core.serverUrl}/${context.repo.fullName}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.createdAt,
    run_started_at: run.createdAt,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${repoApiUrl(context.core, context.repo)}/check-suites/${run.id}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    workflow_url: `${repoApiUrl(context.core, context.repo)}/actions/workflows/1`,
    head_commit: null,
    repository,
    head_repository: repository,
  };
}

// Runs are those the harness started (or a test registered) in this repository; any other id is GitHub's 404.
export const workflowRunRoutes: Routes = {
  'actions/get-workflow-run': (context) => {
    const run = context.core.state.workflowRuns.find(
      (candidate) => candidate.repository === context.repo.fullName && candidate.id === context.params.run_id,
    );
    if (!run) throw notFound();
    return json(workflowRunJson(context, run));
  },
};
