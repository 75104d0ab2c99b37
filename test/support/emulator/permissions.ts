import type { Permission } from './state.js';

/** The repository permission GitHub checks for each operation (GitHub App permission names). */
const PERMISSION_BY_PREFIX: Array<[RegExp, Permission]> = [
  [
    /^git\/|^repos\/(list-tags|list-commits|get-commit|compare-commits|list-pull-requests-associated)|^repos\/.*release/,
    'contents',
  ],
  // As GitHub's docs list them for fine-grained tokens: environments are read with Actions, changed with Administration.
  [/^repos\/create-or-update-environment$/, 'administration'],
  [/^repos\/get-(all-)?environments?$/, 'actions'],
  [/^repos\/.*deployment/, 'deployments'],
  [/^checks\//, 'checks'],
  [/^repos\/(create-commit-status|list-commit-statuses-for-ref|get-combined-status-for-ref)/, 'statuses'],
  [/^actions\//, 'actions'],
  [/^issues\//, 'issues'],
  [/^pulls\//, 'pull-requests'],
  [/^repos\/(create|list)-attestations?$/, 'attestations'],
];

export function permissionFor(operationId: string): Permission {
  for (const [pattern, permission] of PERMISSION_BY_PREFIX) if (pattern.test(operationId)) return permission;
  return 'metadata';
}

/** What a restricted permission still allows: `read` refuses writes, `none` refuses everything. */
export type Access = 'read' | 'none';

export function isRefused(restrictions: Map<Permission, Access>, operationId: string, method: string): boolean {
  const access = restrictions.get(permissionFor(operationId));
  if (!access) return false;
  return access === 'none' || method !== 'GET';
}

/** A token's scopes: `all` for the emulator's own token, else GitHub App permissions as a workflow's `permissions:` grants them. */
export type Scopes = 'all' | Partial<Record<Permission, 'read' | 'write'>>;

/** Whether a token with these scopes may call the operation (metadata is always readable, as for every GITHUB_TOKEN). */
export function scopesAllow(scopes: Scopes, operationId: string, method: string): boolean {
  if (scopes === 'all') return true;
  const permission = permissionFor(operationId);
  if (permission === 'metadata') return method === 'GET';
  const level = scopes[permission];
  return level === 'write' || (level === 'read' && method === 'GET');
}

/** The token of an `authorization: token …` or `Bearer …` header. */
export function tokenOf(header: string | undefined): string | undefined {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')?.[1];
}
