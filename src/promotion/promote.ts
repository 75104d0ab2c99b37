import { oneLine, UserError } from '../runtime/errors.js';
import { CancelledError, type Clock, throwIfCancelled } from '../runtime/clock.js';
import { createDeployment, retire, setStatus, supersededBy } from './deployment-record.js';
import { type DeliveryDeps, type DeliverySettings, deliverRelease, type Release } from './delivery.js';
import { LIVE_LINK, PREVIEW_LINK } from './release-target.js';
import { idleSlot, liveSlot, SLOTS } from './blue-green.js';
import type { GitHubApi, Repo } from './github-api.js';
import {
  type ArtefactRef,
  currentDeployment,
  type DeploymentEntry,
  readHistory,
  readHistoryAndViewer,
  ROLLED_BACK,
  shortDigest,
  type SlipwayPayload,
  succeeded,
} from './deployment-history.js';
import { acquireLock } from './lock.js';
import { requireExpectedDigest, evaluatePolicy } from './policy.js';
import { confirmRecord, describeIgnored, splitTrusted, type Trust } from './trust.js';
import type { ReleaseTarget } from './release-target.js';
import { publicUrl } from './verify.js';
import { passWindow, type WindowGate, type WindowOutcome } from './windows.js';

export interface PromoteOptions extends DeliverySettings {
  environment: string;
  from?: string;
  digest?: string;
  version?: string;
  soakMs: number;
  window: WindowGate;
  force: boolean;
  lockTimeoutMs: number;
  staleAfterMs: number;
  lockPollMs: number;
  keep: number;
  environmentUrl?: string;
  production: boolean;
  transient: boolean;
  requiredContexts: string[];
  /** Whose deployment records are believed; empty or absent: the identity the token belongs to. */
  trustedCreators?: string[];
  /** The commit when there is no upstream deployment to take it from (GITHUB_SHA). */
  sha: string;
  runUrl: string;
}

/** The artefact to promote, obtained before anything is created: its file, where it came from, and its digest. */
export interface ObtainedArtefact {
  file: string;
  ref: ArtefactRef;
  source: string;
}

/** The artefact the upstream deployment recorded: what is promoted when no artefact input is given. */
export interface UpstreamArtefact {
  environment: string;
  deploymentId: number;
  ref?: ArtefactRef;
}

export interface PromoteDeps extends DeliveryDeps {
  gh: GitHubApi;
  repo: Repo;
  /** The artefact to promote: the one given, or, when none is, the one `upstream` recorded. */
  obtainArtefact(upstream?: UpstreamArtefact): Promise<ObtainedArtefact>;
  hashFile(file: string): Promise<string>;
  clock: Clock;
  /**
   * Puts the environment's flags in the target before the release goes live (see src/flags), from
   * its records other than releases, already read with the history: a redeploy keeps pulled features.
   */
  carryFlags?(others: DeploymentEntry[], trust: Trust, target: ReleaseTarget): Promise<void>;
}

export interface PromoteResult {
  outcome: 'deployed' | 'skipped' | 'rolled-back' | 'failed' | 'cancelled';
  deploymentId?: number;
  environmentUrl?: string;
  version: string;
  digest: string;
  slot: string | null;
  previous?: { version: string; digest: string; deploymentId: number };
  window: WindowOutcome;
  upstream?: { environment: string; deploymentId: number };
  /** Why it failed, when it did. */
  error?: string;
}

function releaseOf(entry: DeploymentEntry | undefined): Release | undefined {
  const p = entry?.payload;
  return p
    ? {
        version: p.version,
        digest: p.digest,
        artifact: p.artifact,
        slot: p.slot === 'blue' || p.slot === 'green' ? p.slot : null,
      }
    : undefined;
}

/** The release before `current` that succeeded, for `previous-*` outputs of an idempotent re-run. */
function before(entries: DeploymentEntry[], current: DeploymentEntry): DeploymentEntry | undefined {
  return entries.find(
    (e) =>
      e.createdAt <= current.createdAt &&
      e.id !== current.id &&
      succeeded(e) &&
      e.payload &&
      e.payload.digest !== current.payload?.digest,
  );
}

function previousOf(entry: DeploymentEntry | undefined): PromoteResult['previous'] {
  return entry?.payload
    ? { version: entry.payload.version, digest: entry.payload.digest, deploymentId: entry.id }
    : undefined;
}

/**
 * Promotes one artefact to one environment: policy, window, artefact digest, lock, record, delivery
 * (with verification and automatic rollback), and the final status. GitHub requests in the common
 * case: history, create, in_progress, history again under the lock, success, inactive for the
 * replaced deployment — six.
 */
export async function promote(options: PromoteOptions, deps: PromoteDeps): Promise<PromoteResult> {
  const { gh, repo, clock, signal, log } = deps;
  const envs = options.from ? [options.environment, options.from] : [options.environment];
  const { history, others, viewer } = await readHistoryAndViewer(gh, repo, envs);
  const trust: Trust = { creators: options.trustedCreators?.length ? options.trustedCreators : [viewer] };
  // The lock counts every running deployment; what is live, and what succeeded upstream, only records Slipway made.
  const targetEntries = history.get(options.environment) ?? [];
  const target = splitTrusted(targetEntries, trust).trusted;
  const upstreamEntries = splitTrusted(history.get(options.from ?? '') ?? [], trust);
  const policyInput = {
    environment: options.environment,
    from: options.from,
    digest: options.digest,
    version: options.version,
    soakMs: options.soakMs,
    force: options.force,
    now: clock.now(),
    target,
    upstream: upstreamEntries.trusted,
    upstreamIgnored: describeIgnored(upstreamEntries.ignored, trust),
  };
  let decision = evaluatePolicy(policyInput);
  const current = decision.current;
  if (decision.alreadyLive && current?.payload) return skipped(target, current);
  // One request, only for the record about to be believed: it names a run of this repository that exists.
  if (decision.upstream) await confirmRecord(gh, repo, decision.upstream);

  const window = await passWindow(options.window, clock, signal, log);
  const upstreamEntry = decision.upstream;
  const artifact = await deps.obtainArtefact(
    upstreamEntry && {
      environment: upstreamEntry.environment,
      deploymentId: upstreamEntry.id,
      ref: upstreamEntry.payload?.artifact,
    },
  );
  const digest = await deps.hashFile(artifact.file);
  requireExpectedDigest(decision.digest, digest, artifact.source);
  if (!decision.digest) {
    // Without `from` or `digest` the artefact names the digest: apply the digest rules to it now.
    decision = evaluatePolicy({ ...policyInput, digest });
    if (decision.alreadyLive && current?.payload) return skipped(target, current);
  }
  const version = options.version ?? decision.upstream?.payload?.version;
  if (!version)
    throw new UserError(
      `No version to deploy: set 'version' (the upstream deployment in '${options.from}' records none).`,
    );
  throwIfCancelled(signal);

  const lock = {
    environment: options.environment,
    timeoutMs: options.lockTimeoutMs,
    staleAfterMs: options.staleAfterMs,
    pollMs: options.lockPollMs,
    clock,
    signal,
    log,
  };
  const reread = async () => (await readHistory(gh, repo, [options.environment])).get(options.environment) ?? [];
  const abandon = (entry: DeploymentEntry) =>
    setStatus(gh, repo, entry.id, { state: 'error', description: 'abandoned: no progress within stale-after' });
  // The slot is planned from the history read once the lock is free: a promotion that ran meanwhile may have switched slots.
  const unlocked = splitTrusted(await acquireLock(targetEntries, { ...lock, read: reread, abandon }), trust).trusted;

  const upstream = decision.upstream
    ? { environment: options.from as string, deployment_id: decision.upstream.id }
    : null;
  const plannedSlot = options.strategy === 'blue-green' ? idleSlot(liveSlot(currentDeployment(unlocked))) : null;
  const payload: SlipwayPayload = {
    slipway: 1,
    version,
    digest,
    artifact: artifact.ref,
    slot: plannedSlot,
    upstream,
    run_url: options.runUrl,
    ...(window.kind === 'overridden' ? { override_reason: window.reason } : {}),
  };
  // An `ssh:` server is reached (its host key checked) before anything is recorded: a refused one leaves no deployment.
  await options.target?.open();
  throwIfCancelled(signal);
  const id = await createDeployment(gh, repo, {
    sha: decision.upstream?.sha ?? options.sha,
    environment: options.environment,
    task: 'deploy',
    production: options.production,
    transient: options.transient,
    requiredContexts: options.requiredContexts,
    payload,
    description: `Slipway: ${version} (${shortDigest(digest)})${upstream ? ` from ${upstream.environment}` : ''}${window.kind === 'overridden' ? ` override: ${window.reason}` : ''}`,
  });
  const base = {
    deploymentId: id,
    version,
    digest,
    window,
    upstream: upstream ? { environment: upstream.environment, deploymentId: upstream.deployment_id } : undefined,
  };
  const slot = plannedSlot;
  let previousEntry: DeploymentEntry | undefined;
  try {
    await setStatus(gh, repo, id, {
      state: 'in_progress',
      description: `Deploying ${version}`,
      logUrl: options.runUrl,
    });
    // Two promotions that passed the first check together: the earlier deployment goes first.
    const entries = await acquireLock(await reread(), { ...lock, read: reread, abandon, ownId: id });
    const trusted = splitTrusted(entries, trust).trusted;
    previousEntry = currentDeployment(trusted.filter((e) => e.id !== id));
    if (previousEntry?.payload?.digest === digest && !options.force) {
      // Another promotion of this digest finished while we waited: nothing left to do.
      await setStatus(gh, repo, id, {
        state: 'inactive',
        description: `Already deployed by deployment ${previousEntry.id}`,
      });
      return skipped(trusted, previousEntry);
    }
    if (options.strategy === 'blue-green' && idleSlot(liveSlot(previousEntry)) !== plannedSlot) {
      throw new UserError(
        `The live slot of '${options.environment}' changed while this promotion waited for the lock; run it again to deploy to the idle slot.`,
      );
    }
    if (options.target && deps.carryFlags)
      await deps.carryFlags(others.get(options.environment) ?? [], trust, options.target);
    const back = releaseOf(previousEntry);
    // Traffic returns to the previous release only once its record is confirmed (a request made only then).
    const confirmed =
      previousEntry && back
        ? { ...back, confirm: () => confirmRecord(gh, repo, previousEntry as DeploymentEntry) }
        : undefined;
    const result = await deliverRelease(
      options,
      deps,
      { version, digest, file: artifact.file, slot, artifact: artifact.ref },
      confirmed,
    );
    const previous = previousOf(previousEntry);
    if (!result.ok) {
      const cancelled = result.error instanceof CancelledError || signal?.aborted === true;
      const reason = cancelled ? 'cancelled' : oneLine(result.error);
      const rollback = result.rolledBack
        ? `${ROLLED_BACK} to ${previous?.version}: `
        : result.rollbackError
          ? `Rollback failed (${result.rollbackError}): `
          : '';
      await setStatus(gh, repo, id, {
        state: cancelled ? 'error' : 'failure',
        description: cancelled
          ? `cancelled${result.rolledBack ? `; ${previous?.version} restored` : ''}`
          : `${rollback}${reason}`,
        logUrl: options.runUrl,
      });
      // A cancelled run did not show the release bad: restored, but not recorded as rolled back (that would block it).
      if (result.rolledBack && !cancelled && previousEntry)
        await recordRollback(gh, repo, options, previousEntry, { id, version, digest, reason }, log);
      return {
        ...base,
        outcome: cancelled ? 'cancelled' : result.rolledBack ? 'rolled-back' : 'failed',
        slot,
        previous,
        error: `${rollback}${reason}`,
      };
    }
    // `verify-url` may carry credentials; the recorded `environment_url` is public.
    const environmentUrl = options.environmentUrl ?? (options.verifyUrl && publicUrl(options.verifyUrl));
    await setStatus(gh, repo, id, {
      state: 'success',
      description: `Deployed ${version} (${shortDigest(digest)})`,
      logUrl: options.runUrl,
      environmentUrl,
    });
    await retire(gh, repo, supersededBy(entries, id, slot), id);
    if (options.target) {
      const pruned = await options.target.prune(options.keep, [LIVE_LINK, PREVIEW_LINK, ...SLOTS]);
      if (pruned.length) log(`Removed old releases: ${pruned.join(', ')}.`);
    }
    return { ...base, outcome: 'deployed', slot, previous, environmentUrl };
  } catch (error) {
    // Anything unexpected still closes the record: the deployment must not stay in_progress.
    const cancelled = error instanceof CancelledError;
    await setStatus(gh, repo, id, {
      state: 'error',
      description: cancelled ? 'cancelled' : oneLine(error),
      logUrl: options.runUrl,
    }).catch(() => undefined);
    if (cancelled)
      return { ...base, outcome: 'cancelled', slot, previous: previousOf(previousEntry), error: 'cancelled' };
    throw error;
  }
}

/**
 * Records an automatic rollback as a `deploy:rollback` deployment of the restored release, whose
 * payload says what was taken out and why: the environment's current record is then the release
 * really live, and the rolled-back digest is known from payloads. Best effort: traffic is already back.
 */
async function recordRollback(
  gh: GitHubApi,
  repo: Repo,
  options: PromoteOptions,
  restored: DeploymentEntry,
  failed: { id: number; version: string; digest: string; reason: string },
  log: (message: string) => void,
): Promise<void> {
  const payload = restored.payload as SlipwayPayload;
  try {
    const id = await createDeployment(gh, repo, {
      sha: restored.sha,
      environment: options.environment,
      task: 'deploy:rollback',
      production: options.production,
      transient: options.transient,
      requiredContexts: [],
      payload: {
        ...payload,
        upstream: null,
        run_url: options.runUrl,
        rolled_back: {
          deployment_id: failed.id,
          version: failed.version,
          digest: failed.digest,
          reason: failed.reason,
        },
      },
      description: `Slipway automatic rollback: ${failed.version} -> ${payload.version} (${shortDigest(payload.digest)})`,
    });
    const description = `Restored ${payload.version} (${shortDigest(payload.digest)})`;
    await setStatus(gh, repo, id, {
      state: 'success',
      description,
      logUrl: options.runUrl,
      environmentUrl: restored.environmentUrl,
    });
  } catch (error) {
    log(`Traffic is back on ${payload.version}, but recording the rollback failed: ${oneLine(error)}`);
  }
}

function skipped(entries: DeploymentEntry[], current: DeploymentEntry): PromoteResult {
  const payload = current.payload as SlipwayPayload;
  return {
    outcome: 'skipped',
    deploymentId: current.id,
    environmentUrl: current.environmentUrl,
    version: payload.version,
    digest: payload.digest,
    slot: payload.slot,
    previous: previousOf(before(entries, current)),
    window: { kind: 'open' },
    upstream: payload.upstream
      ? { environment: payload.upstream.environment, deploymentId: payload.upstream.deployment_id }
      : undefined,
  };
}
