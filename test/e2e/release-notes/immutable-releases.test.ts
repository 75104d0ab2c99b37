import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type GitHubEmulator } from '../../support/emulator/index.js';
import { sampleHistory, type SampleHistory } from '../../unit/release-notes/sample-history.js';
import { seedSamplePullRequests } from './seed.js';
import { releaseOnTagPush } from './tag-push.js';

let gh: GitHubEmulator;
let sample: SampleHistory;
let scratch: string;

afterEach(async () => {
  await gh.close();
  sample.repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

async function setUp(immutableReleases: boolean): Promise<void> {
  gh = await startEmulator();
  sample = sampleHistory();
  seedSamplePullRequests(gh.repo('octo/app', { gitDir: sample.repo.dir, immutableReleases }), sample);
  scratch = mkdtempSync(path.join(tmpdir(), 'slipway-rn-immutable-'));
}

const release = (inputs: Record<string, string>) =>
  releaseOnTagPush(gh, sample.repo.dir, 'v1.1.0', { inputs, scratch });

const operations = () => gh.requests.map((request) => `${request.operationId} ${request.status}`);

describe('a repository with immutable releases on', () => {
  beforeEach(() => setUp(true));

  it('creates a draft, uploads the assets, then publishes it in one update', async () => {
    const asset = path.join(scratch, 'app.tar.gz');
    writeFileSync(asset, 'first build');
    const run = await release({ assets: asset });
    expect(run.errors).toEqual([]);
    expect(operations()).toEqual([
      'graphql 200',
      'repos/get-release-by-tag 404',
      'repos/list-releases 200',
      'repos/create-release 201',
      'repos/upload-release-asset 201',
      'repos/update-release 200',
    ]);
    const [published] = gh.state.releases;
    expect(published).toMatchObject({ draft: false, immutable: true, tag_name: 'v1.1.0' });
    expect(published!.assets.map((a) => [a.name, a.data.toString()])).toEqual([['app.tar.gz', 'first build']]);
    // The upload succeeded, so the release was still a draft then: a published immutable one refuses uploads (next test).
  });

  it('on a re-run, updates only the notes and says which assets cannot change', async () => {
    const asset = path.join(scratch, 'app.tar.gz');
    const extra = path.join(scratch, 'app.sbom.json');
    writeFileSync(asset, 'first build');
    expect((await release({ assets: asset })).errors).toEqual([]);
    const published = gh.state.releases[0]!;
    published.body = published.body!.replace('## Features', '## Edited features');

    writeFileSync(asset, 'second build');
    writeFileSync(extra, '{}');
    gh.requests.length = 0;
    const again = await release({ assets: `${asset}\n${extra}` });
    expect(again.exitCode).toBe(0);
    // Assets are found (and so named) in path order, whatever order the globs were given in.
    expect(again.warnings).toEqual([
      'Release v1.1.0 is immutable (published with immutable releases on; only its title and notes can change): its assets cannot change, so app.sbom.json (new), app.tar.gz (different content) were not uploaded. Its notes were updated; publish a new version to ship changed assets.',
    ]);
    // No request GitHub would refuse: the notes alone were written.
    expect(operations()).toEqual(['graphql 200', 'repos/get-release-by-tag 200', 'repos/update-release 200']);
    expect(published.body).toContain('## Features');
    expect(published.assets.map((a) => [a.name, a.data.toString()])).toEqual([['app.tar.gz', 'first build']]);
    expect(again.outputs['release-id']).toBe(String(published.id));
  });

  it('the emulator answers as GitHub does when a published immutable release is changed', async () => {
    const asset = path.join(scratch, 'app.tar.gz');
    writeFileSync(asset, 'first build');
    expect((await release({ assets: asset })).errors).toEqual([]);
    const { id, assets } = gh.state.releases[0]!;
    const api = (method: string, url: string, body?: string) =>
      fetch(`${gh.url}${url}`, {
        method,
        body,
        headers: { 'authorization': `token ${gh.token}`, 'content-type': 'application/octet-stream' },
      });
    const upload = await api('POST', `/repos/octo/app/releases/${id}/assets?name=more.txt`, 'more');
    expect([upload.status, ((await upload.json()) as { message: string }).message]).toEqual([
      422,
      'Cannot upload assets to an immutable release.',
    ]);
    const removal = await api('DELETE', `/repos/octo/app/releases/assets/${assets[0]!.id}`);
    expect(removal.status).toBe(422);
    expect(await removal.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'ReleaseAsset', code: 'custom', message: 'Cannot delete asset from an immutable release' }],
    });
  });
});

describe('a repository with immutable releases off', () => {
  beforeEach(() => setUp(false));

  it('replaces a changed asset on re-run, the release staying mutable', async () => {
    const asset = path.join(scratch, 'app.tar.gz');
    writeFileSync(asset, 'first build');
    expect((await release({ assets: asset })).errors).toEqual([]);
    expect(gh.state.releases[0]).toMatchObject({ draft: false });
    expect(gh.state.releases[0]!.immutable).toBeFalsy();
    writeFileSync(asset, 'second build');
    const again = await release({ assets: asset });
    expect(again.warnings).toEqual([]);
    expect(again.stdout).toContain('Asset app.tar.gz replaced');
    expect(gh.state.releases[0]!.assets.map((a) => a.data.toString())).toEqual(['second build']);
  });
});
