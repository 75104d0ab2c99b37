import { statSync } from 'node:fs';
import { join } from 'node:path';
import { clipText } from '../../runtime/clip.js';
import { InputError, UserError } from '../../runtime/errors.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { type ActionContext, requireRepository } from '../../runtime/action-context.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import {
  stepAnnotations,
  testAnnotations,
  toCheckAnnotations,
  uncoveredAnnotations,
} from '../../gating/output/annotations.js';
import { changedLinesSince, patchCoverage } from '../../gating/patch-coverage.js';
import { createGit, GitError } from '../../git/runner.js';
import { checkRunApi, checkRunText, publishCheckRun } from '../../gating/output/check-run.js';
import { parseRecord, recordText } from '../../gating/baseline.js';
import { findReports } from '../../gating/io/find-reports.js';
import { findFiles } from '../../runtime/glob.js';
import { confineToRoot } from '../../gating/io/confine.js';
import { LimitExceeded } from '../../gating/io/limit-exceeded.js';
import { gateReports } from '../../gating/gate.js';
import { commitChecksApi, waitForRequiredChecks } from '../../gating/required-checks.js';
import { systemClock } from '../../runtime/clock.js';
import { gateSummary } from '../../gating/output/summary-markdown.js';
import { type Inputs, LIMIT_INPUTS } from './inputs.js';
import { mergedReports } from './merge.js';

/**
 * When the job started, for telling a fresh report from one left over by an earlier run: the runner
 * writes the event payload file as the job starts, so its time needs no request.
 */
function jobStarted(context: ActionContext): Date | undefined {
  return context.eventPath ? statSync(context.eventPath, { throwIfNoEntry: false })?.mtime : undefined;
}

/**
 * The tests failing on the baseline commit, from the record its gate kept in the check run (one request).
 * Only with `new-failures-only` do they change the verdict; without a record every failure counts, as said.
 */
async function readBaseline(
  client: Parameters<typeof checkRunText>[0],
  where: { owner: string; repo: string },
  ref: string,
  checkRun: string,
  allow: boolean,
): Promise<Set<string> | undefined> {
  const record = parseRecord(await checkRunText(client, where.owner, where.repo, ref, checkRun));
  if (!record) {
    core.warning(
      `No gate record on the baseline ${ref} (no completed check run '${checkRun}' made by this gate there), ` +
        'so every failure counts as new.',
    );
    return undefined;
  }
  const incomplete = record.complete ? '' : ' (the record is incomplete)';
  core.info(
    `Baseline ${ref}: ${record.failing.length} test(s) failing there${incomplete}${allow ? '; they are allowed here' : ''}.`,
  );
  return allow ? new Set(record.failing) : undefined;
}

/** The base changed lines are counted from: the input, else the pull request's base commit. */
function patchBase(inputs: Inputs, context: ActionContext): string {
  const base = inputs.patchBase ?? context.event.pull_request?.base?.sha;
  if (base) return base;
  throw new InputError(
    'patch-base',
    "Input 'min-patch-coverage' needs the commit this change is measured from: outside a pull request, set 'patch-base' (e.g. `origin/main`).",
  );
}

/** Changed lines from the local checkout; a shallow one lacks the base, which deserves one clear line. */
async function changedLines(workspace: string, base: string) {
  try {
    return await changedLinesSince(createGit(workspace), base);
  } catch (error) {
    if (error instanceof GitError) {
      throw new UserError(
        `Cannot diff against the base ${base} for 'min-patch-coverage' (${error.message}); ` +
          'check out with `fetch-depth: 0` so the base commit is present.',
      );
    }
    throw error;
  }
}

/** GitHub's answer to a token that may read but not write (403, not a rate limit). */
const isWriteRefused = (error: unknown) =>
  (error as { status?: number } | undefined)?.status === 403 &&
  /not accessible|permission/i.test((error as Error).message);

/** A parse limit's refusal, with the input that raises it. */
function wordLimit(error: unknown): never {
  if (error instanceof LimitExceeded)
    throw new UserError(
      `${error.message} Raise it with the '${LIMIT_INPUTS[error.limit]}' input if the report is genuine.`,
    );
  throw error;
}

/** The commit the checks belong to: a pull request's head, otherwise GITHUB_SHA. */
function commitSha(context: ActionContext): string {
  const sha = context.event.pull_request?.head?.sha ?? context.sha;
  if (!sha)
    throw new UserError(
      'GITHUB_SHA is not set, so there is no commit to read checks from; run this action inside a workflow.',
    );
  return sha;
}

function where(context: ActionContext): { owner: string; repo: string; sha: string } {
  const { owner, name } = requireRepository(context);
  return { owner, repo: name, sha: commitSha(context) };
}

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs, context: ActionContext): Promise<void> {
  const { workspace } = context;
  const merged =
    inputs.mode === 'merge' && inputs.artifactPattern
      ? await mergedReports(inputs.artifactPattern, inputs.reports, context.temp)
      : undefined;
  if (merged)
    core.info(`Merging the reports of ${merged.artifacts.length} artifact(s): ${merged.artifacts.join(', ')}.`);
  const files = merged?.files ?? confineToRoot(findReports(inputs.reports, workspace), workspace);
  const retryFiles = confineToRoot(
    inputs.retryReports.length > 0 ? findFiles(inputs.retryReports, workspace) : [],
    workspace,
  );
  const coverageFiles = confineToRoot(
    inputs.coverage.length > 0 ? findReports(inputs.coverage, workspace, 'coverage report', 'coverage') : [],
    workspace,
  );
  const notBefore = jobStarted(context);
  const client =
    inputs.token && (inputs.requiredChecks.length > 0 || inputs.checkRun)
      ? actionGitHubClient(inputs.token, context)
      : undefined;
  const commit = client ? where(context) : undefined;
  const baselineFailures =
    client && commit && inputs.baseline && inputs.checkRun
      ? await readBaseline(client, commit, inputs.baseline, inputs.checkRun, inputs.newFailuresOnly)
      : undefined;
  const patch =
    inputs.minPatchCoverage !== undefined
      ? await patchCoverage(
          coverageFiles,
          await changedLines(workspace, patchBase(inputs, context)),
          workspace,
          inputs.limits,
        ).catch(wordLimit)
      : undefined;
  const reportJson = join(
    context.temp,
    `slipway-gate-${context.runId ?? process.pid}-${context.job ?? 'job'}`,
    'report.json',
  );

  const result = await gateReports({
    files,
    retryFiles,
    flaky: inputs.flaky,
    limits: inputs.limits,
    notBefore,
    // A downloaded artifact is written now, so only reports of this job's own workspace can be stale.
    failOnStale: inputs.failOnStale,
    reportLabel: merged?.label,
    baselineFailures,
    patch,
    format: inputs.format,
    rules: {
      maxFailures: inputs.maxFailures,
      minPassRate: inputs.minPassRate,
      minTests: inputs.minTests,
      minCoverage: inputs.minCoverage,
      minPatchCoverage: inputs.minPatchCoverage,
    },
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
  }).catch(wordLimit);
  const { verdict, totals } = result;
  for (const report of result.stale) {
    const started = notBefore ? ` (${notBefore.toISOString()})` : '';
    core.warning(
      `${report.file} was last written at ${report.modified.toISOString()}, before this job started${started}: it is left over from an earlier run. ` +
        "Set 'fail-on-stale: true' to fail the gate on it.",
    );
  }

  const tests = testAnnotations(result.collector.failures, result.collector.flaky, {
    workspace,
    max: inputs.maxAnnotations,
  });
  const annotations = [...tests, ...uncoveredAnnotations(patch?.uncovered ?? [], inputs.maxAnnotations - tests.length)];
  let annotationsCut = 0;
  let checkRunRefused: string | undefined;
  let published = false;
  if (client && commit && inputs.checkRun) {
    try {
      const run = await publishCheckRun(
        checkRunApi(client, commit.owner, commit.repo, commit.sha, { retryBaseMs: context.tuning.retryBaseMs }),
        {
          name: inputs.checkRun,
          externalId: `slipway-gate/${context.runId ?? ''}/${context.runAttempt ?? 1}/${context.job ?? ''}`,
          conclusion: verdict.passed ? 'success' : 'failure',
          title: clipText(verdict.reason, 250),
          summary: gateSummary(result, { workspace, limitBytes: 60_000 }),
          text: recordText(result.collector.failingIds, result.collector.recordComplete),
          annotations: toCheckAnnotations(annotations),
        },
      );
      published = true;
      core.info(
        run.alreadyPublished
          ? `Check run '${inputs.checkRun}' was already published by this run.`
          : `Published check run '${inputs.checkRun}' with ${annotations.length} annotation(s) in ${run.annotationRequests} request(s).`,
      );
    } catch (error) {
      // A pull request from a fork runs with a read-only token: the verdict stands, reported another way.
      if (!isWriteRefused(error)) throw error;
      checkRunRefused =
        'the token may not create check runs ' +
        '(403: a pull request from a fork gets a read-only token, or the job lacks `permissions: checks: write`)';
      core.warning(
        `Check run '${inputs.checkRun}' was not created: ${checkRunRefused}. ` +
          'The verdict is reported through the job summary and workflow-command annotations instead.',
      );
    }
  }
  if (!published) {
    const { shown, cut } = stepAnnotations(annotations);
    annotationsCut = cut;
    for (const annotation of shown) {
      const properties = {
        title: annotation.title,
        file: annotation.file,
        startLine: annotation.line,
        endLine: annotation.endLine,
      };
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
    'preexisting': String(totals.preexisting),
    'pass-rate': verdict.executed === 0 ? '' : verdict.passRate.toFixed(2),
    'coverage': verdict.coverage === undefined ? '' : verdict.coverage.toFixed(2),
    'patch-coverage': !patch || patch.coverable === 0 ? '' : ((patch.covered / patch.coverable) * 100).toFixed(2),
    'report-json': reportJson,
    'reason': verdict.reason,
  });
  if (inputs.summary)
    writeJobSummary(gateSummary(result, { workspace, checks: result.checks, annotationsCut, checkRunRefused }));
  core.info(verdict.reason);
  if (!verdict.passed) throw new UserError(verdict.reason);
}
