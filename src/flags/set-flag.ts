import { UserError } from '../runtime/errors.js';
import type { FlagDefinition, FlagSet } from './flag-set.js';

/** What a flag serves by default: its variant, or `disabled` (flagd then answers with the code's default). */
export function served(flag: FlagDefinition): string {
  return flag.state === 'DISABLED' ? 'disabled' : flag.defaultVariant;
}

/** One flag's change, as recorded. */
export interface FlagChange {
  flag: string;
  from: string | null;
  to: string | null;
}

/**
 * The variant `value` names on `flag`: a variant of that name, or, for `on` and `off`, the variant
 * whose value is `true` or `false`. Undefined when there is none.
 */
function variantFor(flag: FlagDefinition, value: string): string | undefined {
  if (Object.hasOwn(flag.variants, value)) return value;
  const wanted = value === 'on' ? true : value === 'off' ? false : undefined;
  if (wanted === undefined) return undefined;
  return Object.keys(flag.variants).find((name) => flag.variants[name] === wanted);
}

/**
 * Serves `value` (`on`, `off` or a variant name) as `name`'s default variant, and enables the flag.
 * The error names the flag and what is accepted; nothing is changed on a refusal.
 */
export function setFlag(set: FlagSet, name: string, value: string): { set: FlagSet; change: FlagChange } {
  const flag = Object.hasOwn(set.flags, name) ? set.flags[name] : undefined;
  if (!flag) {
    const known = Object.keys(set.flags);
    throw new UserError(
      `Flag '${name}' is not defined; the flags are ${known.length ? known.map((k) => `'${k}'`).join(', ') : '(none)'}.`,
    );
  }
  const variant = variantFor(flag, value);
  if (variant === undefined) {
    const boolean = Object.values(flag.variants).some((v) => typeof v === 'boolean');
    const accepted = [...new Set([...Object.keys(flag.variants), ...(boolean ? ['on', 'off'] : [])])];
    throw new UserError(
      `Flag '${name}' has no variant for ${JSON.stringify(value)}; accepted: ${accepted.map((v) => `'${v}'`).join(', ')}.`,
    );
  }
  const updated: FlagDefinition = { ...flag, state: 'ENABLED', defaultVariant: variant };
  return {
    set: { ...set, flags: { ...set.flags, [name]: updated } },
    change: { flag: name, from: served(flag), to: served(updated) },
  };
}

/** The flags whose served variant differs between `from` and `to` (added and removed flags included), by name. */
export function diffFlags(from: FlagSet, to: FlagSet): FlagChange[] {
  const names = [...new Set([...Object.keys(from.flags), ...Object.keys(to.flags)])].sort();
  return names
    .map((flag) => ({
      flag,
      from: Object.hasOwn(from.flags, flag) ? served(from.flags[flag] as FlagDefinition) : null,
      to: Object.hasOwn(to.flags, flag) ? served(to.flags[flag] as FlagDefinition) : null,
    }))
    .filter((change) => change.from !== change.to);
}

/** `to`'s choice of variant (and state) for each flag both define, applied to `base`'s definitions. */
export function carryChoices(base: FlagSet, chosen: FlagSet): FlagSet {
  const flags: Record<string, FlagDefinition> = {};
  for (const [name, flag] of Object.entries(base.flags)) {
    const pick = Object.hasOwn(chosen.flags, name) ? chosen.flags[name] : undefined;
    flags[name] =
      pick && Object.hasOwn(flag.variants, pick.defaultVariant)
        ? { ...flag, state: pick.state, defaultVariant: pick.defaultVariant }
        : flag;
  }
  return { ...base, flags };
}

/** Each flag's served variant, by name: what `get` prints and `status` shows. */
export function servedVariants(set: FlagSet): Record<string, string> {
  return Object.fromEntries(Object.entries(set.flags).map(([name, flag]) => [name, served(flag)]));
}
