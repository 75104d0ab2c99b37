import path from 'node:path';
import type { ArtifactClient } from '@actions/artifact';
import { InputError } from '../../runtime/errors.js';
import { markdownTable } from '../../runtime/summary.js';
import { type ActionContext, workflowRunUrl } from '../../runtime/action-context.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { commitTime } from '../../packaging/checkout.js';
import { debControlFor } from '../../packaging/deb.js';
import { packageArtefact, type PackageResult } from '../../packaging/package-artefact.js';
import { resolveSourceDate } from '../../packaging/reproducible.js';
import { resolveVersion } from '../../packaging/version.js';
import { type ArtefactStore, type StoredArtefact, uploadOnce } from '../../packaging/workflow-artefact.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { type Attested, attestProvenance } from './attest.js';
import type { Inputs } from './inputs.js';
import { formatCount } from '../../runtime/count.js';

interface Uploaded {
  name: string;
  id?: number;
  url?: string;
}

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs, context: ActionContext): Promise<void> {
  const repository = context.repositoryName;
  const name = inputs.name ?? context.repository?.name;
  if (!name)
    throw new InputError('name', "Input 'name' is needed when GITHUB_REPOSITORY is not set; give the artefact a name.");
  const { workspace } = context;
  const version = resolveVersion({ given: inputs.version, ref: context.ref, sha: context.sha });
  const sourceDate = resolveSourceDate({
    sourceDateEpoch: context.sourceDateEpoch,
    commitTime: await commitTime(workspace, context.sha ?? 'HEAD'),
  });
  // The run's page without the attempt: a re-run must package the very same bytes (build-info.json holds
  // this URL), and an artifact's page hangs off the run's, not an attempt's.
  const runPage =
    repository && context.runId ? workflowRunUrl(context.serverUrl, repository, context.runId) : undefined;

  const result = await packageArtefact({
    path: inputs.path,
    cwd: workspace,
    name,
    version,
    format: inputs.format,
    outputDir: path.resolve(workspace, inputs.outputDir ?? context.temp),
    sourceDate,
    buildInfo: inputs.buildInfo && { commit: context.sha, ref: context.ref, repository, runUrl: runPage },
    deb: inputs.format === 'deb' ? debControlFor(name, inputs.deb, repository) : undefined,
  });
  core.info(`Packaged ${result.file} (${result.size} bytes, ${result.files} files): ${result.digest}`);

  const uploaded =
    (inputs.upload ?? context.hasArtefactService)
      ? await upload(result, inputs, runPage, context.tuning.retryBaseMs)
      : undefined;
  const attested =
    inputs.attest && inputs.token && repository ? await attest(result, inputs.token, repository, context) : undefined;
  setOutputs({
    'file': result.file,
    'digest': result.digest,
    'size': String(result.size),
    'version': result.version,
    'manifest': result.manifest,
    'artifact-name': uploaded?.name,
    'artifact-id': uploaded?.id === undefined ? undefined : String(uploaded.id),
    'artifact-url': uploaded?.url,
    'attestation-id': attested?.id === undefined ? undefined : String(attested.id),
    'attestation-url': attested?.url,
  });
  writeJobSummary(summary(name, inputs.format, result, uploaded, attested));
}

async function attest(
  result: PackageResult,
  token: string,
  repository: string,
  context: ActionContext,
): Promise<Attested> {
  const client = actionGitHubClient(token, context);
  const attested = await attestProvenance(
    { name: path.basename(result.file), digest: result.digest, client, repository },
    context,
  );
  core.info(
    attested.reusedFrom
      ? `Build provenance for ${result.digest} was already attested by this run (${attested.reusedFrom}); reused it: ${attested.url}`
      : `Attested build provenance for ${result.digest}: ${attested.url}`,
  );
  return attested;
}

/**
 * Uploads the artefact itself, unzipped, so the workflow artifact has the very bytes of the digest.
 * A name is used once per workflow run, and a re-run (or retried step) packages the same bytes under
 * the same name: an artifact already in the run with this digest is reused, not uploaded again
 * (see `uploadOnce`, which also retries a connection the artifact service dropped).
 */
async function upload(
  result: PackageResult,
  inputs: Inputs,
  runPage: string | undefined,
  retryBaseMs: number | undefined,
): Promise<Uploaded> {
  // The artifact client (and the Azure SDK under it) loads only when uploading.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const name = path.basename(result.file);
  const store: ArtefactStore = {
    find: () => storedArtefact(client, name),
    upload: async () => {
      const response = await client.uploadArtifact(name, [result.file], path.dirname(result.file), {
        skipArchive: true,
        ...(inputs.retentionDays === undefined ? {} : { retentionDays: inputs.retentionDays }),
      });
      return response.id;
    },
  };
  const { id, reused } = await uploadOnce(name, result.digest, store, {
    baseMs: retryBaseMs,
    log: (message) => core.info(message),
  });
  const url = runPage && id !== undefined ? `${runPage}/artifacts/${id}` : undefined;
  core.info(
    `${reused ? 'Reusing (same digest, already in this run)' : 'Uploaded'} workflow artifact ${name}${url ? `: ${url}` : ''}`,
  );
  return { name, id, url };
}

/** The artifact named `name` already in this workflow run, if any. */
async function storedArtefact(
  client: Pick<ArtifactClient, 'getArtifact'>,
  name: string,
): Promise<StoredArtefact | undefined> {
  try {
    const { artifact } = await client.getArtifact(name);
    return { id: artifact.id, ...(artifact.digest ? { digest: artifact.digest } : {}) };
  } catch (error) {
    if ((error as Error).name === 'ArtifactNotFoundError') return undefined;
    throw error;
  }
}

function summary(
  name: string,
  format: string,
  result: PackageResult,
  uploaded: Uploaded | undefined,
  attested: Attested | undefined,
): string {
  const artifact = uploaded ? (uploaded.url ? `[${uploaded.name}](${uploaded.url})` : uploaded.name) : 'not uploaded';
  const lines = [
    `### 📦 Packaged ${name} ${result.version}`,
    '',
    markdownTable(
      ['Name', 'Version', 'Format', 'Size', 'Files', 'Digest', 'Artifact'],
      [
        [
          name,
          result.version,
          format,
          `${formatCount(result.size)} bytes`,
          result.files,
          `\`${result.digest}\``,
          artifact,
        ],
      ],
    ),
    '',
  ];
  if (attested?.id !== undefined) lines.push(`Build provenance: [attestation ${attested.id}](${attested.url})`, '');
  else if (attested)
    lines.push(
      `Build provenance: already attested by this run ([${attested.reusedFrom}](${attested.reusedFrom})); [attestations](${attested.url})`,
      '',
    );
  return lines.join('\n');
}
