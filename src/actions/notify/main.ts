import type { ActionContext } from '../../runtime/action-context.js';
import { UserError } from '../../runtime/errors.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { type NotificationResult, deliverNotifications, messageIds } from '../../notify/deliver.js';
import { composeMessage, type RunContext } from '../../notify/message.js';
import { describeResult, resultsSummary } from '../../notify/results-summary.js';
import { systemClock } from '../../runtime/clock.js';
import { DEFAULT_RETRY_POLICY } from '../../runtime/retry.js';
import type { Inputs } from './inputs.js';

/** The run's facts for the message; the pull request (its title is untrusted) from the event payload. */
export function runContext(context: ActionContext): RunContext {
  const pr = context.event.pull_request;
  const pullRequest =
    typeof pr?.number === 'number' && typeof pr.title === 'string'
      ? { number: pr.number, title: pr.title, url: pr.html_url }
      : undefined;
  return {
    serverUrl: context.serverUrl,
    repository: context.repositoryName,
    runId: context.runId,
    runAttempt: context.runAttempt,
    actor: context.actor,
    sha: context.sha,
    pullRequest,
  };
}

function publicResult(result: NotificationResult) {
  const { payload: _payload, headers: _headers, ref, ...rest } = result;
  return { ...rest, ...(ref?.id ? { id: ref.id } : {}) };
}

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs, action: ActionContext): Promise<void> {
  const context = runContext(action);
  const message = composeMessage(inputs.message, context);
  const { retryBaseMs, slackApiUrl } = action.tuning;
  const results = await deliverNotifications(inputs.destinations, message, {
    refs: inputs.update,
    dryRun: inputs.dryRun,
    mask: (secret) => core.setSecret(secret),
    runThreadKey: `slipway-${context.repository ?? 'run'}-${context.runId ?? '0'}`,
    policy: {
      ...DEFAULT_RETRY_POLICY,
      timeoutMs: inputs.timeoutMs,
      ...(retryBaseMs === undefined ? {} : { baseMs: retryBaseMs }),
    },
    clock: systemClock,
    slackApiUrl,
  });

  for (const result of results) {
    if (result.outcome === 'dry-run') {
      core.startGroup(`${result.label}: payload for ${result.target}`);
      for (const [name, value] of Object.entries(result.headers ?? {}))
        core.info(`${name}: ${value} (of the body as sent: compact JSON)`);
      core.info(JSON.stringify(result.payload, null, 2));
      core.endGroup();
    }
    core.info(describeResult(result));
  }
  const failed = results.filter((r) => r.outcome === 'failed');
  setOutputs({
    'message-ids': messageIds(results),
    'delivered': results.filter((r) => r.outcome === 'delivered').length,
    'failed': failed.length,
    'results': results.map(publicResult),
  });
  writeJobSummary(resultsSummary(message, results));
  if (failed.length === 0) return;
  if (inputs.failOnError) {
    throw new UserError(
      `${failed.length} of ${results.length} notifications failed: ${failed.map(describeResult).join('; ')}`,
    );
  }
  for (const result of failed) core.warning(`Notification not delivered: ${describeResult(result)}`);
}
