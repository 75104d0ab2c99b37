import { json, type RouteContext, type Routes } from '../context.js';
import { HttpError, notFound, validationFailed } from '../errors.js';
import { pagedReply } from '../pagination.js';
import { resolveCommitish } from '../refs.js';
import { assetJson, releaseJson } from '../representations.js';
import type { Release, Repository } from '../state.js';

/** GitHub refuses release bodies longer than this many characters. */
export const RELEASE_BODY_LIMIT = 125_000;

function releasesOf(context: RouteContext): Release[] {
  return context.core.state.releases.filter((release) => release.repository === context.repo.fullName);
}

function findRelease(context: RouteContext): Release {
  const release = releasesOf(context).find((candidate) => candidate.id === context.params.release_id);
  if (!release) throw notFound();
  return release;
}

function checkBody(body: unknown): void {
  if (typeof body === 'string' && body.length > RELEASE_BODY_LIMIT) {
    throw validationFailed([
      {
        resource: 'Release',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${RELEASE_BODY_LIMIT} characters)`,
      },
    ]);
  }
}

function checkTagIsFree(context: RouteContext, tagName: string, self?: Release): void {
  if (releasesOf(context).some((release) => release.tag_name === tagName && release !== self)) {
    throw validationFailed([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
  }
}

/** Publishing a release whose tag does not exist creates the tag at `target_commitish`, as GitHub does. */
async function ensureTag(repo: Repository, release: Release): Promise<void> {
  const tagRef = `refs/tags/${release.tag_name}`;
  if (await resolveCommitish(repo, tagRef)) return;
  const sha = await resolveCommitish(repo, release.target_commitish);
  if (!sha) throw validationFailed([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
  repo.refOverlay.set(tagRef, sha);
}

/** The latest release: the one explicitly made latest, else the newest published non-prerelease. */
function latestRelease(context: RouteContext): Release | undefined {
  const published = releasesOf(context).filter((release) => !release.draft && !release.prerelease);
  const chosen = published.find((release) => release.make_latest === 'true');
  if (chosen) return chosen;
  return published.filter((release) => release.make_latest !== 'false').sort(newestFirst)[0];
}

function markLatest(context: RouteContext, release: Release, makeLatest: unknown): void {
  if (makeLatest === undefined) return;
  if (makeLatest === 'true')
    for (const other of releasesOf(context)) if (other.make_latest === 'true') other.make_latest = 'legacy';
  release.make_latest = makeLatest as Release['make_latest'];
}

function newestFirst(a: { created_at: string; id: number }, b: { created_at: string; id: number }): number {
  return b.created_at.localeCompare(a.created_at) || b.id - a.id;
}

/** GitHub's answers to changing what an immutable release has sealed (the texts its API gives). */
const IMMUTABLE_UPLOAD = 'Cannot upload assets to an immutable release.';
const IMMUTABLE_DELETE = 'Cannot delete asset from an immutable release';
const IMMUTABLE_STATE = 'state cannot be changed when release is immutable';

/** A release published in a repository with immutable releases on is sealed from then on. */
function sealIfImmutable(context: RouteContext, release: Release): void {
  if (!release.draft && context.repo.immutableReleases) release.immutable = true;
}

const releaseReply = (context: RouteContext, release: Release, status = 200) =>
  json(releaseJson(context.core, context.repo, release), status);

export const releaseRoutes: Routes = {
  'repos/list-releases': (context) =>
    pagedReply([...releasesOf(context)].sort(newestFirst), context.params, context.url, (release) =>
      releaseJson(context.core, context.repo, release),
    ),

  'repos/get-release': (context) => releaseReply(context, findRelease(context)),

  'repos/get-release-by-tag': (context) => {
    // Drafts have no tag yet, so GitHub does not find them by tag.
    const release = releasesOf(context).find(
      (candidate) => candidate.tag_name === context.params.tag && !candidate.draft,
    );
    if (!release) throw notFound();
    return releaseReply(context, release);
  },

  'repos/get-latest-release': (context) => {
    const release = latestRelease(context);
    if (!release) throw notFound();
    return releaseReply(context, release);
  },

  'repos/create-release': async (context) => {
    const body = context.body;
    const tagName = String(body.tag_name);
    checkBody(body.body);
    checkTagIsFree(context, tagName);
    const now = context.core.now();
    const draft = body.draft === true;
    const release: Release = {
      id: context.core.state.nextId(),
      repository: context.repo.fullName,
      tag_name: tagName,
      target_commitish: typeof body.target_commitish === 'string' ? body.target_commitish : context.repo.defaultBranch,
      name: typeof body.name === 'string' ? body.name : null,
      body: typeof body.body === 'string' ? body.body : null,
      draft,
      prerelease: body.prerelease === true,
      author: context.core.state.actor,
      created_at: now,
      published_at: draft ? null : now,
      assets: [],
    };
    if (!draft) await ensureTag(context.repo, release);
    sealIfImmutable(context, release);
    markLatest(context, release, body.make_latest);
    context.core.state.releases.push(release);
    return releaseReply(context, release, 201);
  },

  'repos/update-release': async (context) => {
    const release = findRelease(context);
    const body = context.body;
    checkBody(body.body);
    if (typeof body.tag_name === 'string') checkTagIsFree(context, body.tag_name, release);
    if (release.immutable) {
      // Only the title and notes of an immutable release can change.
      if (body.draft === true || (typeof body.prerelease === 'boolean' && body.prerelease !== release.prerelease))
        throw new HttpError(422, IMMUTABLE_STATE);
      if (
        (typeof body.tag_name === 'string' && body.tag_name !== release.tag_name) ||
        (typeof body.target_commitish === 'string' && body.target_commitish !== release.target_commitish)
      ) {
        throw validationFailed([
          {
            resource: 'Release',
            code: 'custom',
            field: 'tag_name',
            message: 'tag_name cannot be changed when release is immutable',
          },
        ]);
      }
    }
    const updated: Release = { ...release };
    if (typeof body.tag_name === 'string') updated.tag_name = body.tag_name;
    if (typeof body.target_commitish === 'string') updated.target_commitish = body.target_commitish;
    if (typeof body.name === 'string') updated.name = body.name;
    if (typeof body.body === 'string') updated.body = body.body;
    if (typeof body.prerelease === 'boolean') updated.prerelease = body.prerelease;
    if (typeof body.draft === 'boolean') updated.draft = body.draft;
    if (release.draft && !updated.draft) {
      updated.published_at = context.core.now();
      await ensureTag(context.repo, updated);
    }
    Object.assign(release, updated);
    sealIfImmutable(context, release);
    markLatest(context, release, body.make_latest);
    return releaseReply(context, release);
  },

  'repos/delete-release': (context) => {
    const release = findRelease(context);
    const all = context.core.state.releases;
    all.splice(all.indexOf(release), 1);
    return { status: 204 };
  },

  'repos/list-release-assets': (context) => {
    const release = findRelease(context);
    return pagedReply(release.assets, context.params, context.url, (asset) =>
      assetJson(context.core, context.repo, release, asset),
    );
  },

  'repos/upload-release-asset': (context) => {
    const release = findRelease(context);
    if (release.immutable) throw new HttpError(422, IMMUTABLE_UPLOAD);
    const name = String(context.params.name);
    if (release.assets.some((asset) => asset.name === name)) {
      throw validationFailed([{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }]);
    }
    const contentType = context.headers['content-type'];
    if (!contentType) throw new HttpError(422, 'Bad Content-Type header value: ""');
    const now = context.core.now();
    const asset = {
      id: context.core.state.nextId(),
      releaseId: release.id,
      name,
      label: typeof context.params.label === 'string' ? context.params.label : null,
      contentType,
      data: context.rawBody,
      uploader: context.core.state.actor,
      createdAt: now,
      updatedAt: now,
      downloadCount: 0,
    };
    release.assets.push(asset);
    return json(assetJson(context.core, context.repo, release, asset), 201);
  },

  'repos/get-release-asset': (context) => {
    const found = findAsset(context);
    const view = assetJson(context.core, context.repo, found.release, found.asset);
    // With `Accept: application/octet-stream` GitHub redirects to the file itself.
    if (String(context.headers.accept ?? '').includes('application/octet-stream')) {
      return { status: 302, headers: { location: String(view.browser_download_url) } };
    }
    return json(view);
  },

  'repos/delete-release-asset': (context) => {
    const { release, asset } = findAsset(context);
    if (release.immutable)
      throw validationFailed([{ resource: 'ReleaseAsset', code: 'custom', message: IMMUTABLE_DELETE }]);
    release.assets.splice(release.assets.indexOf(asset), 1);
    return { status: 204 };
  },
};

function findAsset(context: RouteContext) {
  for (const release of releasesOf(context)) {
    const asset = release.assets.find((candidate) => candidate.id === context.params.asset_id);
    if (asset) return { release, asset };
  }
  throw notFound();
}

/** `GET /{owner}/{repo}/releases/download/{tag}/{name}`: the browser download URL of an asset. */
export function downloadAsset(releases: Release[], fullName: string, tag: string, name: string) {
  for (const release of releases) {
    if (release.repository.toLowerCase() !== fullName.toLowerCase() || release.tag_name !== tag || release.draft)
      continue;
    const asset = release.assets.find((candidate) => candidate.name === name);
    if (asset) {
      asset.downloadCount += 1;
      return asset;
    }
  }
  return undefined;
}
