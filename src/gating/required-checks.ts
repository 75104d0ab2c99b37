import type { Clock } from '../runtime/clock.js';
import type { GitHubClient } from '../runtime/github-client.js';

export interface CheckRunInfo {
  id: number;
  status: string;
  conclusion: string | null;
}

export interface StatusInfo {
  context: string;
  state: string;
}

/** The two reads a wait needs, for one commit. */
export interface CommitChecksApi {
  checkRuns(name: string): Promise<CheckRunInfo[]>;
  statuses(): Promise<StatusInfo[]>;
}

export type CheckVerdict = 'success' | 'failure' | 'pending' | 'missing';

export interface CheckState {
  name: string;
  state: CheckVerdict;
  /** What GitHub said: a check run's status/conclusion or a commit status' state. */
  detail: string;
}

export interface WaitOptions {
  names: readonly string[];
  timeoutMs: number;
  /** Names of this gate's own job and check run: waiting on them would wait forever. */
  ownNames?: readonly string[];
  firstDelayMs?: number;
  maxDelayMs?: number;
  log?: (message: string) => void;
}

export interface WaitResult {
  ok: boolean;
  reason: string;
  checks: CheckState[];
  ignored: string[];
  polls: number;
}

const PASSING_CONCLUSIONS = new Set(['success', 'neutral', 'skipped']);

async function stateOf(api: CommitChecksApi, name: string, statuses: StatusInfo[]): Promise<CheckState> {
  const runs = await api.checkRuns(name);
  const latest = runs.reduce<CheckRunInfo | undefined>(
    (best, run) => (!best || run.id > best.id ? run : best),
    undefined,
  );
  if (latest) {
    if (latest.status !== 'completed') return { name, state: 'pending', detail: latest.status };
    const conclusion = latest.conclusion ?? 'none';
    return { name, state: PASSING_CONCLUSIONS.has(conclusion) ? 'success' : 'failure', detail: conclusion };
  }
  const status = statuses.find((entry) => entry.context === name);
  if (!status) return { name, state: 'missing', detail: 'not reported yet' };
  const state: CheckVerdict =
    status.state === 'success' ? 'success' : status.state === 'pending' ? 'pending' : 'failure';
  return { name, state, detail: status.state };
}

const describe = (checks: CheckState[]) => checks.map((check) => `'${check.name}' (${check.detail})`).join(', ');

/**
 * Waits until every named check run or commit status on the commit succeeded, failing as soon as one
 * fails, polling with doubling delays until `timeoutMs`. Never waits on the gate's own job.
 */
export async function waitForRequiredChecks(
  api: CommitChecksApi,
  clock: Clock,
  options: WaitOptions,
): Promise<WaitResult> {
  const own = new Set((options.ownNames ?? []).filter(Boolean).map((name) => name.toLowerCase()));
  const ignored = options.names.filter((name) => own.has(name.toLowerCase()));
  for (const name of ignored) options.log?.(`Not waiting on required check '${name}': it is this gate's own job.`);
  const names = [...new Set(options.names.filter((name) => !own.has(name.toLowerCase())))];
  const deadline = clock.now() + options.timeoutMs;
  let delay = options.firstDelayMs ?? 5_000;
  let polls = 0;
  for (;;) {
    polls += 1;
    const statuses = await api.statuses();
    const checks = await Promise.all(names.map((name) => stateOf(api, name, statuses)));
    const failed = checks.filter((check) => check.state === 'failure');
    const waiting = checks.filter((check) => check.state === 'pending' || check.state === 'missing');
    if (failed.length > 0)
      return { ok: false, reason: `required check ${describe(failed)} did not succeed`, checks, ignored, polls };
    if (waiting.length === 0)
      return {
        ok: true,
        reason: `required checks succeeded: ${names.map((name) => `'${name}'`).join(', ') || 'none'}`,
        checks,
        ignored,
        polls,
      };
    const left = deadline - clock.now();
    if (left <= 0) {
      return {
        ok: false,
        reason: `timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for required check ${describe(waiting)}`,
        checks,
        ignored,
        polls,
      };
    }
    options.log?.(`Waiting for ${describe(waiting)}; next look in ${Math.round(Math.min(delay, left) / 1000)}s.`);
    await clock.sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, options.maxDelayMs ?? 60_000);
  }
}

/** The reads above through the runtime's GitHub client. */
export function commitChecksApi(client: GitHubClient, owner: string, repo: string, ref: string): CommitChecksApi {
  return {
    async checkRuns(name) {
      const { data } = await client.rest.checks.listForRef({
        owner,
        repo,
        ref,
        check_name: name,
        filter: 'latest',
        per_page: 100,
      });
      return data.check_runs.map((run) => ({ id: run.id, status: run.status, conclusion: run.conclusion }));
    },
    async statuses() {
      const { data } = await client.rest.repos.getCombinedStatusForRef({ owner, repo, ref, per_page: 100 });
      return data.statuses.map((status) => ({ context: status.context, state: status.state }));
    },
  };
}
