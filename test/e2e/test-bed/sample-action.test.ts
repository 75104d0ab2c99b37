import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startArtifactService, type ArtifactService } from '../../support/artifact-service.js';
import { startEmulator, type Emulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { runAction } from '../../support/harness.js';

describe('sample action against the emulator', () => {
  let gh: Emulator;
  let artifacts: ArtifactService;
  beforeEach(async () => {
    artifacts = await startArtifactService();
    gh = await startEmulator({ artifacts });
    gh.repo('octo/app');
  });
  afterEach(async () => {
    await artifacts.close();
    await gh.close();
  });

  it('creates a release, reports it in outputs and summary, and finds it on a re-run', async () => {
    const options = {
      action: 'test/fixtures/sample-action',
      github: gh,
      inputs: { tag: 'v1.0.0', notes: '## Changes\n- first release' },
      event: { name: 'push', payload: examplePayload('push', (p) => void (p.ref = 'refs/tags/v1.0.0')) },
    };
    const first = await runAction(options);
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);

    const [release] = gh.state.releases;
    expect(release).toBeDefined();
    expect(first.outputs).toEqual({
      'release-id': String(release!.id),
      'html-url': expect.stringContaining('/octo/app/releases/tag/v1.0.0'),
      'created': 'true',
    });
    expect(first.summary).toContain('<h3>Released v1.0.0</h3>');
    expect(first.summary).toContain(first.outputs['html-url']);

    const again = await runAction(options);
    expect(again.outputs).toMatchObject({ 'release-id': String(release!.id), 'created': 'false' });
    expect(again.summary).toContain('<h3>Already released v1.0.0</h3>');
    expect(gh.count('repos/create-release')).toBe(1);
    expect(gh.state.releases).toHaveLength(1);
  });

  it('downloads, through the REST API, an artifact another run uploaded', async () => {
    const uploaded = await runAction({
      action: 'test/fixtures/sample-action/artifact',
      artifacts,
      runId: 100,
      inputs: { mode: 'upload', content: 'built in run 100' },
    });
    expect(uploaded.errors).toEqual([]);
    const downloaded = await runAction({
      action: 'test/fixtures/sample-action/artifact',
      github: gh,
      artifacts,
      runId: 200,
      inputs: { 'mode': 'download-other-run', 'artifact-id': uploaded.outputs['artifact-id']! },
    });
    expect(downloaded.errors).toEqual([]);
    expect(downloaded.outputs.content).toBe('built in run 100');
    expect(gh.count('actions/download-artifact')).toBe(1);
  });
});
