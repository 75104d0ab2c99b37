import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError, UserError } from '../../runtime/errors.js';
import type { GitHubApi, Repo } from '../../promotion/github-api.js';
import type { ArtefactRef } from '../../promotion/deployment-history.js';
import { nameList } from '../../promotion/name-list.js';
import type { ObtainedArtefact, UpstreamArtefact } from '../../promotion/promote.js';
import type { ArtefactInput } from './delivery-inputs.js';

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
  if (files.length > 1)
    throw new UserError(
      `${what} holds several artefacts (${files.map((f) => f.name).join(', ')}); give the one to deploy.`,
    );
  return files[0] && join(dir, files[0].name);
}

async function fromPath(path: string, ctx: SourceContext, origin: Origin = 'input'): Promise<ObtainedArtefact> {
  const full = resolve(ctx.workspace, path);
  const info = await stat(full).catch(() => undefined);
  if (!info)
    throw new UserError(
      origin === 'input'
        ? `Input 'artifact-path' names ${full}, which does not exist.`
        : `${origin.recorded} file ${full} does not exist here.`,
    );
  const file = info.isDirectory() ? await artefactIn(full, `Directory ${full}`) : full;
  if (!file) throw new UserError(`Directory ${full} holds no .tar.gz, .tgz, .zip or .deb artefact.`);
  return { file, ref: { path }, source: `at ${path}` };
}

/** Whose artefact is fetched: the user's input, named in errors, or a deployment's record, with how errors about it begin. */
type Origin = 'input' | { recorded: string };

const RELEASES_LISTED = 10;
/** A rollback's target, or the release a failed promotion returns to. */
const TO_RESTORE: Origin = { recorded: 'The release to restore is not available: its' };

/** True for @actions/artifact's "not found" (its ArtifactNotFoundError, matched by name: the module loads lazily). */
const notFound = (error: unknown) => (error as Error | undefined)?.name === 'ArtifactNotFoundError';

async function fromWorkflowArtefact(
  artifact: string,
  runId: number | undefined,
  ctx: SourceContext,
  origin: Origin = 'input',
): Promise<ObtainedArtefact> {
  // The artifact client (and the Azure SDK under it) loads only when an artifact is asked for.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const findBy = runId
    ? {
        findBy: {
          token: ctx.token,
          workflowRunId: runId,
          repositoryOwner: ctx.repo.owner,
          repositoryName: ctx.repo.name,
        },
      }
    : {};
  const byId = /^\d+$/.test(artifact);
  const missing = async (): Promise<never> => {
    const run = runId ?? ctx.runId;
    const inRun = run ? `run ${run}` : 'this run';
    if (origin !== 'input')
      throw new UserError(
        `${origin.recorded} workflow artifact '${artifact}' is gone from ${inRun} (expired or deleted), so it cannot be deployed.`,
      );
    // Only on the way to an error: one more request, to say what the run does hold.
    const names = await client.listArtifacts({ latest: true, ...findBy }).then(
      (listed) => listed.artifacts.map((a) => (byId ? `${a.name} (id ${a.id})` : a.name)),
      () => undefined,
    );
    const holds = names === undefined ? '' : names.length === 0 ? ' (it has none)' : ` (it has ${nameList(names)})`;
    const what = byId ? `with id ${artifact}` : `named ${JSON.stringify(artifact)}`;
    throw new UserError(
      `Input 'artifact': no workflow artifact ${what} in ${inRun}${holds}; give the artifact-name output of the package step (or set 'run-id' for another run).`,
    );
  };
  const id = byId
    ? Number(artifact)
    : (
        await client.getArtifact(artifact, findBy).catch((error: unknown) => {
          if (notFound(error)) return missing();
          throw error;
        })
      ).artifact.id;
  const download = async (skipDecompress: boolean) => {
    const path = await mkdtemp(join(ctx.temp, 'artifact-'));
    await client.downloadArtifact(id, { path, skipDecompress, ...findBy }).catch((error: unknown) => {
      if (notFound(error)) return missing();
      throw error;
    });
    return artefactIn(path, `Workflow artifact '${artifact}'`);
  };
  // The package action uploads the artefact itself (no zip around it); a zip artefact is then unpacked by the download, so fetch it as-is.
  const file = (await download(false)) ?? (await download(true));
  if (!file) throw new UserError(`Workflow artifact '${artifact}' holds no .tar.gz, .tgz, .zip or .deb artefact.`);
  const ref: ArtefactRef = { ...(byId ? {} : { name: artifact }), id, run_id: runId ?? ctx.runId };
  return { file, ref, source: `workflow artifact '${artifact}'${runId ? ` of run ${runId}` : ''}` };
}

/** Tags of the newest published releases, for a message (one request, on the way to an error). */
async function releaseTags(ctx: SourceContext): Promise<string[] | undefined> {
  try {
    return await ctx.gh.releases.recentTags(ctx.repo, RELEASES_LISTED);
  } catch {
    return undefined;
  }
}

async function fromReleaseAsset(
  tag: string,
  asset: string,
  ctx: SourceContext,
  origin: Origin = 'input',
): Promise<ObtainedArtefact> {
  const release = await ctx.gh.releases.byTag(ctx.repo, tag);
  if (!release) {
    if (origin !== 'input')
      throw new UserError(
        `${origin.recorded} release asset ${tag}/${asset} is gone: there is no published release tagged '${tag}' any more.`,
      );
    const tags = await releaseTags(ctx);
    const known =
      tags === undefined
        ? ''
        : tags.length === 0
          ? ' (the repository has no published releases)'
          : ` (the newest are ${nameList(tags)})`;
    throw new UserError(
      `Input 'release-asset': there is no published release tagged '${tag}'${known}; give \`<tag>/<asset file name>\` of a published release, e.g. \`${tags?.[0] ?? 'v1.2.3'}/${asset}\`.`,
    );
  }
  const assets = release.assets;
  const found = assets.find((a) => a.name === asset);
  if (!found) {
    const has = assets.length === 0 ? 'it has no assets' : `it has ${nameList(assets.map((a) => a.name))}`;
    if (origin !== 'input')
      throw new UserError(
        `${origin.recorded} release asset ${tag}/${asset} is gone: release '${tag}' has no asset '${asset}' any more (${has}).`,
      );
    const fix =
      assets.length > 0
        ? `give one of them as \`${tag}/<asset>\`, or upload ${asset} to the release`
        : `upload ${asset} to the release, or give \`<tag>/<asset file name>\` of another release`;
    throw new UserError(`Input 'release-asset': release '${tag}' has no asset '${asset}' (${has}); ${fix}.`);
  }
  const bytes = await ctx.gh.releases.downloadAsset(ctx.repo, found.id);
  const file = join(await mkdtemp(join(ctx.temp, 'asset-')), asset);
  await writeFile(file, bytes);
  return { file, ref: { release_asset: `${tag}/${asset}` }, source: `release asset ${tag}/${asset}` };
}

export function obtainArtefact(input: ArtefactInput, ctx: SourceContext): Promise<ObtainedArtefact> {
  if (input.kind === 'path') return fromPath(input.path, ctx);
  if (input.kind === 'artifact') return fromWorkflowArtefact(input.artifact, input.runId, ctx);
  return fromReleaseAsset(input.tag, input.asset, ctx);
}

/** The artefact a deployment's payload recorded; undefined when it records no source. */
function recorded(
  ref: ArtefactRef | undefined,
  ctx: SourceContext,
  origin: Origin,
): Promise<ObtainedArtefact> | undefined {
  if (ref?.path) return fromPath(ref.path, ctx, origin);
  if (ref?.id !== undefined || ref?.name)
    return fromWorkflowArtefact(String(ref.id ?? ref.name), ref.run_id, ctx, origin);
  const [tag, asset] = (ref?.release_asset ?? '').split('/');
  return tag && asset ? fromReleaseAsset(tag, asset, ctx, origin) : undefined;
}

/** Fetches the artefact a deployment's payload recorded, for a redeploy. */
export async function fetchRecorded(ref: ArtefactRef, ctx: SourceContext): Promise<string> {
  const found = recorded(ref, ctx, TO_RESTORE);
  if (!found) throw new UserError('The deployment to restore records no artefact source; it cannot be redeployed.');
  return (await found).file;
}

/** The artefact the upstream deployment recorded, promoted when no artefact input is given (`from` alone). */
export async function obtainUpstream(
  upstream: UpstreamArtefact | undefined,
  ctx: SourceContext,
): Promise<ObtainedArtefact> {
  const which = upstream
    ? `deployment ${upstream.deploymentId} in '${upstream.environment}'`
    : 'the upstream deployment';
  const found = recorded(upstream?.ref, ctx, { recorded: `The artefact recorded by ${which} is not available: its` });
  if (!found)
    throw new InputError(
      'artifact',
      `Input 'artifact': ${which} records no artefact source; give 'artifact', 'artifact-path' or 'release-asset'.`,
    );
  const obtained = await found;
  // Recorded as upstream recorded it (a workflow artifact keeps its name beside the id it was fetched by).
  return {
    ...obtained,
    ref: { ...upstream?.ref, ...obtained.ref },
    source: `${obtained.source.replace(/^at /, '')} recorded by ${which}`,
  };
}
