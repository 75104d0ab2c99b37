import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { sha256File } from '../packaging/digest-stream.js';
import { createOnce } from '../runtime/create-once.js';
import { uploadFile } from '../runtime/file-upload.js';
import type { GitHubClient } from '../runtime/github-client.js';
import { composeReleaseBody } from './release-body.js';

export interface ReleasePublishOptions {
  owner: string;
  repo: string;
  tag: string;
  /** Markdown notes; placed between the slipway markers. */
  notes: string;
  compareUrl?: string;
  draft: boolean;
  prerelease: boolean;
  makeLatest?: 'true' | 'false' | 'legacy';
  /** Files to attach; same-named assets already on the release are replaced (or kept when identical). */
  assets: string[];
  log: (message: string) => void;
  /** Backoff unit before looking for a release whose create failed (default 1000 ms). */
  retryBaseMs?: number;
}

export interface ReleasePublishResult {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
  uploaded: string[];
  /** What this run wanted to change but an immutable release keeps as published, each a clause for `sealedMessage`. */
  sealed: string[];
}

interface ReleaseSettings {
  body: string;
  draft: boolean;
  prerelease: boolean;
  make_latest?: 'true' | 'false' | 'legacy';
}

type Release = Awaited<ReturnType<GitHubClient['rest']['repos']['getReleaseByTag']>>['data'];

/** The release for `tag`, if any: by tag, then (for drafts, which have no tag yet) among the latest 100. */
export async function findRelease(
  client: GitHubClient,
  owner: string,
  repo: string,
  tag: string,
  lookForDraft: boolean,
): Promise<Release | undefined> {
  try {
    return (await client.rest.repos.getReleaseByTag({ owner, repo, tag })).data;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  if (!lookForDraft) return undefined;
  const { data } = await client.rest.repos.listReleases({ owner, repo, per_page: 100 });
  return data.find((release) => release.tag_name === tag);
}

/**
 * Creates the release for the tag, or updates the existing one in place (never a second release):
 * a person's text outside the markers survives, and nothing is written when nothing changed.
 *
 * With assets, a new release is created as a draft, the assets attached, and then it is published in
 * one update: with immutable releases on, a published release's assets can no longer change. An
 * existing immutable release gets only what GitHub allows (its notes); the rest is listed in `sealed`.
 */
export async function publishRelease(
  client: GitHubClient,
  options: ReleasePublishOptions,
): Promise<ReleasePublishResult> {
  const { owner, repo, tag } = options;
  const settingsFor = (existingBody: string | null | undefined): ReleaseSettings => ({
    body: composeReleaseBody(options.notes, existingBody ?? undefined, options.compareUrl),
    draft: options.draft,
    prerelease: options.prerelease,
    ...(options.makeLatest ? { make_latest: options.makeLatest } : {}),
  });
  const withAssets = options.assets.length > 0;
  // A draft left by a run that stopped before publishing has no tag yet: look among drafts too.
  let existing = await findRelease(client, owner, repo, tag, options.draft || withAssets);
  let lostAnswer = false;
  if (!existing) {
    const wanted = settingsFor(undefined);
    const created = await createRelease(
      client,
      options,
      withAssets ? { body: wanted.body, draft: true, prerelease: wanted.prerelease } : wanted,
    );
    if (created.how === 'created') {
      if (!withAssets) return finish(options, created.release, 'created', [], []);
      const uploaded = await attachAssets(client, options, created.release);
      return finish(options, await publishDraft(client, options, created.release, wanted), 'created', uploaded, []);
    }
    existing = created.release;
    lostAnswer = created.how === 'lost-answer';
  }
  if ((existing as { immutable?: boolean }).immutable)
    return updateSealed(client, options, existing, settingsFor(existing.body));
  const uploaded = await attachAssets(client, options, existing);
  const settings = settingsFor(existing.body);
  if (
    existing.body === settings.body &&
    existing.draft === options.draft &&
    existing.prerelease === options.prerelease &&
    !options.makeLatest
  ) {
    // Found just as this run's create sent it: the create was applied and only its answer was lost.
    return finish(options, existing, lostAnswer ? 'created' : 'unchanged', uploaded, []);
  }
  const updated = (await client.rest.repos.updateRelease({ owner, repo, release_id: existing.id, ...settings })).data;
  return finish(options, updated, 'updated', uploaded, []);
}

/** The one update that publishes a draft whose assets are attached (or keeps it a draft when asked to). */
async function publishDraft(
  client: GitHubClient,
  options: ReleasePublishOptions,
  draft: Release,
  settings: ReleaseSettings,
): Promise<Release> {
  if (options.draft && !options.makeLatest) return draft;
  const latest = settings.make_latest ? { make_latest: settings.make_latest } : {};
  return (
    await client.rest.repos.updateRelease({
      owner: options.owner,
      repo: options.repo,
      release_id: draft.id,
      draft: settings.draft,
      ...latest,
    })
  ).data;
}

/**
 * An immutable release (published with immutable releases on): GitHub lets only its title and notes
 * change. The notes are updated; assets that differ or are new, and a changed draft or prerelease
 * state, are reported as sealed rather than attempted.
 */
async function updateSealed(
  client: GitHubClient,
  options: ReleasePublishOptions,
  release: Release,
  settings: ReleaseSettings,
): Promise<ReleasePublishResult> {
  const sealed: string[] = [];
  const changed: string[] = [];
  for (const file of options.assets) {
    const name = basename(file);
    const same = release.assets.find((asset) => asset.name === name);
    if (!same) changed.push(`${name} (new)`);
    else if ((same as { digest?: string | null }).digest !== (await sha256File(file)))
      changed.push(`${name} (different content)`);
  }
  if (changed.length > 0)
    sealed.push(
      `its assets cannot change, so ${changed.join(', ')} ${changed.length === 1 ? 'was' : 'were'} not uploaded`,
    );
  if (options.prerelease !== release.prerelease)
    sealed.push(`it stays ${release.prerelease ? 'a prerelease' : 'a full release'}`);
  if (options.draft) sealed.push('it cannot become a draft again');
  let action: ReleasePublishResult['action'] = 'unchanged';
  if (release.body !== settings.body) {
    release = (
      await client.rest.repos.updateRelease({
        owner: options.owner,
        repo: options.repo,
        release_id: release.id,
        body: settings.body,
      })
    ).data;
    action = 'updated';
  }
  return finish(options, release, action, [], sealed);
}

function finish(
  options: ReleasePublishOptions,
  release: Release,
  action: ReleasePublishResult['action'],
  uploaded: string[],
  sealed: string[],
): ReleasePublishResult {
  options.log(`Release ${options.tag} ${action}: ${release.html_url}`);
  return { id: release.id, url: release.html_url, action, uploaded, sealed };
}

/** A 422 saying a release with this tag already exists. */
function isTagTaken(error: unknown): boolean {
  const { status, response } = error as {
    status?: number;
    response?: { data?: { errors?: Array<{ code?: string; field?: string }> } };
  };
  return (
    status === 422 &&
    (response?.data?.errors ?? []).some(
      (detail) => detail.code === 'already_exists' && (detail.field ?? 'tag_name') === 'tag_name',
    )
  );
}

interface Creation {
  release: Release;
  /** `created`: this create's answer; `lost-answer`: found after a create whose answer was lost; `taken`: found after 422 already_exists. */
  how: 'created' | 'lost-answer' | 'taken';
}

/**
 * Sends the create once (no automatic retry: a create whose answer was lost may have been applied).
 * After such a failure, or a 422 already_exists from a release made meanwhile (another run, or our own
 * create applied late), the release is looked up by tag so the caller updates it in place. Look-ups
 * happen only on these failure paths: a plain create costs one request.
 */
async function createRelease(
  client: GitHubClient,
  options: ReleasePublishOptions,
  settings: ReleaseSettings,
): Promise<Creation> {
  const { owner, repo, tag, log } = options;
  // Drafts have no tag yet and getReleaseByTag cannot see them: findRelease lists releases for a draft.
  const find = () => findRelease(client, owner, repo, tag, options.draft);
  let how = 'created' as Creation['how']; // set by find(), which TypeScript's narrowing cannot see
  try {
    const release = await createOnce<Release>({
      create: async () =>
        (
          await client.rest.repos.createRelease({
            owner,
            repo,
            tag_name: tag,
            name: tag,
            ...settings,
            request: { retries: 0 },
          })
        ).data,
      find: async () => {
        const found = await find();
        if (found) how = 'lost-answer';
        return found;
      },
      ...(options.retryBaseMs === undefined ? {} : { backoffMs: options.retryBaseMs }),
    });
    if (how === 'lost-answer')
      log(`Release ${tag}: the answer to its create was lost, and the release exists; using it.`);
    return { release, how };
  } catch (error) {
    if (!isTagTaken(error)) throw error;
    const found = await find();
    if (!found) throw error;
    log(`Release ${tag} already exists (422 already_exists on create); updating it in place.`);
    return { release: found, how: 'taken' };
  }
}

/** Attaches files to a release that can still take them, streamed from disk; same-named assets are replaced unless identical. */
async function attachAssets(client: GitHubClient, options: ReleasePublishOptions, release: Release): Promise<string[]> {
  const { owner, repo, log } = options;
  const uploaded: string[] = [];
  for (const file of options.assets) {
    const name = basename(file);
    const same = release.assets.find((asset) => asset.name === name);
    if (same) {
      if ((same as { digest?: string | null }).digest === (await sha256File(file))) {
        log(`Asset ${name} is already attached with the same content.`);
        continue;
      }
      await client.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: same.id });
    }
    const size = statSync(file).size;
    await uploadAsset(client, options, release, file);
    log(`Asset ${name} ${same ? 'replaced' : 'attached'} (${size} bytes).`);
    uploaded.push(name);
  }
  return uploaded;
}

type Asset = Release['assets'][number];

/**
 * Uploads one asset, streamed from disk, exactly once: an upload whose answer was lost may have been
 * stored, so after a transient failure the release's assets are looked at before the file is sent again
 * (from its start). A complete copy with the file's digest is kept; a partial one is deleted first.
 */
async function uploadAsset(client: GitHubClient, options: ReleasePublishOptions, release: Release, file: string) {
  const { owner, repo } = options;
  const name = basename(file);
  await createOnce<Asset>({
    create: () => uploadFile<Asset>(client, { url: release.upload_url, file, params: { name }, retries: 0 }),
    find: async () => {
      const assets = await client.paginate(client.rest.repos.listReleaseAssets, {
        owner,
        repo,
        release_id: release.id,
        per_page: 100,
      });
      const found = assets.find((asset) => asset.name === name);
      if (!found) return undefined;
      if (found.state === 'uploaded' && (found as { digest?: string | null }).digest === (await sha256File(file)))
        return found;
      await client.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: found.id });
      return undefined;
    },
    ...(options.retryBaseMs === undefined ? {} : { backoffMs: options.retryBaseMs }),
  });
}

/** One line saying what an immutable release kept as it was published, and what to do instead. */
export function sealedMessage(tag: string, sealed: readonly string[]): string {
  return `Release ${tag} is immutable (published with immutable releases on; only its title and notes can change): ${sealed.join('; ')}. Its notes were updated; publish a new version to ship changed assets.`;
}
