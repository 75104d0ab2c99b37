import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { GitHubClient } from '../runtime/github-client.js';
import { composeReleaseBody } from './release-body.js';

export interface PublishOptions {
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
}

export interface PublishResult {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
  uploaded: string[];
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
export async function publishRelease(client: GitHubClient, options: PublishOptions): Promise<PublishResult> {
  const { owner, repo, tag, log } = options;
  const existing = await findRelease(client, owner, repo, tag, options.draft);
  const body = composeReleaseBody(options.notes, existing?.body ?? undefined, options.compareUrl);
  const settings = { body, draft: options.draft, prerelease: options.prerelease, ...(options.makeLatest ? { make_latest: options.makeLatest } : {}) };
  let release: Release;
  let action: PublishResult['action'];
  if (!existing) {
    release = (await client.rest.repos.createRelease({ owner, repo, tag_name: tag, name: tag, ...settings })).data;
    action = 'created';
  } else if (existing.body === body && existing.draft === options.draft && existing.prerelease === options.prerelease && !options.makeLatest) {
    release = existing;
    action = 'unchanged';
  } else {
    release = (await client.rest.repos.updateRelease({ owner, repo, release_id: existing.id, ...settings })).data;
    action = 'updated';
  }
  log(`Release ${tag} ${action}: ${release.html_url}`);
  const uploaded = await attachAssets(client, owner, repo, release, options.assets, log);
  return { id: release.id, url: release.html_url, action, uploaded };
}

async function attachAssets(client: GitHubClient, owner: string, repo: string, release: Release, files: string[], log: (message: string) => void): Promise<string[]> {
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
