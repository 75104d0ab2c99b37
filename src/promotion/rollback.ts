import { InputError, oneLine, UserError } from '../runtime/errors.js';
import { CancelledError, throwIfCancelled } from '../runtime/clock.js';
import { createDeployment, retire, setStatus, supersededBy } from './deployment-record.js';
import { type DeliveryDeps, type DeliverySettings, deliverRelease, type Release } from './delivery.js';
import { releaseName } from './release-target.js';
import { liveSlot, warmSlotHolding } from './blue-green.js';
import type { GitHubApi, Repo } from './github-api.js';
import {
  currentDeployment,
  type DeploymentEntry,
  readHistory,
  readHistoryAndEnvironments,
  ROLLED_BACK,
  shortDigest,
  slipwayDeployedTo,
  type SlipwayPayload,
  succeeded,
  wasRolledBack,
} from './deployment-history.js';
import { acquireLock } from './lock.js';
import { confirmRecord, splitTrusted, type Trust } from './trust.js';
import { publicUrl } from './verify.js';

export interface RollbackOptions extends DeliverySettings {
  toVersion?: string;
  toDigest?: string;
  lockTimeoutMs: number;
  staleAfterMs: number;
  lockPollMs: number;
  production: boolean;
  environmentUrl?: string;
  runUrl: string;
  /** Whose deployment records are believed; empty or absent: the identity the token belongs to. */
  trustedCreators?: string[];
}

export interface RollbackDeps extends DeliveryDeps {
  gh: GitHubApi;
  repo: Repo;
}

export interface RollbackResult {
  deploymentId: number;
  restored: { version: string; digest: string; deploymentId: number };
  replaced: { version: string; digest: string; deploymentId: number };
  slot: string | null;
  /** `switch`: traffic moved back to a release still in place (warm slot or kept `releases/` directory); `redeploy`: the artefact was deployed again. */
  method: 'switch' | 'redeploy';
  durationMs: number;
  /** The rollback had already been done (by an earlier attempt of this run, or to the release asked for): nothing was changed. */
  alreadyDone?: boolean;
}

/** The release to restore: the one asked for, or the last successful one before the current deployment. */
export function rollbackTarget(
  entries: DeploymentEntry[],
  current: DeploymentEntry,
  toVersion?: string,
  toDigest?: string,
): DeploymentEntry {
  const bad = current.payload?.digest;
  const candidates = entries.filter(
    (e) =>
      e.id !== current.id &&
      e.payload &&
      succeeded(e) &&
      e.payload.digest !== bad &&
      !wasRolledBack(entries, e.payload.digest),
  );
  const wanted = toVersion || toDigest;
  const found = candidates.find(
    (e) =>
      (!toVersion || e.payload?.version === toVersion) &&
      (!toDigest || e.payload?.digest === toDigest) &&
      (wanted || e.createdAt <= current.createdAt),
  );
  if (!found) {
    const what = wanted
      ? `${toVersion ? `version ${toVersion}` : ''}${toVersion && toDigest ? ' with ' : ''}${toDigest ? `digest ${shortDigest(toDigest)}` : ''}`
      : 'successful release before the current one';
    throw new UserError(
      `Cannot roll back '${current.environment}': found no ${what} in its deployment history (current: ${current.payload?.version}).`,
    );
  }
  return found;
}

/** Why an environment Slipway never deployed to cannot be rolled back, and the names that could be meant. */
export function noSlipwayDeployments(environment: string, deployments: number, deployedEnvironments: string[]): string {
  const others = deployedEnvironments.filter((e) => e !== environment);
  const what =
    deployments > 0 ? `none of its latest ${deployments} deployments was made by Slipway` : 'it has no deployments';
  return `Input 'environment': cannot roll back '${environment}': ${what} (${slipwayDeployedTo(others)}); check the name against the promote step's 'environment'.`;
}

/** A workflow run's URL without its attempt (`…/actions/runs/1/attempts/2` → `…/actions/runs/1`). */
function runOf(url: string): string {
  return url.replace(/\/attempts\/\d+\/?$/, '');
}

/**
 * Whether `current` is a rollback that already did what this one would: made by this workflow run
 * (any attempt: a re-run), or, when a version or digest is asked for, restoring exactly that.
 */
export function alreadyRolledBack(
  current: DeploymentEntry,
  runUrl: string,
  toVersion?: string,
  toDigest?: string,
): boolean {
  const payload = current.payload;
  if (current.task !== 'deploy:rollback' || !payload?.rolled_back) return false;
  if (runOf(payload.run_url) === runOf(runUrl)) return true;
  return (
    Boolean(toVersion || toDigest) &&
    (!toVersion || payload.version === toVersion) &&
    (!toDigest || payload.digest === toDigest)
  );
}

/**
 * Restores an earlier release: a switch when it is still in place (the warm blue/green slot, or
 * a kept `releases/` directory), otherwise a redeploy of its artefact. Recorded as
 * `task: deploy:rollback`; the replaced deployment is marked failed ("Rolled back …") so that its
 * digest is not promoted to this environment again without `force`.
 */
export async function rollback(options: RollbackOptions, deps: RollbackDeps): Promise<RollbackResult> {
  const { gh, repo, clock, signal } = deps;
  const started = clock.now();
  const read = async () => (await readHistory(gh, repo, [options.environment])).get(options.environment) ?? [];
  const abandon = (entry: DeploymentEntry) =>
    setStatus(gh, repo, entry.id, { state: 'error', description: 'abandoned: no progress within stale-after' });
  const lock = {
    environment: options.environment,
    timeoutMs: options.lockTimeoutMs,
    staleAfterMs: options.staleAfterMs,
    pollMs: options.lockPollMs,
    clock,
    signal,
    read,
    abandon,
    log: deps.log,
  };
  const first = await readHistoryAndEnvironments(gh, repo, [options.environment]);
  const initial = first.history.get(options.environment) ?? [];
  if (!initial.some((e) => e.payload))
    throw new InputError(
      'environment',
      noSlipwayDeployments(options.environment, initial.length, first.deployedEnvironments),
    );
  const trust: Trust = { creators: options.trustedCreators?.length ? options.trustedCreators : [first.viewer] };
  const all = await acquireLock(initial, lock);
  // What is live and what to return to come only from records Slipway made; the lock and retiring see every record.
  const entries = splitTrusted(all, trust).trusted;
  const current = currentDeployment(entries);
  if (!current?.payload)
    throw new UserError(`Cannot roll back '${options.environment}': it has no current successful Slipway deployment.`);
  if (alreadyRolledBack(current, options.runUrl, options.toVersion, options.toDigest)) {
    // A re-run of a rollback that happened: the same answer, nothing recorded or moved again.
    const {
      version,
      digest,
      slot,
      rolled_back: replaced,
    } = current.payload as SlipwayPayload & { rolled_back: NonNullable<SlipwayPayload['rolled_back']> };
    const restored = entries.find(
      (e) => e.id !== current.id && e.payload?.digest === digest && succeeded(e) && e.createdAt <= current.createdAt,
    );
    deps.log(
      `'${options.environment}' was already rolled back from ${replaced.version} to ${version} by deployment ${current.id}; nothing to do.`,
    );
    return {
      deploymentId: current.id,
      restored: { version, digest, deploymentId: restored?.id ?? current.id },
      replaced: { version: replaced.version, digest: replaced.digest, deploymentId: replaced.deployment_id },
      slot,
      method: replaced.method ?? 'redeploy',
      durationMs: clock.now() - started,
      alreadyDone: true,
    };
  }
  const target = rollbackTarget(entries, current, options.toVersion, options.toDigest);
  await confirmRecord(gh, repo, target);
  // An `ssh:` server is reached (its host key checked) before anything is recorded: a refused one leaves no deployment.
  await options.target?.open();
  const to = target.payload as SlipwayPayload;
  const bad = current.payload;
  const live = liveSlot(current);
  const warm = options.strategy === 'blue-green' ? warmSlotHolding(entries, live, to.digest) : undefined;
  const inPlace =
    warm !== undefined ||
    (options.strategy === 'direct' && (await options.target?.has(releaseName(to.version, to.digest))) === true);
  const slot = options.strategy === 'blue-green' ? (warm ?? (live === 'blue' ? 'green' : 'blue')) : null;
  throwIfCancelled(signal);

  const id = await createDeployment(gh, repo, {
    sha: target.sha,
    environment: options.environment,
    task: 'deploy:rollback',
    production: options.production,
    transient: false,
    requiredContexts: [],
    payload: {
      ...to,
      slot,
      upstream: null,
      run_url: options.runUrl,
      rolled_back: {
        deployment_id: current.id,
        version: bad.version,
        digest: bad.digest,
        method: inPlace ? 'switch' : 'redeploy',
      },
    },
    description: `Slipway rollback: ${bad.version} -> ${to.version} (${shortDigest(to.digest)})`,
  });
  try {
    await setStatus(gh, repo, id, {
      state: 'in_progress',
      description: `Rolling back to ${to.version}`,
      logUrl: options.runUrl,
    });
    const release: Release = { version: to.version, digest: to.digest, artifact: to.artifact, slot, staged: inPlace };
    const previous: Release = {
      version: bad.version,
      digest: bad.digest,
      artifact: bad.artifact,
      slot: live,
      staged: true,
    };
    const result = await deliverRelease({ ...options, migrateCommand: [] }, deps, release, previous);
    if (!result.ok) throw result.error;
    const environmentUrl =
      options.environmentUrl ?? (options.verifyUrl && publicUrl(options.verifyUrl)) ?? current.environmentUrl;
    const restoredText = `Restored ${to.version} (${shortDigest(to.digest)})`;
    await setStatus(gh, repo, id, {
      state: 'success',
      description: restoredText,
      logUrl: options.runUrl,
      environmentUrl,
    });
    await setStatus(gh, repo, current.id, {
      state: 'failure',
      description: `${ROLLED_BACK} to ${to.version} by deployment ${id}`,
    });
    await retire(
      gh,
      repo,
      supersededBy(all, id, slot).filter((e) => e.id !== current.id),
      id,
    );
    return {
      deploymentId: id,
      restored: { version: to.version, digest: to.digest, deploymentId: target.id },
      replaced: { version: bad.version, digest: bad.digest, deploymentId: current.id },
      slot,
      method: inPlace ? 'switch' : 'redeploy',
      durationMs: clock.now() - started,
    };
  } catch (error) {
    const cancelled = error instanceof CancelledError;
    await setStatus(gh, repo, id, {
      state: cancelled ? 'error' : 'failure',
      description: cancelled ? 'cancelled' : oneLine(error),
      logUrl: options.runUrl,
    }).catch(() => undefined);
    throw cancelled ? new UserError(`Rollback of '${options.environment}' was cancelled.`) : error;
  }
}
