import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { oneLine } from '../runtime/errors.js';
import { CancelledError, type Clock, throwIfCancelled } from '../runtime/clock.js';
import { type Exec, releaseEnv, runCommand } from './deploy-command.js';
import { PREVIEW_LINK, type ReleaseTarget, releaseName } from './release-target.js';
import type { ArtefactRef } from './deployment-history.js';
import type { Slot } from './blue-green.js';
import { type Expectation, publicUrl, soakWatch, waitUntilHealthy } from './verify.js';

/** The package engineer's safe extraction: verifies the digest before writing anything. */
export type Extract = (options: {
  file: string;
  expectedDigest: string;
  targetDir: string;
}) => Promise<{ digest: string; files: unknown }>;

/** Fetches an artefact again (for a redeploy), returning the local file. */
export type FetchArtefact = (ref: ArtefactRef) => Promise<string>;

export interface DeliverySettings {
  environment: string;
  strategy: 'direct' | 'blue-green';
  target?: ReleaseTarget;
  deployCommand: string[];
  migrateCommand: string[];
  switchCommand: string[];
  previewUrl?: string;
  verifyUrl?: string;
  /** A JSON field to compare with the version; `true` accepts the version anywhere in the body; `false` checks status only. */
  verifyVersion: boolean | string;
  verifyTimeoutMs: number;
  soakWatchMs: number;
  rollbackOnFailure: boolean;
  /** Interval between verification requests. */
  pollMs: number;
}

export interface DeliveryDeps {
  exec: Exec;
  extract: Extract;
  fetchArtefact?: FetchArtefact;
  clock: Clock;
  workDir: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  log: (message: string) => void;
}

export interface Release {
  version: string;
  digest: string;
  /** The artefact file, when already here; otherwise fetched from `artifact`. */
  file?: string;
  artifact?: ArtefactRef;
  slot: Slot | null;
  /** Already in place (the warm slot, or a kept `releases/` directory): only traffic moves. */
  staged?: boolean;
  /** For a release to return to: throws when its record must not be believed after all (checked only when traffic goes back). */
  confirm?: () => Promise<void>;
}

export type ReleaseDeliveryResult =
  { ok: true } | { ok: false; error: unknown; trafficMoved: boolean; rolledBack: boolean; rollbackError?: string };

function expectation(settings: DeliverySettings, version: string): Expectation | undefined {
  if (settings.verifyVersion === false) return undefined;
  return settings.verifyVersion === true ? { version } : { version, field: settings.verifyVersion };
}

/** Puts a release in place (a `releases/` directory, or a scratch directory); returns the SLIPWAY_* environment for its commands. */
async function place(
  settings: DeliverySettings,
  deps: DeliveryDeps,
  release: Release,
  previous: Release | undefined,
): Promise<Record<string, string>> {
  let file = release.file;
  if (!file) {
    if (!release.artifact || !deps.fetchArtefact)
      throw new Error(`the artefact of ${release.version} is not available to redeploy`);
    file = await deps.fetchArtefact(release.artifact);
  }
  const extract = (targetDir: string) =>
    deps.extract({ file: file, expectedDigest: release.digest, targetDir }).then(() => undefined);
  let dir: string;
  if (settings.target) {
    const name = releaseName(release.version, release.digest);
    dir = await settings.target.install(name, extract);
    if (release.slot) {
      await settings.target.point(name, release.slot);
      // `preview` always links the slot just staged, so a fixed preview URL can serve it.
      await settings.target.point(name, PREVIEW_LINK);
    }
  } else {
    dir = join(await mkdtemp(join(deps.workDir, 'release-')), 'files');
    await mkdir(dir);
    await extract(dir);
  }
  return releaseEnv({
    artefactDir: dir,
    artefactFile: file,
    version: release.version,
    digest: release.digest,
    environment: settings.environment,
    slot: release.slot,
    previousVersion: previous?.version,
  });
}

/** Puts a release in place and runs `deploy-command` on it. */
async function stage(
  settings: DeliverySettings,
  deps: DeliveryDeps,
  release: Release,
  previous: Release | undefined,
): Promise<Record<string, string>> {
  const env = await place(settings, deps, release, previous);
  await runCommand(deps.exec, 'deploy-command', settings.deployCommand, env, deps.signal);
  return env;
}

/** Moves traffic to a staged release: the user's switch command, or the atomic `current` symlink. */
async function switchTo(
  settings: DeliverySettings,
  deps: DeliveryDeps,
  release: Release,
  signal?: AbortSignal,
): Promise<void> {
  if (settings.strategy === 'blue-green' && settings.switchCommand.length > 0) {
    const env = {
      SLIPWAY_SLOT: release.slot ?? '',
      SLIPWAY_VERSION: release.version,
      SLIPWAY_DIGEST: release.digest,
      SLIPWAY_ENVIRONMENT: settings.environment,
    };
    await runCommand(deps.exec, 'switch-command', settings.switchCommand, env, signal);
  } else if (settings.target) {
    await settings.target.point(releaseName(release.version, release.digest));
  }
}

/** Whether traffic moves by a separate switch (blue/green or the `dir:` symlink) rather than by `deploy-command` itself. */
function switches(settings: DeliverySettings): boolean {
  return settings.strategy === 'blue-green' || settings.target !== undefined;
}

/** Restores the previous release after a failure: a switch back when it is still staged, else a redeploy of its artefact. */
async function restore(settings: DeliverySettings, deps: DeliveryDeps, previous: Release): Promise<void> {
  if (
    switches(settings) &&
    (settings.strategy === 'blue-green' || (await settings.target?.has(releaseName(previous.version, previous.digest))))
  ) {
    // Not cancellable: a cancelled run must still leave the previous release live.
    await switchTo(settings, { ...deps, signal: undefined }, previous);
    return;
  }
  await stage(settings, { ...deps, signal: undefined }, previous, undefined);
  await switchTo(settings, { ...deps, signal: undefined }, previous);
}

/**
 * Delivers a release: stage it (in the idle slot with blue/green), verify the preview, run
 * migrations once, move traffic, verify the live URL and watch it for `soak-watch`. If anything
 * fails after traffic moved, or the run is cancelled, traffic goes back to `previous` (a
 * cancelled run always; a failed check when `rollback-on-failure`).
 */
export async function deliverRelease(
  settings: DeliverySettings,
  deps: DeliveryDeps,
  release: Release,
  previous: Release | undefined,
): Promise<ReleaseDeliveryResult> {
  const expect = expectation(settings, release.version);
  const poll = {
    clock: deps.clock,
    timeoutMs: settings.verifyTimeoutMs,
    intervalMs: settings.pollMs,
    fetch: deps.fetch,
    signal: deps.signal,
    expect,
  };
  let trafficMoved = false;
  try {
    if (switches(settings)) {
      const env = release.staged
        ? releaseEnv({
            artefactDir: '',
            artefactFile: '',
            version: release.version,
            digest: release.digest,
            environment: settings.environment,
            slot: release.slot,
            previousVersion: previous?.version,
          })
        : await stage(settings, deps, release, previous);
      if (settings.strategy === 'blue-green' && settings.previewUrl && !release.staged) {
        deps.log(`Verifying the ${release.slot} slot on ${publicUrl(settings.previewUrl)}.`);
        await waitUntilHealthy({ ...poll, url: settings.previewUrl });
      }
      await runCommand(deps.exec, 'migrate-command', settings.migrateCommand, env, deps.signal);
      throwIfCancelled(deps.signal);
      trafficMoved = true;
      await switchTo(settings, deps, release, deps.signal);
    } else {
      // Here `deploy-command` itself moves traffic: migrations run just before it.
      const env = await place(settings, deps, release, previous);
      await runCommand(deps.exec, 'migrate-command', settings.migrateCommand, env, deps.signal);
      throwIfCancelled(deps.signal);
      trafficMoved = true;
      await runCommand(deps.exec, 'deploy-command', settings.deployCommand, env, deps.signal);
    }
    if (settings.verifyUrl) {
      deps.log(`Verifying ${publicUrl(settings.verifyUrl)}.`);
      await waitUntilHealthy({ ...poll, url: settings.verifyUrl });
      if (settings.soakWatchMs > 0)
        await soakWatch({ ...poll, url: settings.verifyUrl, durationMs: settings.soakWatchMs });
    }
    throwIfCancelled(deps.signal);
    return { ok: true };
  } catch (error) {
    const cancelled = error instanceof CancelledError || deps.signal?.aborted === true;
    if (!trafficMoved || !previous || !(cancelled || settings.rollbackOnFailure))
      return { ok: false, error, trafficMoved, rolledBack: false };
    deps.log(`${cancelled ? 'Cancelled' : oneLine(error)}; switching traffic back to ${previous.version}.`);
    try {
      await previous.confirm?.();
      await restore(settings, deps, previous);
      return { ok: false, error, trafficMoved, rolledBack: true };
    } catch (rollbackError) {
      return { ok: false, error, trafficMoved, rolledBack: false, rollbackError: oneLine(rollbackError) };
    }
  }
}
