import { UserError } from '../../runtime/errors.js';
import { RequestCounter } from '../../runtime/github-client.js';
import { markdownTable } from '../../runtime/summary.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { type ActionContext, requireRepository } from '../../runtime/action-context.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { sha256File } from '../../packaging/extract.js';
import { extractWithin } from '../../actions/shared/extract-within.js';
import { requireProvenance } from '../../actions/shared/require-attestation.js';
import { systemClock } from '../../runtime/clock.js';
import { gitHubApi } from '../../promotion/github-api.js';
import { shortDigest } from '../../promotion/deployment-history.js';
import { promote, type PromoteResult } from '../../promotion/promote.js';
import {
  fetchRecorded,
  obtainArtefact,
  obtainUpstream,
  type SourceContext,
} from '../../actions/shared/artefact-source.js';
import { resolve } from 'node:path';
import { carryFlags } from '../../flags/carry-flags.js';
import { repositoryFlags } from '../../flags/environment-flags.js';
import type { Inputs } from './inputs.js';
import { cancellation, deliveryExec, pollIntervals } from '../../actions/shared/run-environment.js';

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
  // The flags file is read and validated before anything is recorded: a malformed one stops the promotion here.
  const carry =
    inputs.carryFlags && inputs.target
      ? carryFlags({
          gh,
          repo,
          environment: inputs.environment,
          fromRepository: await repositoryFlags(
            resolve(context.workspace, inputs.flagsFile),
            inputs.environment,
            inputs.flagsFile,
          ),
          actor: context.actor ?? '',
          runUrl: context.runUrl ?? '',
          sha: context.sha ?? '',
          production: inputs.production,
        })
      : undefined;
  // The target's connection (an `ssh:` server) is closed however the delivery ends.
  const result = await promote(
    {
      ...inputs,
      ...pollIntervals(context.tuning),
      window: {
        policy: { windows: inputs.windows, freezes: inputs.freezes, timezone: inputs.timezone },
        waitMs: inputs.windowWaitMs,
        overrideReason: inputs.overrideReason,
      },
      sha: context.sha ?? '',
      runUrl: context.runUrl ?? '',
    },
    {
      gh,
      repo,
      clock: systemClock,
      signal,
      exec: deliveryExec(inputs),
      extract: extractWithin(inputs.extractLimits),
      // The digest of the bytes about to be deployed is known here, before anything is recorded.
      hashFile: async (file) => {
        const digest = await sha256File(file);
        if (inputs.attestation.required)
          await requireProvenance(digest, inputs.attestation, { ...ctx, serverUrl: context.serverUrl }, core.info);
        return digest;
      },
      obtainArtefact: (upstream) =>
        inputs.source ? obtainArtefact(inputs.source, ctx) : obtainUpstream(upstream, ctx),
      fetchArtefact: (ref) => fetchRecorded(ref, ctx),
      workDir: ctx.temp,
      log: (message) => core.info(message),
      ...(carry ? { carryFlags: carry } : {}),
    },
  ).finally(() => inputs.target?.close());
  core.info(`GitHub API requests: ${counter.total}.`);
  setOutputs({
    'deployment-id': result.deploymentId === undefined ? undefined : String(result.deploymentId),
    'environment-url': result.environmentUrl,
    'version': result.version,
    'digest': result.digest,
    'slot': result.slot ?? '',
    'previous-version': result.previous?.version ?? '',
    'previous-digest': result.previous?.digest ?? '',
    'rolled-back': String(result.outcome === 'rolled-back'),
    'skipped': String(result.outcome === 'skipped'),
  });
  writeJobSummary(summary(inputs, result));
  if (result.error)
    throw new UserError(`Promotion of ${result.version} to '${inputs.environment}' failed: ${result.error}`);
}

const VERDICT: Record<PromoteResult['outcome'], string> = {
  'deployed': '✅ Promoted',
  'skipped': '⏭️ Already live:',
  'rolled-back': '↩️ Rolled back a failed promotion of',
  'failed': '❌ Failed to promote',
  'cancelled': '⛔ Cancelled the promotion of',
};

function summary(inputs: Inputs, result: PromoteResult): string {
  const from = result.upstream ? `${result.upstream.environment} (deployment ${result.upstream.deploymentId})` : '—';
  const previous = result.previous ? `${result.previous.version} (${shortDigest(result.previous.digest)})` : '—';
  const lines = [
    `### ${VERDICT[result.outcome]} ${result.version} to ${inputs.environment}`,
    '',
    markdownTable(
      ['Environment', 'Version', 'Digest', 'From', 'Strategy', 'Slot', 'Previous', 'Deployment'],
      [
        [
          inputs.environment,
          result.version,
          `\`${result.digest}\``,
          from,
          inputs.strategy,
          result.slot ?? '—',
          previous,
          result.deploymentId ?? '—',
        ],
      ],
    ),
    '',
  ];
  if (result.environmentUrl) lines.push(`Live at ${result.environmentUrl}`, '');
  if (result.window.kind === 'overridden')
    lines.push(`**Window override:** ${result.window.reason} (the deployment was ${result.window.closedBecause}).`, '');
  if (result.window.kind === 'waited')
    lines.push(`Waited ${Math.round(result.window.waitedMs / 1000)}s for the deployment window.`, '');
  if (result.error) lines.push(`**Why:** ${result.error}`, '');
  return lines.join('\n');
}
