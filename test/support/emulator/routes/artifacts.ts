import { json, type RouteContext, type Routes } from '../context.js';
import type { ArtifactRecord } from '../context.js';
import { notFound } from '../errors.js';
import { paginate, pageRequest } from '../pagination.js';
import { nodeId, repoApiUrl } from '../representations.js';

const RETENTION_DAYS = 90;

function artifactJson(context: RouteContext, artifact: ArtifactRecord): Record<string, unknown> {
  const url = `${repoApiUrl(context.core, context.repo)}/actions/artifacts/${artifact.id}`;
  const created = new Date(artifact.createdAt);
  const expires = new Date(created.getTime() + RETENTION_DAYS * 86_400_000);
  return {
    id: artifact.id,
    node_id: nodeId('Artifact', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.size,
    url,
    archive_download_url: `${url}/zip`,
    expired: expires.getTime() < Date.now(),
    created_at: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    updated_at: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    expires_at: expires.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    digest: artifact.digest ?? null,
    workflow_run: {
      id: artifact.runId,
      repository_id: context.repo.id,
      head_repository_id: context.repo.id,
      head_branch: context.repo.defaultBranch,
      head_sha: '0'.repeat(40),
    },
  };
}

function artifacts(context: RouteContext): ArtifactRecord[] {
  return [...(context.core.artifacts?.list() ?? [])].sort((a, b) => b.id - a.id);
}

function listReply(context: RouteContext, matching: ArtifactRecord[]) {
  const name = context.params.name;
  const named = name === undefined ? matching : matching.filter((artifact) => artifact.name === name);
  const { page, headers } = paginate(named, pageRequest(context.params), context.url);
  return json(
    { total_count: named.length, artifacts: page.map((artifact) => artifactJson(context, artifact)) },
    200,
    headers,
  );
}

function findArtifact(context: RouteContext): ArtifactRecord {
  const artifact = artifacts(context).find((candidate) => candidate.id === context.params.artifact_id);
  if (!artifact) throw notFound();
  return artifact;
}

// Artifacts come from the artifact service, which serves every repository of the emulator alike.
export const artifactRoutes: Routes = {
  'actions/list-artifacts-for-repo': (context) => listReply(context, artifacts(context)),
  'actions/list-workflow-run-artifacts': (context) =>
    listReply(
      context,
      artifacts(context).filter((artifact) => artifact.runId === context.params.run_id),
    ),
  'actions/get-artifact': (context) => json(artifactJson(context, findArtifact(context))),
  'actions/download-artifact': (context) => {
    const artifact = findArtifact(context);
    if (context.params.archive_format !== 'zip') throw notFound();
    // GitHub answers with a short-lived redirect to blob storage.
    return { status: 302, headers: { location: artifact.downloadUrl } };
  },
};
