import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startArtifactService, type ArtifactService } from '../../support/artifact-service.js';
import { runAction } from '../../support/harness.js';

const ROUND_TRIP = 'test/fixtures/sample-action/artifact';

describe('artifact service', () => {
  let artifacts: ArtifactService;
  beforeEach(async () => {
    artifacts = await startArtifactService();
  });
  afterEach(async () => {
    await artifacts.close();
  });

  it('takes an upload from @actions/artifact and serves it back to a download in the same run', async () => {
    const uploaded = await runAction({
      action: ROUND_TRIP,
      artifacts,
      runId: 77,
      inputs: { mode: 'upload', name: 'report', content: 'héllo artifact' },
    });
    expect(uploaded.errors).toEqual([]);
    expect(uploaded.exitCode).toBe(0);

    const [record] = artifacts.list();
    expect(record).toMatchObject({ id: Number(uploaded.outputs['artifact-id']), name: 'report', runId: 77 });
    const zip = artifacts.content(record!.id);
    expect(record!.size).toBe(zip.length);
    expect(record!.digest).toBe(`sha256:${createHash('sha256').update(zip).digest('hex')}`);
    expect(record!.digest).toBe(`sha256:${uploaded.outputs.digest}`);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'binary'));
    expect(artifacts.requests.map((r) => r.operation)).toEqual(['CreateArtifact', 'PutBlock', 'PutBlockList', 'FinalizeArtifact']);

    const downloaded = await runAction({ action: ROUND_TRIP, artifacts, runId: 77, inputs: { mode: 'download', 'artifact-id': record!.id } });
    expect(downloaded.errors).toEqual([]);
    expect(downloaded.outputs.content).toBe('héllo artifact');
  });

  it('binds to loopback and stops accepting connections once closed', async () => {
    const closing = await startArtifactService();
    expect(new URL(closing.resultsUrl).hostname).toBe('127.0.0.1');
    await closing.close();
    await expect(fetch(closing.resultsUrl)).rejects.toThrow('fetch failed');
  });

  it('refuses a second artifact with the same name in a run, as the service does', async () => {
    const first = await runAction({ action: ROUND_TRIP, artifacts, runId: 5, inputs: { mode: 'upload', content: 'a' } });
    const second = await runAction({ action: ROUND_TRIP, artifacts, runId: 5, inputs: { mode: 'upload', content: 'b' } });
    const otherRun = await runAction({ action: ROUND_TRIP, artifacts, runId: 6, inputs: { mode: 'upload', content: 'c' } });
    expect(first.exitCode).toBe(0);
    expect(second.exitCode).toBe(1);
    expect(second.errors.join('\n')).toContain('(409) Conflict: an artifact with this name already exists on the workflow run');
    expect(otherRun.exitCode).toBe(0);
    expect(artifacts.list().map((a) => a.runId)).toEqual([5, 6]);
  });

  it('does not list another run\'s artifacts to a job, and serves blobs only with a valid signature', async () => {
    const uploaded = await runAction({ action: ROUND_TRIP, artifacts, runId: 8, inputs: { mode: 'upload', content: 'x' } });
    const id = uploaded.outputs['artifact-id'];
    const elsewhere = await runAction({ action: ROUND_TRIP, artifacts, runId: 9, inputs: { mode: 'download', 'artifact-id': id! } });
    expect(elsewhere.exitCode).toBe(1);
    expect(elsewhere.errors.join('\n')).toContain(`No artifacts found for ID: ${id}`);

    const { downloadUrl } = artifacts.list()[0]!;
    const good = await fetch(downloadUrl);
    expect(good.status).toBe(200);
    expect(good.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await good.arrayBuffer())).toEqual(artifacts.content(Number(id)));
    const tampered = await fetch(downloadUrl.replace(/sig=[^&]+/, 'sig=forged'));
    expect(tampered.status).toBe(403);
    expect(tampered.headers.get('x-ms-error-code')).toBe('AuthenticationFailed');
  });
});
