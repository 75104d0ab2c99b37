// actions/upload-artifact: every file under the given paths (newline-separated files or directories),
// relative to their common directory, uploaded through @actions/artifact.
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';

const input = (name) => process.env[`INPUT_${name.toUpperCase()}`] ?? '';
const paths = input('path')
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean)
  .map((path) => resolve(process.env.GITHUB_WORKSPACE, path));
const files = [];
const walk = (path) =>
  statSync(path).isDirectory() ? readdirSync(path).forEach((name) => walk(join(path, name))) : files.push(path);
for (const path of paths) {
  if (/[*?[]/.test(path)) {
    console.log(`::error::upload-artifact stand-in: globs are not modelled (${path})`);
    process.exit(1);
  }
  try {
    walk(path);
  } catch {
    // A missing path is what if-no-files-found is about.
  }
}
if (files.length === 0) {
  const message = `No files were found with the provided path: ${input('path')}. No artifacts will be uploaded.`;
  if (input('if-no-files-found') === 'error') {
    console.log(`::error::${message}`);
    process.exit(1);
  }
  console.log(`::warning::${message}`);
  process.exit(0);
}
const root = paths.length === 1 && statSync(paths[0]).isDirectory() ? paths[0] : dirname(paths[0]);
const client = new DefaultArtifactClient();
const uploaded = await client.uploadArtifact(input('name'), files, root);
const url = `${process.env.GITHUB_SERVER_URL}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}/artifacts/${uploaded.id}`;
appendFileSync(
  process.env.GITHUB_OUTPUT,
  `artifact-id=${uploaded.id}\nartifact-url=${url}\nartifact-digest=${uploaded.digest ?? ''}\n`,
);
