import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { oneLine } from '../runtime/errors.js';
import { type Exec, runCommand } from '../promotion/deploy-command.js';
import { setStatus } from '../promotion/deployment-record.js';
import type { GitHubApi, Repo } from '../promotion/github-api.js';
import type { ReleaseTarget } from '../promotion/release-target.js';
import { checkFlagSet, type FlagSet, flagSetText } from './flag-set.js';
import { createFlagsRecord, describeChanges } from './flag-record.js';
import type { FlagChange } from './set-flag.js';

/** The file a target holds the environment's flags in, beside its `current` link: the app reads `current/../flags.json`. */
export const FLAGS_FILE = 'flags.json';

/** Where flags go: written into a target's root, or handed to a command (`SLIPWAY_FLAGS_FILE`). */
export type FlagsDestination =
  { kind: 'target'; target: ReleaseTarget } | { kind: 'command'; words: string[]; exec: Exec; tempDir: string };

export interface ApplyFlags {
  environment: string;
  set: FlagSet;
  changed: FlagChange[];
  reason: string;
  actor: string;
  runUrl: string;
  sha: string;
  production: boolean;
  destination: FlagsDestination;
}

export interface AppliedFlags {
  outcome: 'changed' | 'unchanged';
  deploymentId?: number;
  set: FlagSet;
  changed: FlagChange[];
}

const describe = (destination: FlagsDestination) =>
  destination.kind === 'target' ? destination.target.description : 'flags-command';

/**
 * Puts an environment's flags in place and records it: validated first (nothing is written or recorded
 * for a set flagd refuses), then a `task: flags` deployment (in progress), the file written atomically
 * to the target (or handed to the command), and its status: success, or failure with the reason.
 * A target that already holds exactly this set, with nothing changed, is left alone and nothing recorded.
 */
export async function applyFlags(gh: GitHubApi, repo: Repo, apply: ApplyFlags): Promise<AppliedFlags> {
  const text = flagSetText(checkFlagSet(apply.set, `the flags of '${apply.environment}'`));
  const { destination } = apply;
  // A target's server is reached (an `ssh:` host key checked) before anything is recorded.
  if (destination.kind === 'target') await destination.target.open();
  if (
    apply.changed.length === 0 &&
    destination.kind === 'target' &&
    (await destination.target.readFile(FLAGS_FILE)) === text
  )
    return { outcome: 'unchanged', set: apply.set, changed: [] };
  const deploymentId = await createFlagsRecord(gh, repo, {
    sha: apply.sha,
    environment: apply.environment,
    production: apply.production,
    payload: {
      slipway_flags: 1,
      flags: apply.set,
      changed: apply.changed,
      reason: apply.reason,
      actor: apply.actor,
      run_url: apply.runUrl,
      target: describe(destination),
    },
  });
  try {
    await setStatus(gh, repo, deploymentId, {
      state: 'in_progress',
      description: 'Writing flags',
      logUrl: apply.runUrl,
    });
    await put(destination, text, apply.environment);
  } catch (error) {
    await setStatus(gh, repo, deploymentId, {
      state: 'failure',
      description: `Flags not written: ${oneLine(error)}`,
      logUrl: apply.runUrl,
    });
    throw error;
  }
  await setStatus(gh, repo, deploymentId, {
    state: 'success',
    description: `Flags: ${describeChanges(apply.changed, apply.reason)}`,
    logUrl: apply.runUrl,
  });
  return { outcome: 'changed', deploymentId, set: apply.set, changed: apply.changed };
}

async function put(destination: FlagsDestination, text: string, environment: string): Promise<void> {
  if (destination.kind === 'target') return destination.target.writeFile(FLAGS_FILE, text);
  const dir = await mkdtemp(join(destination.tempDir, 'slipway-flags-'));
  try {
    const file = join(dir, FLAGS_FILE);
    await writeFile(file, text);
    await runCommand(destination.exec, 'flags-command', destination.words, {
      SLIPWAY_FLAGS_FILE: file,
      SLIPWAY_ENVIRONMENT: environment,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
