import { expect } from 'vitest';
import type { FaultKind, FaultOptions, GitHubEmulator } from '../../support/emulator/index.js';

/** The faults of issue 11: 5xx, primary and secondary rate limits (with retry-after), dropped connections. */
export const FAULT_KINDS: FaultKind[] = ['500', '502', '503', '429', '403-secondary', 'drop'];

/** 10% of GitHub requests failing; retry-after 1 s, the shortest octokit honours (0 means "wait 60 s"). */
export function tenPercent(seed: number): FaultOptions {
  return { seed, rate: 0.1, kinds: FAULT_KINDS, retryAfterSeconds: 1 };
}

/** How many faults the emulator injected, by kind. */
export function faultsInjected(gh: GitHubEmulator, since = 0): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of gh.requests.slice(since)) if (request.faulted) counts[request.fault ?? 'unknown'] = (counts[request.fault ?? 'unknown'] ?? 0) + 1;
  return counts;
}

const duplicates = (keys: string[]) => keys.filter((key, index) => keys.indexOf(key) !== index);

/**
 * Nothing GitHub holds was created twice: one release per tag, one deployment per run and
 * environment (the payload's run_url names the run), no deployment status repeated back to back
 * (what a retried POST leaves), one check run per name, commit and run, one comment per body.
 */
export function expectNoDuplicates(gh: GitHubEmulator): void {
  const { releases, deployments, deploymentStatuses, checkRuns, issueComments } = gh.state;
  expect(duplicates(releases.map((r) => `${r.repository} ${r.tag_name}`)), 'releases created twice').toEqual([]);
  expect(
    duplicates(deployments.map((d) => `${d.repository} ${d.environment} ${d.task} ${JSON.stringify((d.payload as { run_url?: string }).run_url ?? d.id)}`)),
    'deployments created twice by one run',
  ).toEqual([]);
  const repeated: string[] = [];
  for (const deployment of deployments) {
    const statuses = deploymentStatuses.filter((s) => s.deploymentId === deployment.id).map((s) => `${s.state}: ${s.description}`);
    statuses.forEach((status, index) => {
      if (index > 0 && statuses[index - 1] === status) repeated.push(`deployment ${deployment.id}: ${status}`);
    });
  }
  expect(repeated, 'deployment statuses created twice').toEqual([]);
  expect(duplicates(checkRuns.map((c) => `${c.repository} ${c.name} ${c.head_sha} ${c.external_id ?? ''} ${c.details_url ?? ''}`)), 'check runs created twice').toEqual([]);
  expect(duplicates(issueComments.map((c) => `${c.repository} #${c.issue_number} ${c.body}`)), 'comments created twice').toEqual([]);
}
