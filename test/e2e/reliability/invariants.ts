import { expect } from 'vitest';
import type { FaultKind, FaultOptions, GitHubEmulator } from '../../support/emulator/index.js';

/** The faults of issue 11: 5xx, primary and secondary rate limits (with retry-after), dropped connections. */
export const FAULT_KINDS: FaultKind[] = ['500', '502', '503', '429', '403-secondary', 'drop'];

/** 10% of GitHub requests failing; retry-after 1 s, the shortest octokit honours (0 means "wait 60 s"). */
export function tenPercent(seed: number): FaultOptions {
  return { seed, rate: 0.1, kinds: FAULT_KINDS, retryAfterSeconds: 1 };
}

/** A request as the emulator, the artifact service and the chat sinks log it, reduced to its fault. */
export interface FaultedRequest {
  fault?: string;
}

/**
 * The faults each run of one action met, to show that the fault runs really meet faults: every
 * kind asked for, in most runs, at about the rate asked for.
 */
export class FaultLedger {
  readonly runs: Array<{ label: string; requests: number; faults: string[] }> = [];

  constructor(readonly action: string) {}

  /** One run: the requests it made (each with the fault that answered it, if any). */
  record(label: string, requests: FaultedRequest[]): void {
    this.runs.push({
      label,
      requests: requests.length,
      faults: requests.flatMap((request) => (request.fault ? [request.fault] : [])),
    });
  }

  get byKind(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const fault of this.runs.flatMap((run) => run.faults)) counts[fault] = (counts[fault] ?? 0) + 1;
    return counts;
  }

  get runsMeetingFaults(): number {
    return this.runs.filter((run) => run.faults.length > 0).length;
  }

  /** One line for the test log, e.g. `gate: 12 runs, 10 met faults; 15 of 150 requests failed (10.0%) {"500":3,...}`. */
  describe(): string {
    const requests = this.runs.reduce((sum, run) => sum + run.requests, 0);
    const faults = this.runs.reduce((sum, run) => sum + run.faults.length, 0);
    const share = requests === 0 ? 0 : (100 * faults) / requests;
    return `${this.action}: ${this.runs.length} runs, ${this.runsMeetingFaults} met faults; ${faults} of ${requests} requests failed (${share.toFixed(1)}%) ${JSON.stringify(this.byKind)}`;
  }

  /** Every kind was injected at least once across the runs, and more than half of the runs met a fault. */
  expectCoverage(kinds: readonly string[]): void {
    const byKind = this.byKind;
    expect(
      kinds.filter((kind) => !byKind[kind]),
      `${this.describe()}: kinds never injected`,
    ).toEqual([]);
    expect(this.runsMeetingFaults, `${this.describe()}: runs that met a fault`).toBeGreaterThan(this.runs.length / 2);
  }
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
    duplicates(
      deployments.map(
        (d) =>
          `${d.repository} ${d.environment} ${d.task} ${JSON.stringify((d.payload as { run_url?: string }).run_url ?? d.id)}`,
      ),
    ),
    'deployments created twice by one run',
  ).toEqual([]);
  const repeated: string[] = [];
  for (const deployment of deployments) {
    const statuses = deploymentStatuses
      .filter((s) => s.deploymentId === deployment.id)
      .map((s) => `${s.state}: ${s.description}`);
    statuses.forEach((status, index) => {
      if (index > 0 && statuses[index - 1] === status) repeated.push(`deployment ${deployment.id}: ${status}`);
    });
  }
  expect(repeated, 'deployment statuses created twice').toEqual([]);
  expect(
    duplicates(
      checkRuns.map((c) => `${c.repository} ${c.name} ${c.head_sha} ${c.external_id ?? ''} ${c.details_url ?? ''}`),
    ),
    'check runs created twice',
  ).toEqual([]);
  expect(
    duplicates(issueComments.map((c) => `${c.repository} #${c.issue_number} ${c.body}`)),
    'comments created twice',
  ).toEqual([]);
}
