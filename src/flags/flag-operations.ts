import type { GitHubApi, Repo } from '../promotion/github-api.js';
import { type AppliedFlags, applyFlags, type FlagsDestination } from './apply-flags.js';
import type { FlagSet } from './flag-set.js';
import { flagState } from './flag-state.js';
import { carryChoices, diffFlags, type FlagChange, setFlag } from './set-flag.js';

/** What `get`, `set`, `diff` and `promote` need, from the action's inputs or the CLI's flags. */
export interface FlagsContext {
  gh: GitHubApi;
  repo: Repo;
  /** The repository's flags for an environment (flags.json and its override), undefined without a file. */
  fromRepository(environment: string): Promise<FlagSet | undefined>;
  trustedCreators: string[];
}

export interface ChangeContext extends FlagsContext {
  destination: FlagsDestination;
  actor: string;
  runUrl: string;
  sha: string;
  production(environment: string): boolean;
}

/** The flags an environment serves now. */
export async function getFlags(ctx: FlagsContext, environment: string): Promise<FlagSet> {
  return (await flagState(ctx.gh, ctx.repo, environment, await ctx.fromRepository(environment), ctx.trustedCreators))
    .set;
}

/** The flags whose served variant differs from `from` to `to`. */
export async function diffEnvironments(ctx: FlagsContext, from: string, to: string): Promise<FlagChange[]> {
  return diffFlags(await getFlags(ctx, from), await getFlags(ctx, to));
}

/** `set <flag> <value>` in one environment: refused (nothing written) when the flag or the value is unknown. */
export async function setFlagIn(
  ctx: ChangeContext,
  environment: string,
  flag: string,
  value: string,
  reason: string,
): Promise<AppliedFlags> {
  const { set, change } = setFlag(await getFlags(ctx, environment), flag, value);
  return apply(ctx, environment, set, change.from === change.to ? [] : [change], reason);
}

/** `promote --from A --to B`: B serves the variants A serves, for every flag both define. */
export async function promoteFlags(
  ctx: ChangeContext,
  from: string,
  to: string,
  reason: string,
): Promise<AppliedFlags> {
  const current = await getFlags(ctx, to);
  const next = carryChoices(current, await getFlags(ctx, from));
  return apply(ctx, to, next, diffFlags(current, next), reason || `promoted from ${from}`);
}

function apply(ctx: ChangeContext, environment: string, set: FlagSet, changed: FlagChange[], reason: string) {
  return applyFlags(ctx.gh, ctx.repo, {
    environment,
    set,
    changed,
    reason,
    actor: ctx.actor,
    runUrl: ctx.runUrl,
    sha: ctx.sha,
    production: ctx.production(environment),
    destination: ctx.destination,
  });
}
