import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { InputError } from '../../runtime/errors.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { gitHubApi, type Repo } from '../../promotion/github-api.js';
import { readHistoryAndEnvironments, slipwayDeployedTo } from '../../promotion/history.js';
import { nameList } from '../../promotion/name-list.js';
import { matrixMarkdown, neverDeployed, statusMatrix } from '../../promotion/status-matrix.js';
import { repoFromEnv } from '../shared/run-environment.js';
import { metricsSection } from './metrics-section.js';
import type { Inputs } from './inputs.js';

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs): Promise<void> {
  const repo = repoFromEnv();
  const { history, deployedEnvironments } = await readHistoryAndEnvironments(gitHubApi(actionGitHubClient(inputs.token)), repo, inputs.environments);
  // An environment with no deployment yet (production before the first release) belongs in the
  // matrix; when none of them has one, the names (or the repository) are almost surely wrong.
  const empty = neverDeployed(inputs.environments, history);
  if (empty.length === inputs.environments.length) throw new InputError('environments', noDeployments(inputs.environments, repo, deployedEnvironments));
  if (empty.length > 0) core.warning(`${nameList(empty)} ${empty.length === 1 ? 'has' : 'have'} no deployments yet (shown as never deployed); if that is unexpected, check the name in 'environments'.`);
  const rows = statusMatrix(inputs.environments, history);
  const metrics = inputs.metricsWindowMs ? await metricsSection(inputs.token, repo, inputs.environments, inputs.metricsWindowMs) : undefined;
  setOutputs({ 'matrix': JSON.stringify(rows), ...(metrics ? { 'metrics': metrics.json } : {}) });
  const live = rows.filter((r) => r.version).length;
  writeJobSummary([`### 🗺️ ${live} of ${rows.length} environments have a live release`, '', matrixMarkdown(rows), '', ...(metrics ? [metrics.markdown, ''] : [])].join('\n'));
}

function noDeployments(environments: string[], repo: Repo, deployedEnvironments: string[]): string {
  const given = environments.length === 1 ? `'${environments[0]}' has no deployment` : `none of ${nameList(environments)} has any deployment`;
  return `Input 'environments': ${given} in ${repo.owner}/${repo.name} (${slipwayDeployedTo(deployedEnvironments)}); check the names against the promote steps' 'environment', or run status in the repository that deploys.`;
}
