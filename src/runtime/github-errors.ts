import { UserError } from './errors.js';

/** The job permission each REST route family needs (GitHub's fine-grained scopes for GITHUB_TOKEN). */
const PERMISSION_BY_ROUTE: Array<[RegExp, string]> = [
  [/\/deployments|\/environments/, 'deployments'],
  [/\/check-runs|\/check-suites/, 'checks'],
  [/\/statuses|\/status\b/, 'statuses'],
  [/\/actions\//, 'actions'],
  [/\/pulls/, 'pull-requests'],
  [/\/issues/, 'issues'],
  [/\/releases|\/git\/|\/contents|\/commits|\/compare|\/tags/, 'contents'],
];

interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as RequestErrorLike).status === 'number' &&
    'request' in error
  );
}

/**
 * Turns GitHub's answers about the token itself into a mistake the user can fix, naming the input
 * that holds the token and the permission to grant. Other errors are returned unchanged.
 */
export function explainGitHubError(error: unknown, tokenInput = 'github-token'): unknown {
  if (!isRequestError(error)) return error;
  const method = (error.request?.method ?? 'GET').toUpperCase();
  const path = (error.request?.url ?? '').replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? '';
  if (error.status === 401) {
    return new UserError(
      `GitHub refused the token in input '${tokenInput}' (401 Bad credentials) on ${method} ${path}: pass a valid token, e.g. \${{ github.token }}.`,
    );
  }
  if (error.status === 403 && /Resource not accessible by integration/i.test(error.message ?? '')) {
    const scope = PERMISSION_BY_ROUTE.find(([pattern]) => pattern.test(path))?.[1];
    const level = method === 'GET' ? 'read' : 'write';
    const grant = scope
      ? `grant the job \`permissions: ${scope}: ${level}\``
      : 'grant the job the permission this call needs';
    return new UserError(
      `The token in input '${tokenInput}' may not ${method} ${path} (403 Resource not accessible by integration): ${grant}.`,
    );
  }
  return error;
}
