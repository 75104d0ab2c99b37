import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestError } from '@octokit/request-error';
import { publishRelease, type ReleasePublishOptions } from '../../../src/release-notes/publish.js';
import { createGitHubClient, type GitHubClient } from '../../../src/runtime/github-client.js';
import { startEmulator, type GitHubEmulator } from '../../support/emulator/index.js';
import { sampleHistory, type SampleHistory } from './sample-history.js';

/**
 * A create-release GitHub applied but whose answer was lost, and a release made by someone else
 * between the look-up and the create: either way one release, updated in place.
 */
let gh: GitHubEmulator;
let sample: SampleHistory;
beforeAll(async () => {
  sample = sampleHistory();
  gh = await startEmulator();
  gh.repo('octo/app', { gitDir: sample.repo.dir });
});
afterAll(async () => {
  await gh.close();
  sample.repo.remove();
});

const client = () => createGitHubClient({ token: gh.token, apiUrl: gh.url, retryBaseMs: 1, writeIntervalMs: 0 });
const options = (tag: string, extra: Partial<ReleasePublishOptions> = {}): ReleasePublishOptions => ({
  owner: 'octo',
  repo: 'app',
  tag,
  notes: `## Notes for ${tag}`,
  draft: false,
  prerelease: false,
  assets: [],
  log: () => {},
  retryBaseMs: 1,
  ...extra,
});
const releasesOf = (tag: string) => gh.state.releases.filter((release) => release.tag_name === tag);
// Hooks see the route template (`/repos/{owner}/{repo}/releases`), not the expanded URL.
const isCreate = (options: { method: string; url: string }) =>
  options.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/releases$/.test(options.url);
const operationsSince = (start: number) => gh.requests.slice(start).map((request) => request.operationId);

/** Makes the first create-release answer a 502 after the emulator applied it. */
function loseFirstCreateAnswer(github: GitHubClient): void {
  let lost = false;
  github.hook.wrap('request', async (request, requestOptions) => {
    const response = await request(requestOptions);
    if (!lost && isCreate(requestOptions)) {
      lost = true;
      throw new RequestError('Server Error', 502, {
        request: requestOptions,
        response: { ...response, status: 502, data: { message: 'Server Error' } },
      });
    }
    return response;
  });
}

describe('publishing a release exactly once', () => {
  it('creates with one look-up and one create when nothing fails', async () => {
    const start = gh.requests.length;
    const result = await publishRelease(client(), options('v1.0.0'));
    expect(result.action).toBe('created');
    expect(releasesOf('v1.0.0')).toHaveLength(1);
    expect(operationsSince(start)).toEqual(['repos/get-release-by-tag', 'repos/create-release']);
  });

  it('finds the release by tag when the answer to its create was lost, and creates no second one', async () => {
    const github = client();
    loseFirstCreateAnswer(github);
    const start = gh.requests.length;
    const result = await publishRelease(github, options('v1.1.0'));
    expect(releasesOf('v1.1.0')).toHaveLength(1);
    expect(result).toMatchObject({ id: releasesOf('v1.1.0')[0]!.id, action: 'created' });
    expect(releasesOf('v1.1.0')[0]!.body).toContain('## Notes for v1.1.0');
    expect(operationsSince(start)).toEqual([
      'repos/get-release-by-tag',
      'repos/create-release',
      'repos/get-release-by-tag',
    ]);
  });

  it('finds a draft among the listed releases when the answer to its create was lost', async () => {
    const github = client();
    loseFirstCreateAnswer(github);
    const result = await publishRelease(github, options('v1.0.1', { draft: true }));
    expect(releasesOf('v1.0.1')).toHaveLength(1);
    expect(result).toMatchObject({ id: releasesOf('v1.0.1')[0]!.id, action: 'created' });
    expect(releasesOf('v1.0.1')[0]!.draft).toBe(true);
  });

  it('updates in place a release made between the look-up and the create (422 already_exists)', async () => {
    const github = client();
    const other = client();
    let made: number | undefined;
    github.hook.before('request', async (requestOptions) => {
      if (made === undefined && isCreate(requestOptions)) {
        made = (
          await other.rest.repos.createRelease({
            owner: 'octo',
            repo: 'app',
            tag_name: 'v1.1.0-rc.1',
            body: 'written by a person',
          })
        ).data.id;
      }
    });
    const result = await publishRelease(github, options('v1.1.0-rc.1'));
    expect(releasesOf('v1.1.0-rc.1')).toHaveLength(1);
    expect(result).toMatchObject({ id: made, action: 'updated' });
    const body = releasesOf('v1.1.0-rc.1')[0]!.body!;
    expect(body).toContain('## Notes for v1.1.0-rc.1');
    expect(body).toContain('written by a person');
  });

  it('fails on other refusals of the create without looking the release up again', async () => {
    const start = gh.requests.length;
    gh.restrictPermission('contents', 'read');
    try {
      await expect(publishRelease(client(), options('api/v1.0.0'))).rejects.toMatchObject({ status: 403 });
    } finally {
      gh.restrictPermission('contents', false);
    }
    expect(releasesOf('api/v1.0.0')).toHaveLength(0);
    expect(operationsSince(start)).toEqual(['repos/get-release-by-tag', 'repos/create-release']);
  });
});
