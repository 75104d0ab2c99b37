import type { DeploymentEntry, SlipwayPayload, StatusState } from '../../../src/promotion/deployment-history.js';

let next = 100;

export const DIGEST_A = `sha256:${'a'.repeat(64)}`;
export const DIGEST_B = `sha256:${'b'.repeat(64)}`;
export const DIGEST_C = `sha256:${'c'.repeat(64)}`;

/** A deployment as history reads it; times are ISO strings for readability. */
export function entry(options: {
  environment: string;
  version: string;
  digest: string;
  state: StatusState;
  at: string;
  stateAt?: string;
  slot?: string | null;
  task?: string;
  description?: string;
  id?: number;
  payload?: Partial<SlipwayPayload>;
}): DeploymentEntry {
  const payload: SlipwayPayload = {
    slipway: 1,
    version: options.version,
    digest: options.digest,
    artifact: { name: 'app' },
    slot: options.slot ?? null,
    upstream: null,
    run_url: 'https://github.com/octo/app/actions/runs/1',
    ...options.payload,
  };
  return {
    id: options.id ?? next++,
    environment: options.environment,
    task: options.task ?? 'deploy',
    sha: '0123456789abcdef0123456789abcdef01234567',
    createdAt: Date.parse(options.at),
    creator: 'octocat',
    state: options.state,
    stateAt: Date.parse(options.stateAt ?? options.at),
    stateBy: 'github-actions[bot]',
    stateDescription: options.description ?? '',
    payload,
  };
}
