/** GITHUB_TOKEN scopes as `permissions:` gives them. */
export type Levels = Record<string, 'read' | 'write' | 'none'>;

const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
];
const RANK = { none: 0, read: 1, write: 2 } as const;

/**
 * A `permissions:` value as scopes. Absent everywhere, GitHub's restricted default (contents and packages read);
 * `read-all`/`write-all` every scope; a mapping exactly what it names (the rest none).
 */
export function permissionsOf(value: unknown): Levels {
  if (value === undefined || value === null) return { contents: 'read', packages: 'read' };
  if (value === 'read-all' || value === 'write-all') {
    const level = value === 'read-all' ? 'read' : 'write';
    return Object.fromEntries(
      SCOPES.map((scope) => [scope, scope === 'id-token' && level === 'read' ? 'none' : level]),
    );
  }
  if (typeof value !== 'object')
    throw new Error(`permissions: ${JSON.stringify(value)} is not read-all, write-all or a mapping`);
  return { ...(value as Levels) };
}

/**
 * A called workflow's job may hold no more than the caller's job: GitHub refuses to start the run otherwise,
 * with this message.
 */
export function capPermissions(wanted: Levels, cap: Levels | undefined, job: string): Levels {
  if (!cap) return wanted;
  for (const [scope, level] of Object.entries(wanted)) {
    const allowed = cap[scope] ?? 'none';
    if (RANK[level] > RANK[allowed])
      throw new Error(
        `The nested job '${job}' is requesting '${scope}: ${level}', but is only allowed '${scope}: ${allowed}'.`,
      );
  }
  return wanted;
}
