import { formatDuration } from '../runtime/duration.js';
import { UserError } from '../runtime/errors.js';
import {
  currentDeployment,
  type DeploymentEntry,
  describeEntry,
  shortDigest,
  succeeded,
  wasRolledBack,
} from './deployment-history.js';

/** A promotion refused by one of the rules; the message names the rule and what was found. */
export class PolicyRefusal extends UserError {
  override name = 'PolicyRefusal';
  constructor(
    readonly rule: 'upstream' | 'version' | 'soak' | 'digest' | 'rolled-back' | 'window',
    message: string,
  ) {
    super(`Refused by rule '${rule}': ${message}`);
  }
}

export interface PolicyInput {
  environment: string;
  from?: string;
  /** The digest asked for; without it, the upstream environment's current digest. */
  digest?: string;
  /** The version asked for: with `from`, it must be the one recorded upstream for the digest (a version is not just a label). */
  version?: string;
  soakMs: number;
  force: boolean;
  now: number;
  /** Newest first: only records Slipway believes (see trust.ts). */
  target: DeploymentEntry[];
  upstream: DeploymentEntry[];
  /** Appended to an upstream refusal: the records that were not believed. */
  upstreamIgnored?: string;
}

export interface PolicyDecision {
  /** The digest to promote, when it is known before the artefact is read. */
  digest?: string;
  upstream?: DeploymentEntry;
  current?: DeploymentEntry;
  /** The digest is already the environment's current successful deployment (an idempotent re-run). */
  alreadyLive: boolean;
}

function listFound(entries: DeploymentEntry[]): string {
  const shown = entries.slice(0, 5).map(describeEntry);
  return shown.length ? shown.join(', ') : 'no deployments';
}

function checkUpstream(input: PolicyInput & { from: string }): DeploymentEntry {
  const { from, upstream, digest } = input;
  const ignored = input.upstreamIgnored ?? '';
  if (!digest) {
    const current = currentDeployment(upstream);
    if (!current)
      throw new PolicyRefusal(
        'upstream',
        `'${from}' has no current successful deployment to promote; found ${listFound(upstream)}${ignored}.`,
      );
    return current;
  }
  const same = upstream.filter((e) => e.payload?.digest === digest);
  const success = same.find((e) => succeeded(e) && !wasRolledBack(upstream, digest));
  if (!success) {
    const found = same.length ? `its deployments there are ${listFound(same)}` : `found ${listFound(upstream)}`;
    const what = `digest ${shortDigest(digest)} has no successful deployment in '${from}' that was not later failed or rolled back`;
    throw new PolicyRefusal('upstream', `${what}; ${found}${ignored}.`);
  }
  return success;
}

/**
 * The rules checked before anything is touched: upstream success, the version recorded upstream, soak, no re-promotion of a
 * rolled-back digest, and the idempotent no-op. Throws a PolicyRefusal naming the failed rule.
 */
export function evaluatePolicy(input: PolicyInput): PolicyDecision {
  let upstream: DeploymentEntry | undefined;
  let digest = input.digest;
  if (input.from) {
    upstream = checkUpstream({ ...input, from: input.from });
    digest = upstream.payload?.digest;
    const recorded = upstream.payload?.version;
    if (input.version !== undefined && recorded !== input.version) {
      throw new PolicyRefusal(
        'version',
        `version ${input.version} is not the version '${input.from}' recorded for digest ${shortDigest(digest ?? '')}, which is ${recorded} (deployment ${upstream.id}); leave 'version' out, or give the digest of ${input.version}.`,
      );
    }
    // The success time is the upstream status time: for a retired (inactive) deployment that is later, never earlier.
    const soaked = input.now - upstream.stateAt;
    if (soaked < input.soakMs) {
      throw new PolicyRefusal(
        'soak',
        `${describeEntry(upstream)} in '${input.from}' since ${new Date(upstream.stateAt).toISOString()} has soaked ${formatDuration(Math.max(0, soaked))} of the required ${formatDuration(input.soakMs)}.`,
      );
    }
  }
  const current = currentDeployment(input.target);
  if (digest && !input.force) {
    const rolledBack = wasRolledBack(input.target, digest);
    if (rolledBack) {
      throw new PolicyRefusal(
        'rolled-back',
        `digest ${shortDigest(digest)} was rolled back from '${input.environment}' (deployment ${rolledBack.id}); set 'force: true' to promote it again.`,
      );
    }
  }
  const alreadyLive = Boolean(digest && !input.force && current?.payload?.digest === digest);
  return { digest, upstream, current, alreadyLive };
}

/** The artefact obtained must be the one expected; checked before it is extracted or anything is created. */
export function requireExpectedDigest(expected: string | undefined, actual: string, source: string): void {
  if (expected && expected !== actual) {
    throw new PolicyRefusal('digest', `the artefact ${source} has digest ${actual}, expected ${expected}.`);
  }
}
