import { type ActionContext, requireRepository } from '../../runtime/action-context.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { markdownTable } from '../../runtime/summary.js';
import { InputError } from '../../runtime/errors.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { gitHubApi, type Repo } from '../../promotion/github-api.js';
import { readHistoryAndEnvironments, slipwayDeployedTo } from '../../promotion/deployment-history.js';
import { nameList } from '../../promotion/name-list.js';
import { matrixMarkdown, neverDeployed, statusMatrix } from '../../promotion/status-matrix.js';
import type { MatrixRow } from '../../promotion/status-matrix.js';
import type { Verdict } from '../../promotion/attestation.js';
import type { GitHubApi } from '../../promotion/github-api.js';
import { provenanceOf } from '../../actions/shared/require-attestation.js';
import { flagStatus, flagStatusMarkdown } from '../../flags/flag-status.js';
import { metricsSection } from './metrics-section.js';
import type { Inputs } from './inputs.js';

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs, context: ActionContext): Promise<void> {
  const repo = requireRepository(context);
  const gh = gitHubApi(actionGitHubClient(inputs.token, context));
  const { history, others, viewer, deployedEnvironments } = await readHistoryAndEnvironments(
    gh,
    repo,
    inputs.environments,
  );
  // An environment with no deployment yet (production before the first release) belongs in the
  // matrix; when none of them has one, the names (or the repository) are almost surely wrong.
  const empty = neverDeployed(inputs.environments, history);
  if (empty.length === inputs.environments.length)
    throw new InputError('environments', noDeployments(inputs.environments, repo, deployedEnvironments));
  if (empty.length > 0)
    core.warning(
      `${nameList(empty)} ${empty.length === 1 ? 'has' : 'have'} no deployments yet (shown as never deployed); if that is unexpected, check the name in 'environments'.`,
    );
  const rows = statusMatrix(inputs.environments, history);
  const provenance = inputs.provenance.required
    ? await provenanceByEnvironment(rows, inputs, gh, repo, context)
    : undefined;
  const metrics = inputs.metricsWindowMs
    ? await metricsSection(inputs.token, repo, inputs.environments, inputs.metricsWindowMs, context)
    : undefined;
  const matrix = provenance
    ? rows.map((row) => ({ ...row, provenance: provenance.get(row.environment) ?? null }))
    : rows;
  // Feature flags: each environment's last recorded `task: flags` change, read with the history.
  const flags = flagStatus(inputs.environments, others, { creators: [viewer] });
  setOutputs({
    matrix: JSON.stringify(matrix),
    flags: JSON.stringify(flags),
    ...(metrics ? { metrics: metrics.json } : {}),
  });
  const live = rows.filter((r) => r.version).length;
  const lines = [`### 🗺️ ${live} of ${rows.length} environments have a live release`, '', matrixMarkdown(rows), ''];
  if (provenance) lines.push(provenanceMarkdown(rows, provenance), '');
  if (flags.some((row) => row.flags)) lines.push('#### 🚩 Feature flags', '', flagStatusMarkdown(flags), '');
  if (metrics) lines.push(metrics.markdown, '');
  writeJobSummary(lines.join('\n'));
}

/** Whether each running digest carries verified build provenance from this repository (`verify-provenance`). */
async function provenanceByEnvironment(
  rows: MatrixRow[],
  inputs: Inputs,
  gh: GitHubApi,
  repo: Repo,
  context: ActionContext,
): Promise<Map<string, Verdict>> {
  const where = { gh, repo, serverUrl: context.serverUrl, workspace: context.workspace, temp: context.temp };
  const verdicts = new Map<string, Verdict>();
  for (const row of rows)
    if (row.digest) verdicts.set(row.environment, await provenanceOf(row.digest, inputs.provenance, where));
  return verdicts;
}

function provenanceMarkdown(rows: MatrixRow[], verdicts: Map<string, Verdict>): string {
  const cell = (verdict: Verdict | undefined) =>
    !verdict
      ? '—'
      : verdict.verified
        ? `✅ verified, signed by ${verdict.signer}`
        : `❌ not verified: ${verdict.reason}`;
  return markdownTable(
    ['Environment', 'Build provenance'],
    rows.map((row) => [row.environment, cell(verdicts.get(row.environment))]),
  );
}

function noDeployments(environments: string[], repo: Repo, deployedEnvironments: string[]): string {
  const given =
    environments.length === 1
      ? `'${environments[0]}' has no deployment`
      : `none of ${nameList(environments)} has any deployment`;
  return `Input 'environments': ${given} in ${repo.owner}/${repo.name} (${slipwayDeployedTo(deployedEnvironments)}); check the names against the promote steps' 'environment', or run status in the repository that deploys.`;
}
