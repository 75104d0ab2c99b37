import { UserError } from '../runtime/errors.js';

/** A flag's value that is not of the accepted form: one line naming the flag, as the user typed it. */
const refuse = (flag: string, value: string, accepted: string): never => {
  throw new UserError(
    `${flag} must be ${accepted}; got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}.`,
  );
};

const range = (min?: number, max?: number) =>
  min !== undefined && max !== undefined
    ? ` from ${min} to ${max}`
    : min !== undefined
      ? ` of at least ${min}`
      : max !== undefined
        ? ` of at most ${max}`
        : '';

/** A whole number given to `flag`, within bounds. */
export function integerFlag(flag: string, value: string, { min, max }: { min?: number; max?: number } = {}): number {
  const parsed = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || (min !== undefined && parsed < min) || (max !== undefined && parsed > max))
    refuse(flag, value, `a whole number${range(min, max)}`);
  return parsed;
}

/** A decimal number given to `flag` (a trailing `%` allowed), within bounds. */
export function numberFlag(flag: string, value: string, { min, max }: { min?: number; max?: number } = {}): number {
  const parsed = /^[+-]?(\d+\.?\d*|\.\d+)%?$/.test(value.trim()) ? Number(value.trim().replace(/%$/, '')) : Number.NaN;
  if (!Number.isFinite(parsed) || (min !== undefined && parsed < min) || (max !== undefined && parsed > max))
    refuse(flag, value, `a number${range(min, max)}`);
  return parsed;
}
