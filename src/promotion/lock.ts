import { formatDuration } from '../runtime/duration.js';
import { UserError } from '../runtime/errors.js';
import { type Clock, throwIfCancelled } from '../runtime/clock.js';
import { type DeploymentEntry, describeEntry } from './deployment-history.js';

export interface LockOptions {
  environment: string;
  timeoutMs: number;
  staleAfterMs: number;
  pollMs: number;
  clock: Clock;
  signal?: AbortSignal;
  /** Re-reads the environment's deployments, newest first. */
  read(): Promise<DeploymentEntry[]>;
  /** Marks a stale deployment `error` ("abandoned"). */
  abandon(entry: DeploymentEntry): Promise<void>;
  /** Our own deployment, once created: only earlier ones can hold the lock then. */
  ownId?: number;
  log?: (message: string) => void;
}

const ACTIVE = new Set(['in_progress', 'queued']);

/**
 * The deployments holding the environment's lock. Before ours exists, any running one; after,
 * only earlier ones (including ones just created, still without a status), so two promotions
 * that start together agree that the lower id goes first.
 */
export function lockHolders(entries: DeploymentEntry[], ownId?: number): DeploymentEntry[] {
  if (ownId === undefined) return entries.filter((e) => ACTIVE.has(e.state));
  return entries.filter(
    (e) => e.id < ownId && (ACTIVE.has(e.state) || (e.state === 'pending' && e.payload !== undefined)),
  );
}

/**
 * Waits until no other promotion of the environment is running, at most `timeoutMs`. A holder
 * silent for longer than `staleAfterMs` is marked abandoned and ignored. Returns the latest entries.
 */
export async function acquireLock(initial: DeploymentEntry[], options: LockOptions): Promise<DeploymentEntry[]> {
  const { clock, log = () => {} } = options;
  const start = clock.now();
  const abandoned = new Set<number>();
  let entries = initial;
  for (;;) {
    const holders: DeploymentEntry[] = [];
    for (const holder of lockHolders(entries, options.ownId)) {
      if (abandoned.has(holder.id)) continue;
      if (clock.now() - holder.stateAt > options.staleAfterMs) {
        log(
          `Deployment ${holder.id} (${describeEntry(holder)}) has been silent for over ${formatDuration(options.staleAfterMs)}; marking it abandoned.`,
        );
        await options.abandon(holder);
        abandoned.add(holder.id);
      } else holders.push(holder);
    }
    if (holders.length === 0) return entries;
    const waited = clock.now() - start;
    const [first] = holders as [DeploymentEntry];
    if (waited >= options.timeoutMs) {
      throw new UserError(
        `Another promotion of '${options.environment}' is still running (deployment ${first.id}, ${describeEntry(first)} since ${new Date(first.stateAt).toISOString()}); gave up after lock-timeout ${formatDuration(options.timeoutMs)}.`,
      );
    }
    log(
      `Waiting for deployment ${first.id} to '${options.environment}' to finish (${formatDuration(waited)} of ${formatDuration(options.timeoutMs)}).`,
    );
    throwIfCancelled(options.signal);
    await clock.sleep(Math.min(options.pollMs, options.timeoutMs - waited), options.signal);
    entries = await options.read();
  }
}
