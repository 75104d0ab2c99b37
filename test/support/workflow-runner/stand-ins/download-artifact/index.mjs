// actions/download-artifact: one artifact by name or id into `path`, from this run, or from another run when
// a github-token is given (through the REST API, as the real action does).
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';

const input = (name) => process.env[`INPUT_${name.toUpperCase()}`] ?? '';
if (input('pattern') || input('merge-multiple') === 'true') {
  console.log('::error::download-artifact stand-in: pattern and merge-multiple are not modelled');
  process.exit(1);
}
const path = resolve(process.env.GITHUB_WORKSPACE, input('path'));
const [owner, repo] = input('repository').split('/');
const findBy = input('github-token')
  ? {
      findBy: {
        token: input('github-token'),
        workflowRunId: Number(input('run-id')),
        repositoryOwner: owner,
        repositoryName: repo,
      },
    }
  : {};
const client = new DefaultArtifactClient();
try {
  const id = input('artifact-ids')
    ? Number(input('artifact-ids'))
    : (await client.getArtifact(input('name'), findBy)).artifact.id;
  await client.downloadArtifact(id, { path, ...findBy });
} catch (error) {
  console.log(`::error::Unable to download artifact(s): ${error.message}`);
  process.exit(1);
}
appendFileSync(process.env.GITHUB_OUTPUT, `download-path=${path}\n`);
