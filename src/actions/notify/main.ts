import { readFileSync } from 'node:fs';
import { UserError } from '../../runtime/errors.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { type DeliveryResult, deliver, messageIds } from '../../notify/deliver.js';
import { composeMessage, type RunContext } from '../../notify/message.js';
import { describeResult, resultsSummary } from '../../notify/results-summary.js';
import { DEFAULT_POLICY, systemClock } from '../../notify/retry.js';
import type { Inputs } from './inputs.js';

/** The run's facts from the runner's environment; the pull request (its title is untrusted) from the event payload. */
export function runContext(env: NodeJS.ProcessEnv): RunContext {
  let pullRequest: RunContext['pullRequest'];
  try {
    const payload = env.GITHUB_EVENT_PATH ? (JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: number; title?: string; html_url?: string } }) : {};
    const pr = payload.pull_request;
    if (pr?.number !== undefined && typeof pr.title === 'string') pullRequest = { number: pr.number, title: pr.title, url: pr.html_url };
  } catch {
    // no readable event payload: the message simply has no pull request field
  }
  return {
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    repository: env.GITHUB_REPOSITORY,
    runId: env.GITHUB_RUN_ID,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || undefined,
    actor: env.GITHUB_ACTOR,
    sha: env.GITHUB_SHA,
    pullRequest,
  };
}

function publicResult(result: DeliveryResult) {
  const { payload: _payload, headers: _headers, ref, ...rest } = result;
  return { ...rest, ...(ref?.id ? { id: ref.id } : {}) };
}

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs): Promise<void> {
  const context = runContext(process.env);
  const message = composeMessage(inputs.message, context);
  const retryBase = Number(process.env.SLIPWAY_RETRY_BASE_MS);
  const results = await deliver(inputs.destinations, message, {
    refs: inputs.update,
    dryRun: inputs.dryRun,
    mask: (secret) => core.setSecret(secret),
    runThreadKey: `slipway-${context.repository ?? 'run'}-${context.runId ?? '0'}`,
    policy: { ...DEFAULT_POLICY, timeoutMs: inputs.timeoutMs, ...(process.env.SLIPWAY_RETRY_BASE_MS && retryBase >= 0 ? { baseMs: retryBase } : {}) },
    clock: systemClock,
    slackApiUrl: process.env.SLIPWAY_SLACK_API_URL || undefined,
  });

  for (const result of results) {
    if (result.outcome === 'dry-run') {
      core.startGroup(`${result.label}: payload for ${result.target}`);
      for (const [name, value] of Object.entries(result.headers ?? {})) core.info(`${name}: ${value} (of the body as sent: compact JSON)`);
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
    throw new UserError(`${failed.length} of ${results.length} notifications failed: ${failed.map(describeResult).join('; ')}`);
  }
  for (const result of failed) core.warning(`Notification not delivered: ${describeResult(result)}`);
}
