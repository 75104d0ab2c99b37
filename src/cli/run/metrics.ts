import { createGit } from '../../git/runner.js';
import { measureDelivery } from '../../promotion/metrics/measure.js';
import { metricsText } from '../../promotion/metrics/render.js';
import { parseDuration } from '../../runtime/duration.js';
import { UserError } from '../../runtime/errors.js';
import { gitHubAccess } from './github-access.js';
import { EXIT_OK } from '../exit-codes.js';

export interface MetricsOptions {
  repository?: string;
  environment?: string;
  window: string;
  fixWindow: string;
  apiUrl?: string;
  json?: boolean;
}

function duration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0)
    throw new UserError(`${flag} must be a duration such as 30d, 12h or 90m; got ${JSON.stringify(text)}.`);
  return ms;
}

/** `slipway metrics`: the DORA keys per environment, as a table or JSON. */
export async function runMetrics(options: MetricsOptions): Promise<number> {
  const windowMs = duration('--window', options.window);
  const fixForwardMs = duration('--fix-window', options.fixWindow);
  const { repo, gh } = gitHubAccess('--repository', options.repository, options.apiUrl);
  const environments = (options.environment ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const metrics = await measureDelivery(gh, repo, {
    environments,
    now: Date.now(),
    windowMs,
    fixForwardMs,
    git: createGit(process.cwd()),
  });
  process.stdout.write(options.json ? `${JSON.stringify(metrics, null, 2)}\n` : `${metricsText(metrics)}\n`);
  return EXIT_OK;
}
