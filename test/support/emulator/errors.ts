/** An answer GitHub gives instead of the resource: thrown by route handlers, written by the server. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function notFound(): HttpError {
  return new HttpError(404, 'Not Found');
}

/** GitHub's 422 for a well-formed request it refuses: `errors` say which field and why. */
export function validationFailed(
  errors: Array<{ resource: string; field?: string; code: string; message?: string; value?: string }>,
): HttpError {
  return new HttpError(422, 'Validation Failed', errors);
}

/** GitHub's 422 for a request that does not match the operation's schema. */
export function invalidRequest(problem: string): HttpError {
  return new HttpError(422, `Invalid request.\n\n${problem}`);
}

export function conflict(message: string, errors?: unknown[]): HttpError {
  return new HttpError(409, message, errors);
}
