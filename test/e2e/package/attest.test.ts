import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyAttestations } from '../../../src/promotion/attestation.js';
import { type Emulator, startEmulator } from '../../support/emulator/index.js';
import { runAction } from '../../support/harness.js';
import { type SigstoreBed, startSigstore } from '../../support/sigstore.js';

/**
 * Issue 18: `package` with `attest: true` signs SLSA build provenance for the artefact's digest
 * against Sigstore stand-ins (Fulcio, Rekor, the Actions token service, all on 127.0.0.1) and
 * stores the bundle through the emulator's attestations endpoint, validated against GitHub's
 * OpenAPI description.
 */
const made: string[] = [];
let gh: Emulator;
let sigstore: SigstoreBed;
beforeAll(async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'slipway-attest-e2e-'));
  made.push(work);
  gh = await startEmulator();
  gh.repo('octo/app');
  sigstore = await startSigstore(work);
});
afterAll(async () => {
  await sigstore.close();
  await gh.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function workspace(): { dir: string; sha: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'slipway-attest-ws-'));
  made.push(dir);
  mkdirSync(path.join(dir, 'build'));
  writeFileSync(path.join(dir, 'build/app.js'), 'console.log("app")\n');
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
  git('init', '-q');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'init');
  return { dir, sha: git('rev-parse', 'HEAD') };
}

describe('package with attest: true', () => {
  test("stores a bundle for the digest that verifies against the trust root, signed by this repository's workflow", async () => {
    const { dir, sha } = workspace();
    const env = sigstore.env({
      repository: 'octo/app',
      workflow: '.github/workflows/build.yml',
      serverUrl: gh.serverUrl,
    });
    const run = await runAction({
      action: 'package',
      inputs: { path: 'build', version: '1.0.0', attest: 'true', upload: 'false' },
      workspace: dir,
      sha,
      github: gh,
      env,
    });
    expect(run.errors).toEqual([]);
    const digest = run.outputs.digest as string;
    const stored = gh.state.attestations.filter((a) => a.subjectDigests.includes(digest));
    expect(stored).toHaveLength(1);
    expect(run.outputs['attestation-id']).toBe(String(stored[0]?.id));
    expect(run.outputs['attestation-url']).toBe(`${gh.serverUrl}/octo/app/attestations/${stored[0]?.id}`);
    expect(sigstore.tokens).toMatchObject({ sigstore: 1, nobody: 1 });

    const trustedRoot: unknown = JSON.parse(await readFile(sigstore.trustedRoot, 'utf8'));
    const verdict = await verifyAttestations([stored[0]?.bundle], digest, trustedRoot, {
      repository: 'octo/app',
      serverUrl: gh.serverUrl,
    });
    expect(verdict).toEqual({
      verified: true,
      signer: `${gh.serverUrl}/octo/app/.github/workflows/build.yml@refs/heads/main`,
    });
    // The signer check is on the whole repository path: a repository whose name is a prefix does not pass.
    expect(
      await verifyAttestations([stored[0]?.bundle], digest, trustedRoot, {
        repository: 'octo/ap',
        serverUrl: gh.serverUrl,
      }),
    ).toMatchObject({ verified: false });
    const statement = JSON.parse(
      Buffer.from((stored[0]?.bundle.dsseEnvelope as { payload: string }).payload, 'base64').toString('utf8'),
    ) as Record<string, unknown>;
    expect(statement).toMatchObject({
      predicateType: 'https://slsa.dev/provenance/v1',
      subject: [{ name: 'app-1.0.0.tar.gz', digest: { sha256: digest.slice(7) } }],
    });
    // A statement rewritten to name another digest no longer matches its signature.
    const forged = structuredClone(stored[0]?.bundle) as { dsseEnvelope: { payload: string } };
    const other = `sha256:${'1'.repeat(64)}`;
    forged.dsseEnvelope.payload = Buffer.from(
      JSON.stringify({ ...statement, subject: [{ name: 'app', digest: { sha256: '1'.repeat(64) } }] }),
    ).toString('base64');
    expect(
      await verifyAttestations([forged], other, trustedRoot, { repository: 'octo/app', serverUrl: gh.serverUrl }),
    ).toMatchObject({ verified: false, reason: expect.stringMatching(/does not verify/) as unknown });
    expect(
      await verifyAttestations([stored[0]?.bundle], other, trustedRoot, {
        repository: 'octo/app',
        serverUrl: gh.serverUrl,
      }),
    ).toEqual({
      verified: false,
      reason: `the attestation for ${other} names other subjects`,
    });
    expect(run.summary).toContain(`[attestation ${stored[0]?.id}](${run.outputs['attestation-url']})`);
  });

  test('a re-run of the step in the same workflow run reuses its attestation instead of storing a second', async () => {
    const { dir, sha } = workspace();
    const runId = 4_100_000_001;
    const identity = {
      repository: 'octo/app',
      workflow: '.github/workflows/build.yml',
      serverUrl: gh.serverUrl,
      runId,
    };
    const attempt = (runAttempt: number) =>
      runAction({
        action: 'package',
        inputs: { 'path': 'build', 'version': '2.0.0', 'attest': 'true', 'upload': 'false', 'build-info': 'false' },
        workspace: dir,
        sha,
        github: gh,
        runId,
        runAttempt,
        env: sigstore.env(identity),
      });
    const first = await attempt(1);
    expect(first.errors).toEqual([]);
    const digest = first.outputs.digest as string;
    const stored = () => gh.state.attestations.filter((a) => a.subjectDigests.includes(digest));
    expect(stored()).toHaveLength(1);
    const signed = sigstore.tokens.sigstore;

    gh.requests.length = 0;
    const second = await attempt(2);
    expect(second.errors).toEqual([]);
    // One attestation, the same artefact, and nothing signed or stored again: one look-up.
    expect(stored()).toHaveLength(1);
    expect(sigstore.tokens.sigstore).toBe(signed);
    expect(gh.requests.map((request) => `${request.operationId} ${request.status}`)).toEqual([
      'repos/list-attestations 200',
    ]);
    expect(second.outputs.digest).toBe(digest);
    expect(path.basename(second.outputs.file as string)).toBe(path.basename(first.outputs.file as string));
    // Listing attestations gives bundles, not ids: the reused one is linked through the repository's attestations.
    expect(second.outputs['attestation-id']).toBeUndefined();
    expect(second.outputs['attestation-url']).toBe(`${gh.serverUrl}/octo/app/attestations`);
    expect(second.summary).toContain(`already attested by this run`);
    expect(second.summary).toContain(`/octo/app/actions/runs/${runId}/attempts/1`);

    // Another workflow run (a later build of the same bytes) attests its own provenance.
    const other = await runAction({
      action: 'package',
      inputs: { 'path': 'build', 'version': '2.0.0', 'attest': 'true', 'upload': 'false', 'build-info': 'false' },
      workspace: dir,
      sha,
      github: gh,
      runId: runId + 1,
      env: sigstore.env({ ...identity, runId: runId + 1 }),
    });
    expect(other.errors).toEqual([]);
    expect(other.outputs.digest).toBe(digest);
    expect(stored()).toHaveLength(2);
    expect(other.outputs['attestation-id']).toBe(String(stored()[1]?.id));
  });

  test("without the job's OIDC token (no id-token: write) it fails with one line saying what to add, and stores nothing", async () => {
    const { dir, sha } = workspace();
    const before = gh.state.attestations.length;
    const run = await runAction({
      action: 'package',
      inputs: { path: 'build', version: '1.0.1', attest: 'true', upload: 'false' },
      workspace: dir,
      sha,
      github: gh,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      "Input 'attest' needs the job's OIDC token: add `permissions: id-token: write` (and `attestations: write`) to the job.",
    ]);
    expect(gh.state.attestations.length).toBe(before);
  });
});
