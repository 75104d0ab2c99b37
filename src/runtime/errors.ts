/**
 * A mistake the user can fix (bad input, a policy refusal, a missing file).
 * Reported as one line with no stack trace; anything else is treated as a bug.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** A workflow input that does not have an accepted value. */
export class InputError extends UserError {
  override name = 'InputError';
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}

/** The message of any thrown value, folded onto one line. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim() || 'unknown error';
}
