import { formatDuration } from '../../runtime/duration.js';
import { RequestCounter } from '../../runtime/github-client.js';
import { markdownTable } from '../../runtime/summary.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { type ActionContext, requireRepository } from '../../runtime/action-context.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { verifyAndExtract } from '../../packaging/extract.js';
import { systemClock } from '../../runtime/clock.js';
import { gitHubApi } from '../../promotion/github-api.js';
import { shortDigest } from '../../promotion/deployment-history.js';
import { rollback } from '../../promotion/rollback.js';
import { fetchRecorded, type SourceContext } from '../../actions/shared/artefact-source.js';
import { cancellation, deliveryExec, pollIntervals } from '../../actions/shared/run-environment.js';
import type { Inputs } from './inputs.js';

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs, context: ActionContext): Promise<void> {
  const repo = requireRepository(context);
  const signal = cancellation();
  const counter = new RequestCounter();
  // A lost answer to a write is looked up after the same backoff the client uses for its retries.
  const gh = gitHubApi(actionGitHubClient(inputs.token, context, counter), {
    writeBackoffMs: context.tuning.retryBaseMs,
  });
  const ctx: SourceContext = {
    gh,
    repo,
    token: inputs.token,
    workspace: context.workspace,
    temp: context.temp,
    runId: Number(context.runId) || undefined,
  };
  // The target's connection (an `ssh:` server) is closed however the delivery ends.
  const result = await rollback(
    { ...inputs, ...pollIntervals(context.tuning), runUrl: context.runUrl ?? '' },
    {
      gh,
      repo,
      clock: systemClock,
      signal,
      exec: deliveryExec(inputs),
      extract: verifyAndExtract,
      fetchArtefact: (ref) => fetchRecorded(ref, ctx),
      workDir: ctx.temp,
      log: (message) => core.info(message),
    },
  ).finally(() => inputs.target?.close());
  core.info(`GitHub API requests: ${counter.total}.`);
  setOutputs({
    'deployment-id': String(result.deploymentId),
    'version': result.restored.version,
    'digest': result.restored.digest,
    'slot': result.slot ?? '',
    'rolled-back-version': result.replaced.version,
    'rolled-back-digest': result.replaced.digest,
    'method': result.method,
    'duration-ms': String(result.durationMs),
  });
  writeJobSummary(
    [
      result.alreadyDone
        ? `### ↩️ ${inputs.environment} was already rolled back to ${result.restored.version} (deployment ${result.deploymentId}); nothing changed`
        : `### ↩️ Rolled back ${inputs.environment} to ${result.restored.version} in ${formatDuration(result.durationMs)}`,
      '',
      markdownTable(
        ['Environment', 'Restored', 'Replaced', 'How', 'Slot', 'Took', 'Deployment'],
        [
          [
            inputs.environment,
            `${result.restored.version} (${shortDigest(result.restored.digest)})`,
            `${result.replaced.version} (${shortDigest(result.replaced.digest)})`,
            result.method === 'switch' ? 'switch to the release still in place' : 'redeploy of its artefact',
            result.slot ?? '—',
            formatDuration(result.durationMs),
            result.deploymentId,
          ],
        ],
      ),
      '',
      `${result.replaced.version} is marked rolled back in ${inputs.environment}: it will not be promoted there again without \`force: true\`.`,
      '',
    ].join('\n'),
  );
}
