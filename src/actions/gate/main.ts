import { join } from 'node:path';
import { clipText } from '../../runtime/clip.js';
import { UserError } from '../../runtime/errors.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { type ActionContext, requireRepository } from '../../runtime/action-context.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { stepAnnotations, testAnnotations, toCheckAnnotations } from '../../gating/output/annotations.js';
import { checkRunApi, publishCheckRun } from '../../gating/output/check-run.js';
import { findReports } from '../../gating/io/find-reports.js';
import { gateReports } from '../../gating/gate.js';
import { commitChecksApi, waitForRequiredChecks } from '../../gating/required-checks.js';
import { systemClock } from '../../runtime/clock.js';
import { gateSummary } from '../../gating/output/summary-markdown.js';
import type { Inputs } from './inputs.js';

/** The commit the checks belong to: a pull request's head, otherwise GITHUB_SHA. */
function commitSha(context: ActionContext): string {
  const sha = context.event.pull_request?.head?.sha ?? context.sha;
  if (!sha) throw new UserError('GITHUB_SHA is not set, so there is no commit to read checks from; run this action inside a workflow.');
  return sha;
}

function where(context: ActionContext): { owner: string; repo: string; sha: string } {
  const { owner, name } = requireRepository(context);
  return { owner, repo: name, sha: commitSha(context) };
}

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs, context: ActionContext): Promise<void> {
  const { workspace } = context;
  const files = findReports(inputs.reports, workspace);
  const coverageFiles = inputs.coverage.length > 0 ? findReports(inputs.coverage, workspace, 'coverage report', 'coverage') : [];
  const client = inputs.token && (inputs.requiredChecks.length > 0 || inputs.checkRun) ? actionGitHubClient(inputs.token, context) : undefined;
  const commit = client ? where(context) : undefined;
  const reportJson = join(context.temp, `slipway-gate-${context.runId ?? process.pid}-${context.job ?? 'job'}`, 'report.json');

  const result = await gateReports({
    files,
    format: inputs.format,
    rules: { maxFailures: inputs.maxFailures, minPassRate: inputs.minPassRate, minTests: inputs.minTests, minCoverage: inputs.minCoverage },
    quarantine: inputs.quarantine,
    coverageFiles,
    maxListed: Math.max(100, inputs.maxAnnotations),
    reportJson,
    waitForChecks:
      client && commit && inputs.requiredChecks.length > 0
        ? () =>
            waitForRequiredChecks(commitChecksApi(client, commit.owner, commit.repo, commit.sha), systemClock, {
              names: inputs.requiredChecks,
              timeoutMs: inputs.checksTimeoutMs,
              firstDelayMs: context.tuning.pollMs || undefined,
              ownNames: [context.job ?? '', inputs.checkRun ?? ''],
              log: (message) => core.info(message),
            })
        : undefined,
  });
  const { verdict, totals } = result;

  const annotations = testAnnotations(result.collector.failures, result.collector.flaky, { workspace, max: inputs.maxAnnotations });
  let annotationsCut = 0;
  if (client && commit && inputs.checkRun) {
    const published = await publishCheckRun(checkRunApi(client, commit.owner, commit.repo, commit.sha, { retryBaseMs: context.tuning.retryBaseMs }), {
      name: inputs.checkRun,
      externalId: `slipway-gate/${context.runId ?? ''}/${context.runAttempt ?? 1}/${context.job ?? ''}`,
      conclusion: verdict.passed ? 'success' : 'failure',
      title: clipText(verdict.reason, 250),
      summary: gateSummary(result, { workspace, limitBytes: 60_000 }),
      annotations: toCheckAnnotations(annotations),
    });
    core.info(published.alreadyPublished ? `Check run '${inputs.checkRun}' was already published by this run.` : `Published check run '${inputs.checkRun}' with ${annotations.length} annotation(s) in ${published.annotationRequests} request(s).`);
  } else {
    const { shown, cut } = stepAnnotations(annotations);
    annotationsCut = cut;
    for (const annotation of shown) {
      const properties = { title: annotation.title, file: annotation.file, startLine: annotation.line };
      if (annotation.level === 'failure') core.error(annotation.message, properties);
      else core.warning(annotation.message, properties);
    }
  }

  setOutputs({
    'passed': String(verdict.passed),
    'total': String(totals.total),
    'passed-count': String(totals.passed),
    'failed': String(totals.failed),
    'errored': String(totals.errored),
    'skipped': String(totals.skipped),
    'flaky': String(totals.flaky),
    'quarantined': String(totals.quarantined),
    'pass-rate': verdict.passRate.toFixed(2),
    'coverage': verdict.coverage === undefined ? '' : verdict.coverage.toFixed(2),
    'report-json': reportJson,
    'reason': verdict.reason,
  });
  if (inputs.summary) writeJobSummary(gateSummary(result, { workspace, checks: result.checks, annotationsCut }));
  core.info(verdict.reason);
  if (!verdict.passed) throw new UserError(verdict.reason);
}
