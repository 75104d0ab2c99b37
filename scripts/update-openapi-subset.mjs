#!/usr/bin/env node
// Writes test/fixtures/openapi/github-subset.json: the operations the GitHub emulator serves, cut from
// GitHub's OpenAPI description as published in @octokit/openapi, with every component they reference.
// The full package is ~385 MB installed, so it is not a dependency; fetch it once when updating:
//   cd /tmp && npm pack @octokit/openapi@<version> && tar xzf octokit-openapi-<version>.tgz
//   node scripts/update-openapi-subset.mjs /tmp/package/generated/api.github.com.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Operations the emulator implements (test/support/emulator/routes/*). Keep in step with them. */
export const OPERATIONS = [
  'repos/get',
  'rate-limit/get',
  // git refs and tags
  'git/get-ref',
  'git/list-matching-refs',
  'git/create-ref',
  'git/update-ref',
  'git/delete-ref',
  'repos/list-tags',
  // commits, compare, pull requests
  'repos/list-commits',
  'repos/get-commit',
  'repos/compare-commits-with-basehead',
  'repos/list-pull-requests-associated-with-commit',
  'pulls/get',
  'pulls/list',
  // releases and assets
  'repos/list-releases',
  'repos/create-release',
  'repos/get-release',
  'repos/get-release-by-tag',
  'repos/get-latest-release',
  'repos/update-release',
  'repos/delete-release',
  'repos/list-release-assets',
  'repos/upload-release-asset',
  'repos/get-release-asset',
  'repos/delete-release-asset',
  // deployments and environments
  'repos/list-deployments',
  'repos/create-deployment',
  'repos/get-deployment',
  'repos/delete-deployment',
  'repos/list-deployment-statuses',
  'repos/create-deployment-status',
  'repos/get-deployment-status',
  'repos/get-all-environments',
  'repos/get-environment',
  'repos/create-or-update-environment',
  // checks and statuses
  'checks/create',
  'checks/get',
  'checks/update',
  'checks/list-for-ref',
  'checks/list-annotations',
  'repos/create-commit-status',
  'repos/list-commit-statuses-for-ref',
  'repos/get-combined-status-for-ref',
  // workflow artifacts
  'actions/list-artifacts-for-repo',
  'actions/list-workflow-run-artifacts',
  'actions/get-artifact',
  // workflow runs: a deployment record's run must exist
  'actions/get-workflow-run',
  'actions/download-artifact',
  // issue comments and permissions
  'issues/list-comments',
  'issues/create-comment',
  'issues/get-comment',
  'issues/update-comment',
  'repos/get-collaborator-permission-level',
  // artefact attestations
  'repos/create-attestation',
  'repos/list-attestations',
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export function cutSubset(full, sourceFile) {
  const wanted = new Set(OPERATIONS);
  const paths = {};
  for (const [path, item] of Object.entries(full.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation || !wanted.has(operation.operationId)) continue;
      wanted.delete(operation.operationId);
      paths[path] ??= item.parameters ? { parameters: item.parameters } : {};
      paths[path][method] = stripExamples(operation);
    }
  }
  if (wanted.size > 0) throw new Error(`Not in the description: ${[...wanted].join(', ')}`);

  const components = {};
  const pending = collectRefs(paths);
  const seen = new Set();
  while (pending.length > 0) {
    const ref = pending.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(ref) ?? [];
    if (!section) throw new Error(`Unsupported $ref ${ref}`);
    const value = stripExamples(full.components[section][name]);
    (components[section] ??= {})[name] = value;
    pending.push(...collectRefs(value));
  }
  for (const section of Object.keys(components)) components[section] = sortKeys(components[section]);

  return {
    openapi: full.openapi,
    info: {
      ...full.info,
      'x-source-package': '@octokit/openapi',
      'x-source-version': full.info.version,
      'x-source-file': sourceFile,
      'x-generated-by': 'scripts/update-openapi-subset.mjs',
    },
    servers: full.servers,
    paths: sortKeys(paths),
    components,
  };
}

/** Examples are documentation only; dropping them keeps the committed subset small. */
function stripExamples(value, isPropertyMap = false) {
  if (Array.isArray(value)) return value.map((child) => stripExamples(child));
  if (value === null || typeof value !== 'object') return value;
  const copy = {};
  for (const [key, child] of Object.entries(value)) {
    // Inside `properties`, keys are field names: a field called "examples" stays.
    if (key === 'examples' && !isPropertyMap) continue;
    copy[key] = stripExamples(child, !isPropertyMap && key === 'properties');
  }
  return copy;
}

function collectRefs(value, found = []) {
  if (Array.isArray(value)) for (const child of value) collectRefs(child, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else collectRefs(child, found);
    }
  }
  return found;
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = process.argv[2];
  if (!source) {
    console.error(
      'usage: node scripts/update-openapi-subset.mjs <path to @octokit/openapi generated/api.github.com.json>',
    );
    process.exit(2);
  }
  const full = JSON.parse(readFileSync(source, 'utf8'));
  const subset = cutSubset(full, `generated/${basename(source)}`);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'openapi', 'github-subset.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(subset, null, 1)}\n`);
  const count = Object.values(subset.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => METHODS.includes(k)).length,
    0,
  );
  console.log(`Wrote ${out}: ${count} operations from @octokit/openapi ${full.info.version}.`);
}
