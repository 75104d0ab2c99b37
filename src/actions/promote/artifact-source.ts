import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../../runtime/errors.js';
import type { GitHubApi, Repo } from '../../promotion/github-api.js';
import type { ArtifactRef } from '../../promotion/history.js';
import type { ObtainedArtifact } from '../../promotion/promote.js';
import type { ArtifactInput } from './inputs.js';

const ARTEFACT = /\.(tar\.gz|tgz|zip|deb)$/;

export interface SourceContext {
  gh: GitHubApi;
  repo: Repo;
  token: string;
  workspace: string;
  temp: string;
  /** This run, recorded so a rollback can download the artifact again. */
  runId?: number;
}

/** The one artefact in a directory (the package action's file, not its manifest or SHA256SUMS). */
async function artefactIn(dir: string, what: string): Promise<string | undefined> {
  const files = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && ARTEFACT.test(e.name));
  if (files.length > 1) throw new UserError(`${what} holds several artefacts (${files.map((f) => f.name).join(', ')}); give the one to deploy.`);
  return files[0] && join(dir, files[0].name);
}

async function fromPath(path: string, ctx: SourceContext): Promise<ObtainedArtifact> {
  const full = resolve(ctx.workspace, path);
  const info = await stat(full).catch(() => undefined);
  if (!info) throw new UserError(`Input 'artifact-path' names ${full}, which does not exist.`);
  const file = info.isDirectory() ? await artefactIn(full, `Directory ${full}`) : full;
  if (!file) throw new UserError(`Directory ${full} holds no .tar.gz, .tgz, .zip or .deb artefact.`);
  return { file, ref: { path }, source: `at ${path}` };
}

async function fromWorkflowArtifact(artifact: string, runId: number | undefined, ctx: SourceContext): Promise<ObtainedArtifact> {
  // The artifact client (and the Azure SDK under it) loads only when an artifact is asked for.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const findBy = runId ? { findBy: { token: ctx.token, workflowRunId: runId, repositoryOwner: ctx.repo.owner, repositoryName: ctx.repo.name } } : {};
  const id = /^\d+$/.test(artifact) ? Number(artifact) : (await client.getArtifact(artifact, findBy)).artifact.id;
  const download = async (skipDecompress: boolean) => {
    const path = await mkdtemp(join(ctx.temp, 'artifact-'));
    await client.downloadArtifact(id, { path, skipDecompress, ...findBy });
    return artefactIn(path, `Workflow artifact '${artifact}'`);
  };
  // The package action uploads the artefact itself (no zip around it); a zip artefact is then unpacked by the download, so fetch it as-is.
  const file = (await download(false)) ?? (await download(true));
  if (!file) throw new UserError(`Workflow artifact '${artifact}' holds no .tar.gz, .tgz, .zip or .deb artefact.`);
  const ref: ArtifactRef = { ...(/^\d+$/.test(artifact) ? {} : { name: artifact }), id, run_id: runId ?? ctx.runId };
  return { file, ref, source: `workflow artifact '${artifact}'${runId ? ` of run ${runId}` : ''}` };
}

async function fromReleaseAsset(tag: string, asset: string, ctx: SourceContext): Promise<ObtainedArtifact> {
  const params = { owner: ctx.repo.owner, repo: ctx.repo.name };
  const release = await ctx.gh.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', { ...params, tag }).catch((error: { status?: number }) => {
    if (error.status === 404) throw new UserError(`Input 'release-asset': there is no release tagged '${tag}'.`);
    throw error;
  });
  const assets = (release.data as { assets: { id: number; name: string }[] }).assets;
  const found = assets.find((a) => a.name === asset);
  if (!found) throw new UserError(`Release '${tag}' has no asset '${asset}'; it has ${assets.map((a) => a.name).join(', ') || 'none'}.`);
  const response = await ctx.gh.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', { ...params, asset_id: found.id, headers: { accept: 'application/octet-stream' } });
  const file = join(await mkdtemp(join(ctx.temp, 'asset-')), asset);
  await writeFile(file, Buffer.from(response.data as ArrayBuffer));
  return { file, ref: { release_asset: `${tag}/${asset}` }, source: `release asset ${tag}/${asset}` };
}

export function obtainArtifact(input: ArtifactInput, ctx: SourceContext): Promise<ObtainedArtifact> {
  if (input.kind === 'path') return fromPath(input.path, ctx);
  if (input.kind === 'artifact') return fromWorkflowArtifact(input.artifact, input.runId, ctx);
  return fromReleaseAsset(input.tag, input.asset, ctx);
}

/** Fetches the artefact a deployment's payload recorded, for a redeploy. */
export async function fetchRecorded(ref: ArtifactRef, ctx: SourceContext): Promise<string> {
  if (ref.path) return (await fromPath(ref.path, ctx)).file;
  if (ref.id !== undefined || ref.name) return (await fromWorkflowArtifact(String(ref.id ?? ref.name), ref.run_id, ctx)).file;
  const [tag, asset] = (ref.release_asset ?? '').split('/');
  if (tag && asset) return (await fromReleaseAsset(tag, asset, ctx)).file;
  throw new UserError('The deployment to restore records no artefact source; it cannot be redeployed.');
}
