#!/usr/bin/env node
// Assembles the npm package of the `slipway` command: node scripts/cli-package.mjs <out-dir>
// The repository root stays private: it is the Actions' source, and its dependencies (the toolkit, the HTTP
// stack, the build and test tools) are bundled into dist/cli already, so publishing it would make every
// `npm install` fetch them again. The CLI package holds the bundle, README and LICENSE, and depends on nothing.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
export const CLI_PACKAGE_NAME = '@slipway-hq/cli';

/** Writes the package into `out` (emptied first) and returns its manifest. */
export function assembleCliPackage(out) {
  if (!existsSync(join(root, 'dist/cli/index.js')))
    throw new Error("dist/cli/index.js is missing: run 'npm run build -- cli' first");
  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const manifest = {
    name: CLI_PACKAGE_NAME,
    version: project.version,
    description:
      'The slipway command: package, gate, promote, roll back, release notes and notifications from a terminal.',
    license: project.license,
    type: 'module',
    engines: project.engines,
    bin: { slipway: 'dist/cli/index.js' },
    files: ['dist/cli'],
    // npm checks the provenance statement's source repository against this URL.
    repository: { type: 'git', url: 'git+https://github.com/slipway-hq/slipway.git' },
    publishConfig: { access: 'public', provenance: true },
  };
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'dist'), { recursive: true });
  cpSync(join(root, 'dist/cli'), join(out, 'dist/cli'), { recursive: true });
  for (const file of ['README.md', 'LICENSE']) cpSync(join(root, file), join(out, file));
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  try {
    if (!out) throw new Error('usage: node scripts/cli-package.mjs <out-dir>');
    const manifest = assembleCliPackage(resolve(out));
    console.log(`${manifest.name}@${manifest.version} in ${out}`);
  } catch (error) {
    console.error(`cli-package: ${error.message}`);
    process.exitCode = 1;
  }
}
