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
    expect(artifacts.requests.map((r) => r.operation)).toEqual([
      'CreateArtifact',
      'PutBlock',
      'PutBlockList',
      'FinalizeArtifact',
    ]);

    const downloaded = await runAction({
      action: ROUND_TRIP,
      artifacts,
      runId: 77,
      inputs: { 'mode': 'download', 'artifact-id': record!.id },
    });
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
    const first = await runAction({
      action: ROUND_TRIP,
      artifacts,
      runId: 5,
      inputs: { mode: 'upload', content: 'a' },
    });
    const second = await runAction({
      action: ROUND_TRIP,
      artifacts,
      runId: 5,
      inputs: { mode: 'upload', content: 'b' },
    });
    const otherRun = await runAction({
      action: ROUND_TRIP,
      artifacts,
      runId: 6,
      inputs: { mode: 'upload', content: 'c' },
    });
    expect(first.exitCode).toBe(0);
    expect(second.exitCode).toBe(1);
    expect(second.errors.join('\n')).toContain(
      '(409) Conflict: an artifact with this name already exists on the workflow run',
    );
    expect(otherRun.exitCode).toBe(0);
    expect(artifacts.list().map((a) => a.runId)).toEqual([5, 6]);
  });

  it("does not list another run's artifacts to a job, and serves blobs only with a valid signature", async () => {
    const uploaded = await runAction({
      action: ROUND_TRIP,
      artifacts,
      runId: 8,
      inputs: { mode: 'upload', content: 'x' },
    });
    const id = uploaded.outputs['artifact-id'];
    const elsewhere = await runAction({
      action: ROUND_TRIP,
      artifacts,
      runId: 9,
      inputs: { 'mode': 'download', 'artifact-id': id! },
    });
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

  describe('fault injection', () => {
    const SERVICE = 'twirp/github.actions.results.api.v1.ArtifactService';
    const scope = (runId: string) => {
      const token = artifacts.runtimeToken(runId, 'build');
      const [, run, job] = (
        JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { scp: string }
      ).scp
        .split(' ')[1]!
        .split(':');
      return { token, run: run!, job: job! };
    };
    const twirp = (method: string, token: string, body: object) =>
      fetch(`${artifacts.resultsUrl}${SERVICE}/${method}`, {
        method: 'POST',
        headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it("answers each kind the service's way, before acting: nothing is created or stored", async () => {
      const { token, run, job } = scope('31');
      const create = { workflow_run_backend_id: run, workflow_job_run_backend_id: job, name: 'report', version: 7 };
      const answers: Record<string, { status: number; type: string | null; retryAfter: string | null; body: string }> =
        {};
      for (const kind of ['500', '502', '503', '429'] as const) {
        artifacts.setFaults({ twirp: { rate: 1, kinds: [kind], routes: ['CreateArtifact'] } });
        const response = await twirp('CreateArtifact', token, create);
        answers[kind] = {
          status: response.status,
          type: response.headers.get('content-type'),
          retryAfter: response.headers.get('retry-after'),
          body: await response.text(),
        };
      }
      expect(answers['500']).toMatchObject({
        status: 500,
        body: JSON.stringify({ code: 'internal', msg: 'internal error' }),
      });
      expect(answers['503']).toMatchObject({
        status: 503,
        body: JSON.stringify({ code: 'unavailable', msg: 'the service is unavailable' }),
      });
      expect(answers['429']).toMatchObject({
        status: 429,
        retryAfter: '1',
        body: JSON.stringify({ code: 'resource_exhausted', msg: 'too many requests' }),
      });
      expect(answers['502']).toMatchObject({ status: 502, type: 'text/html' });
      artifacts.setFaults({ twirp: { rate: 1, kinds: ['drop'], routes: ['CreateArtifact'] } });
      await expect(twirp('CreateArtifact', token, create)).rejects.toThrow('fetch failed');
      // Routes limit faults: other methods pass.
      expect(
        (await twirp('ListArtifacts', token, { workflow_run_backend_id: run, workflow_job_run_backend_id: job }))
          .status,
      ).toBe(200);

      // The blob side: a faulted Put Block stores nothing, so committing it is refused.
      artifacts.setFaults(undefined);
      const { signed_upload_url: url } = (await (await twirp('CreateArtifact', token, create)).json()) as {
        signed_upload_url: string;
      };
      const blockId = Buffer.from('block-0').toString('base64');
      for (const kind of ['500', '503', '429'] as const) {
        artifacts.setFaults({ blob: { rate: 1, kinds: [kind], routes: ['PutBlock'], retryAfterSeconds: 2 } });
        const response = await fetch(`${url}&comp=block&blockid=${encodeURIComponent(blockId)}`, {
          method: 'PUT',
          body: 'bytes',
        });
        expect(response.status).toBe(Number(kind));
        expect(response.headers.get('x-ms-error-code')).toBe(kind === '500' ? 'InternalError' : 'ServerBusy');
        expect(response.headers.get('retry-after')).toBe(kind === '429' ? '2' : null);
        expect(await response.text()).toMatch(/^<\?xml .*<Error><Code>/);
      }
      artifacts.setFaults({ blob: { rate: 1, kinds: ['drop'], routes: ['PutBlock'] } });
      await expect(
        fetch(`${url}&comp=block&blockid=${encodeURIComponent(blockId)}`, { method: 'PUT', body: 'bytes' }),
      ).rejects.toThrow('fetch failed');
      artifacts.setFaults(undefined);
      const commit = await fetch(`${url}&comp=blocklist`, {
        method: 'PUT',
        body: `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${blockId}</Latest></BlockList>`,
      });
      expect(commit.status).toBe(400);
      expect(commit.headers.get('x-ms-error-code')).toBe('InvalidBlockList');

      const faulted = artifacts.requests.filter((request) => request.faulted);
      expect(faulted.map((request) => `${request.operation} ${request.fault} ${request.status}`)).toEqual([
        'CreateArtifact 500 500',
        'CreateArtifact 502 502',
        'CreateArtifact 503 503',
        'CreateArtifact 429 429',
        'CreateArtifact drop 0',
        'PutBlock 500 500',
        'PutBlock 503 503',
        'PutBlock 429 429',
        'PutBlock drop 0',
      ]);
      // None of the five faulted CreateArtifact calls took an id: only the one that was served did (1001).
      const uploaded = await runAction({
        action: ROUND_TRIP,
        artifacts,
        runId: 32,
        inputs: { mode: 'upload', content: 'after the faults' },
      });
      expect(uploaded.outputs['artifact-id']).toBe('1002');
    });

    it('fails the same requests for a seed, at about the rate asked', async () => {
      const { token, run } = scope('33');
      const statuses = async (seed: number) => {
        artifacts.setFaults({ twirp: { seed, rate: 0.3, kinds: ['500', '502', '503', '429'] } });
        const seen: number[] = [];
        for (let i = 0; i < 100; i += 1)
          seen.push((await twirp('ListArtifacts', token, { workflow_run_backend_id: run })).status);
        return seen;
      };
      const first = await statuses(42);
      expect(await statuses(42)).toEqual(first);
      expect(await statuses(43)).not.toEqual(first);
      const failed = first.filter((status) => status !== 200);
      expect(new Set(failed)).toEqual(new Set([500, 502, 503, 429]));
      expect(failed.length).toBeGreaterThan(18);
      expect(failed.length).toBeLessThan(42);
    });

    it('has no secondary rate limit to inject', () => {
      expect(() => artifacts.setFaults({ twirp: { rate: 0.1, kinds: ['500', '403-secondary'] } })).toThrow(
        /no secondary rate limit/,
      );
    });

    it(
      '@actions/artifact gets an upload through the faults it retries: one artifact, the same bytes',
      { timeout: 30_000 },
      async () => {
        // Seeds picked for one retried fault on CreateArtifact (the Twirp client waits 3 s before its retry),
        // a reset Put Block and a 503 on Put Block List (the Azure SDK retries each at once).
        artifacts.setFaults({
          twirp: { seed: 19, rate: 0.3, kinds: ['500', '502', '503', '429'] },
          blob: { seed: 110, rate: 0.3, kinds: ['500', '503', 'drop'] },
        });
        const uploaded = await runAction({
          action: ROUND_TRIP,
          artifacts,
          runId: 34,
          inputs: { mode: 'upload', content: 'through the faults' },
        });
        artifacts.setFaults(undefined);
        expect(uploaded.errors).toEqual([]);
        const faults = artifacts.requests
          .filter((request) => request.faulted)
          .map((request) => `${request.operation} ${request.fault}`);
        expect(faults).toEqual(['CreateArtifact 502', 'PutBlock drop', 'PutBlockList 503']);
        expect(artifacts.list()).toHaveLength(1);
        const downloaded = await runAction({
          action: ROUND_TRIP,
          artifacts,
          runId: 34,
          inputs: { 'mode': 'download', 'artifact-id': uploaded.outputs['artifact-id']! },
        });
        expect(downloaded.outputs.content).toBe('through the faults');
      },
    );

    it('@actions/artifact does not retry a 502 or a 429 on a blob upload: the upload fails at once', async () => {
      // The Azure SDK's retry policy takes 500, 503 and network errors only. Azure Storage itself throttles
      // with 503 (ServerBusy), so the fault runs inject 500, 503 and resets on blobs.
      for (const [index, kind] of (['502', '429'] as const).entries()) {
        // Seed 890 at 50% fails the first Put Block only: one retry would get through.
        artifacts.setFaults({ blob: { seed: 890, rate: 0.5, kinds: [kind], routes: ['PutBlock'] } });
        const uploaded = await runAction({
          action: ROUND_TRIP,
          artifacts,
          runId: 36 + index,
          inputs: { mode: 'upload', content: 'x' },
        });
        expect(uploaded.exitCode, kind).toBe(1);
      }
      expect(artifacts.requests.map((request) => `${request.operation} ${request.status}`)).toEqual([
        'CreateArtifact 200',
        'PutBlock 502',
        'CreateArtifact 200',
        'PutBlock 429',
      ]);
    });

    it('@actions/artifact does not retry a reset Twirp connection: the upload fails at once', async () => {
      // A fault the real client cannot survive (it turns ECONNRESET into a NetworkError without retrying);
      // what the package action makes of it is in test/e2e/reliability/faults-gate-package.test.ts.
      artifacts.setFaults({ twirp: { rate: 1, kinds: ['drop'], routes: ['CreateArtifact'] } });
      const uploaded = await runAction({
        action: ROUND_TRIP,
        artifacts,
        runId: 35,
        inputs: { mode: 'upload', content: 'x' },
      });
      expect(uploaded.exitCode).toBe(1);
      expect(uploaded.errors.join('\n')).toContain('Unable to make request: ECONNRESET');
      expect(artifacts.requests.map((request) => request.operation)).toEqual(['CreateArtifact']);
    });
  });
});
