import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ArtifactClient } from '@actions/artifact';
import { InputError } from '../../runtime/errors.js';
import { markdownTable } from '../../runtime/summary.js';
import { core, millisecondsFromEnv, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { commitTime } from '../../packaging/checkout.js';
import { debControlFor } from '../../packaging/deb.js';
import { packageArtefact, type PackageResult } from '../../packaging/package-artefact.js';
import { resolveSourceDate } from '../../packaging/reproducible.js';
import { resolveVersion } from '../../packaging/version.js';
import { type ArtifactStore, type StoredArtifact, uploadOnce } from '../../packaging/workflow-artifact.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { type Attested, attestProvenance } from './attest.js';
import type { Inputs } from './inputs.js';

interface Uploaded {
  name: string;
  id?: number;
  url?: string;
}

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs): Promise<void> {
  const env = process.env;
  const repository = env.GITHUB_REPOSITORY;
  const name = inputs.name ?? repository?.split('/')[1];
  if (!name) throw new InputError('name', "Input 'name' is needed when GITHUB_REPOSITORY is not set; give the artefact a name.");
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const version = resolveVersion({ given: inputs.version, ref: env.GITHUB_REF, sha: env.GITHUB_SHA });
  const sourceDate = resolveSourceDate({ sourceDateEpoch: env.SOURCE_DATE_EPOCH, commitTime: await commitTime(workspace, env.GITHUB_SHA || 'HEAD') });
  const runUrl = repository && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;

  const result = await packageArtefact({
    path: inputs.path,
    cwd: workspace,
    name,
    version,
    format: inputs.format,
    outputDir: path.resolve(workspace, inputs.outputDir ?? env.RUNNER_TEMP ?? tmpdir()),
    sourceDate,
    buildInfo: inputs.buildInfo && { commit: env.GITHUB_SHA, ref: env.GITHUB_REF, repository, runUrl },
    deb: inputs.format === 'deb' ? debControlFor(name, inputs.deb, repository) : undefined,
  });
  core.info(`Packaged ${result.file} (${result.size} bytes, ${result.files} files): ${result.digest}`);

  const uploaded = (inputs.upload ?? Boolean(env.ACTIONS_RUNTIME_TOKEN)) ? await upload(result, inputs, runUrl) : undefined;
  const attested = inputs.attest && inputs.token && repository ? await attest(result, inputs.token, repository) : undefined;
  setOutputs({
    'file': result.file,
    'digest': result.digest,
    'size': String(result.size),
    'version': result.version,
    'manifest': result.manifest,
    'artifact-name': uploaded?.name,
    'artifact-id': uploaded?.id === undefined ? undefined : String(uploaded.id),
    'artifact-url': uploaded?.url,
    'attestation-id': attested === undefined ? undefined : String(attested.id),
    'attestation-url': attested?.url,
  });
  writeJobSummary(summary(name, inputs.format, result, uploaded, attested));
}

async function attest(result: PackageResult, token: string, repository: string): Promise<Attested> {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  const event = eventPath ? (JSON.parse(readFileSync(eventPath, 'utf8')) as { repository?: { visibility?: string } }) : {};
  const attested = await attestProvenance({ name: path.basename(result.file), digest: result.digest, client: actionGitHubClient(token), repository, visibility: event.repository?.visibility });
  core.info(`Attested build provenance for ${result.digest}: ${attested.url}`);
  return attested;
}

/**
 * Uploads the artefact itself, unzipped, so the workflow artifact has the very bytes of the digest.
 * A name is used once per workflow run, and a re-run (or retried step) packages the same bytes under
 * the same name: an artifact already in the run with this digest is reused, not uploaded again
 * (see `uploadOnce`, which also retries a connection the artifact service dropped).
 */
async function upload(result: PackageResult, inputs: Inputs, runUrl: string | undefined): Promise<Uploaded> {
  // The artifact client (and the Azure SDK under it) loads only when uploading.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const name = path.basename(result.file);
  const store: ArtifactStore = {
    find: () => storedArtifact(client, name),
    upload: async () => {
      const response = await client.uploadArtifact(name, [result.file], path.dirname(result.file), {
        skipArchive: true,
        ...(inputs.retentionDays === undefined ? {} : { retentionDays: inputs.retentionDays }),
      });
      return response.id;
    },
  };
  const { id, reused } = await uploadOnce(name, result.digest, store, { baseMs: millisecondsFromEnv('SLIPWAY_RETRY_BASE_MS'), log: (message) => core.info(message) });
  const url = runUrl && id !== undefined ? `${runUrl}/artifacts/${id}` : undefined;
  core.info(`${reused ? 'Reusing (same digest, already in this run)' : 'Uploaded'} workflow artifact ${name}${url ? `: ${url}` : ''}`);
  return { name, id, url };
}

/** The artifact named `name` already in this workflow run, if any. */
async function storedArtifact(client: Pick<ArtifactClient, 'getArtifact'>, name: string): Promise<StoredArtifact | undefined> {
  try {
    const { artifact } = await client.getArtifact(name);
    return { id: artifact.id, ...(artifact.digest ? { digest: artifact.digest } : {}) };
  } catch (error) {
    if ((error as Error).name === 'ArtifactNotFoundError') return undefined;
    throw error;
  }
}

function summary(name: string, format: string, result: PackageResult, uploaded: Uploaded | undefined, attested: Attested | undefined): string {
  const artifact = uploaded ? (uploaded.url ? `[${uploaded.name}](${uploaded.url})` : uploaded.name) : 'not uploaded';
  const lines = [
    `### 📦 Packaged ${name} ${result.version}`,
    '',
    markdownTable(
      ['Name', 'Version', 'Format', 'Size', 'Files', 'Digest', 'Artifact'],
      [[name, result.version, format, `${result.size.toLocaleString('en-US')} bytes`, result.files, `\`${result.digest}\``, artifact]],
    ),
    '',
  ];
  if (attested) lines.push(`Build provenance: [attestation ${attested.id}](${attested.url})`, '');
  return lines.join('\n');
}
