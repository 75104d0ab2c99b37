import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { permissionFor } from './permissions.js';
import { ROUTES } from './routes/index.js';

const subset = JSON.parse(
  readFileSync(new URL('../../fixtures/openapi/github-subset.json', import.meta.url), 'utf8'),
) as {
  info: Record<string, string>;
  paths: Record<string, Record<string, { operationId?: string }>>;
  components: Record<string, Record<string, unknown>>;
};
const script = readFileSync(new URL('../../../scripts/update-openapi-subset.mjs', import.meta.url), 'utf8');

test('the committed subset records where it came from', () => {
  expect(subset.info['x-source-package']).toBe('@octokit/openapi');
  expect(subset.info['x-source-version']).toMatch(/^\d+\.\d+\.\d+$/);
  expect(subset.info['x-source-file']).toBe('generated/api.github.com.json');
});

test('the subset holds exactly the operations the emulator serves, and the script lists them', () => {
  const described = Object.values(subset.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) => (operation.operationId ? [operation.operationId] : [])),
  );
  expect(described.sort()).toEqual(Object.keys(ROUTES).sort());
  for (const operationId of described) expect(script).toContain(`'${operationId}'`);
});

test('every $ref in the subset resolves inside it', () => {
  const refs = new Set<string>();
  JSON.stringify(subset, (key, value: unknown) => {
    if (key === '$ref' && typeof value === 'string') refs.add(value);
    return value;
  });
  const missing = [...refs].filter((ref) => {
    const [, section = '', name = ''] = /^#\/components\/([^/]+)\/(.+)$/.exec(ref) ?? [];
    return subset.components[section]?.[name] === undefined;
  });
  expect(refs.size).toBeGreaterThan(50);
  expect(missing).toEqual([]);
});

test.each([
  ['repos/create-release', 'contents'],
  ['git/create-ref', 'contents'],
  ['repos/create-deployment-status', 'deployments'],
  ['repos/create-or-update-environment', 'administration'],
  ['repos/get-all-environments', 'actions'],
  ['checks/update', 'checks'],
  ['repos/create-commit-status', 'statuses'],
  ['actions/download-artifact', 'actions'],
  ['issues/create-comment', 'issues'],
  ['pulls/get', 'pull-requests'],
  ['repos/get', 'metadata'],
])('%s needs the %s permission', (operationId, permission) => {
  expect(permissionFor(operationId)).toBe(permission);
});
