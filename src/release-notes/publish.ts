import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createOnce } from '../runtime/create-once.js';
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
}

interface ReleaseSettings {
  body: string;
  draft: boolean;
  prerelease: boolean;
  make_latest?: 'true' | 'false' | 'legacy';
}

type Release = Awaited<ReturnType<GitHubClient['rest']['repos']['getReleaseByTag']>>['data'];

/** The release for `tag`, if any: by tag, then (for drafts, which have no tag yet) among the latest 100. */
export async function findRelease(client: GitHubClient, owner: string, repo: string, tag: string, lookForDraft: boolean): Promise<Release | undefined> {
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
 */
export async function publishRelease(client: GitHubClient, options: ReleasePublishOptions): Promise<ReleasePublishResult> {
  const { owner, repo, tag } = options;
  const settingsFor = (existingBody: string | null | undefined): ReleaseSettings => ({
    body: composeReleaseBody(options.notes, existingBody ?? undefined, options.compareUrl),
    draft: options.draft,
    prerelease: options.prerelease,
    ...(options.makeLatest ? { make_latest: options.makeLatest } : {}),
  });
  let existing = await findRelease(client, owner, repo, tag, options.draft);
  let lostAnswer = false;
  if (!existing) {
    const created = await createRelease(client, options, settingsFor(undefined));
    if (created.how === 'created') return finish(client, options, created.release, 'created');
    existing = created.release;
    lostAnswer = created.how === 'lost-answer';
  }
  const settings = settingsFor(existing.body);
  if (existing.body === settings.body && existing.draft === options.draft && existing.prerelease === options.prerelease && !options.makeLatest) {
    // Found just as this run's create sent it: the create was applied and only its answer was lost.
    return finish(client, options, existing, lostAnswer ? 'created' : 'unchanged');
  }
  const updated = (await client.rest.repos.updateRelease({ owner, repo, release_id: existing.id, ...settings })).data;
  return finish(client, options, updated, 'updated');
}

async function finish(client: GitHubClient, options: ReleasePublishOptions, release: Release, action: ReleasePublishResult['action']): Promise<ReleasePublishResult> {
  options.log(`Release ${options.tag} ${action}: ${release.html_url}`);
  const uploaded = await attachAssets(client, options.owner, options.repo, release, options.assets, options.log);
  return { id: release.id, url: release.html_url, action, uploaded };
}

/** A 422 saying a release with this tag already exists. */
function isTagTaken(error: unknown): boolean {
  const { status, response } = error as { status?: number; response?: { data?: { errors?: Array<{ code?: string; field?: string }> } } };
  return status === 422 && (response?.data?.errors ?? []).some((detail) => detail.code === 'already_exists' && (detail.field ?? 'tag_name') === 'tag_name');
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
async function createRelease(client: GitHubClient, options: ReleasePublishOptions, settings: ReleaseSettings): Promise<Creation> {
  const { owner, repo, tag, log } = options;
  // Drafts have no tag yet and getReleaseByTag cannot see them: findRelease lists releases for a draft.
  const find = () => findRelease(client, owner, repo, tag, options.draft);
  let how = 'created' as Creation['how']; // set by find(), which TypeScript's narrowing cannot see
  try {
    const release = await createOnce<Release>({
      create: async () => (await client.rest.repos.createRelease({ owner, repo, tag_name: tag, name: tag, ...settings, request: { retries: 0 } })).data,
      find: async () => {
        const found = await find();
        if (found) how = 'lost-answer';
        return found;
      },
      ...(options.retryBaseMs === undefined ? {} : { backoffMs: options.retryBaseMs }),
    });
    if (how === 'lost-answer') log(`Release ${tag}: the answer to its create was lost, and the release exists; using it.`);
    return { release, how };
  } catch (error) {
    if (!isTagTaken(error)) throw error;
    const found = await find();
    if (!found) throw error;
    log(`Release ${tag} already exists (422 already_exists on create); updating it in place.`);
    return { release: found, how: 'taken' };
  }
}

async function attachAssets(client: GitHubClient, owner: string, repo: string, release: Release, files: string[],
  log: (message: string) => void): Promise<string[]> {
  const uploaded: string[] = [];
  for (const file of files) {
    const name = basename(file);
    const data = readFileSync(file);
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    const same = release.assets.find((asset) => asset.name === name);
    if (same) {
      const known = (same as { digest?: string | null }).digest;
      if (known === digest) {
        log(`Asset ${name} is already attached with the same content.`);
        continue;
      }
      await client.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: same.id });
    }
    await client.request({
      method: 'POST',
      url: release.upload_url,
      name,
      data,
      headers: { 'content-type': 'application/octet-stream', 'content-length': data.length },
    } as unknown as Parameters<GitHubClient['request']>[0]);
    log(`Asset ${name} ${same ? 'replaced' : 'attached'} (${data.length} bytes).`);
    uploaded.push(name);
  }
  return uploaded;
}
