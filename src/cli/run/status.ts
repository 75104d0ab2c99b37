import { readHistory } from '../../promotion/deployment-history.js';
import { matrixText, statusMatrix } from '../../promotion/status-matrix.js';
import { gitHubAccess } from './github-access.js';
import { EXIT_OK } from '../exit-codes.js';

export interface StatusOptions {
  repo?: string;
  apiUrl?: string;
  json?: boolean;
}

/** `slipway status`: the environment × version matrix from GitHub Deployments. */
export async function runStatus(environments: string[], options: StatusOptions): Promise<number> {
  const { repo, gh } = gitHubAccess('--repo', options.repo, options.apiUrl);
  const list = environments
    .flatMap((e) => e.split(','))
    .map((e) => e.trim())
    .filter(Boolean);
  const rows = statusMatrix(list, await readHistory(gh, repo, list));
  process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${matrixText(rows)}\n`);
  return EXIT_OK;
}
