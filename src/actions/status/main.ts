import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { actionInputs, core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { gitHubApi } from '../../promotion/github-api.js';
import { readHistory } from '../../promotion/history.js';
import { matrixMarkdown, statusMatrix } from '../../promotion/status-matrix.js';
import { repoFromEnv } from '../promote/run-environment.js';
import { readInputs } from './inputs.js';

export async function run(): Promise<void> {
  const inputs = readInputs(actionInputs(), (secret) => core.setSecret(secret));
  const repo = repoFromEnv();
  const history = await readHistory(gitHubApi(actionGitHubClient(inputs.token)), repo, inputs.environments);
  const rows = statusMatrix(inputs.environments, history);
  setOutputs({ 'matrix': JSON.stringify(rows) });
  const live = rows.filter((r) => r.version).length;
  writeJobSummary([`### 🗺️ ${live} of ${rows.length} environments have a live release`, '', matrixMarkdown(rows), ''].join('\n'));
}
