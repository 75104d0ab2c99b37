import { createGit } from '../../git/runner.js';
import { gitHubApi, type Repo } from '../../promotion/github-api.js';
import { measureDelivery } from '../../promotion/metrics/measure.js';
import { metricsMarkdown } from '../../promotion/metrics/render.js';
import type { ActionContext } from '../../runtime/action-context.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { systemClock } from '../../runtime/clock.js';

/** A deploy followed by another within an hour counts as fixed forward. */
const FIX_FORWARD_MS = 3_600_000;

/** The `metrics` output and job-summary section: the DORA keys of `environments`, commit times from the checked-out workspace. */
export async function metricsSection(
  token: string,
  repo: Repo,
  environments: string[],
  windowMs: number,
  context: ActionContext,
): Promise<{ json: string; markdown: string }> {
  const git = createGit(context.workspace);
  const gh = gitHubApi(actionGitHubClient(token, context));
  const metrics = await measureDelivery(gh, repo, {
    environments,
    now: systemClock.now(),
    windowMs,
    fixForwardMs: FIX_FORWARD_MS,
    git,
  });
  return { json: JSON.stringify(metrics), markdown: metricsMarkdown(metrics) };
}
