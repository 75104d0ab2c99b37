import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../support/harness.js';
import { type SigstoreBed, startSigstore } from '../../support/sigstore.js';
import { type Bed, startBed } from './bed.js';

/**
 * Issue 18: promote with `require-attestation: true` deploys a digest only when an attestation in
 * the repository verifies against the trust root and was signed by a workflow of this repository.
 * Artefacts are made and attested by the bundled package action against Sigstore stand-ins; the
 * trust root is the stand-ins', given through `attestation-trusted-root`.
 */
let bed: Bed;
let sigstore: SigstoreBed;
let otherSigstore: SigstoreBed;
let runId = 80_000;
const ENV = 'attested';
beforeAll(async () => {
  bed = await startBed();
  sigstore = await startSigstore(bed.work);
  otherSigstore = await startSigstore(await mkdtemp(join(tmpdir(), 'slipway-other-sigstore-')));
});
afterAll(async () => {
  await otherSigstore.close();
  await sigstore.close();
  await bed.close();
});

/** Packages `version` in octo/app's workspace; with `signer`, attests it as that repository's workflow would. */
async function packaged(
  version: string,
  signer?: { repository: string; workflow?: string },
): Promise<{ file: string; digest: string }> {
  const src = join(bed.work, `attest-src-${version}`);
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'version.txt'), `app ${version}`);
  writeFileSync(join(src, 'status'), '200');
  const env = signer
    ? sigstore.env({
        repository: signer.repository,
        workflow: signer.workflow ?? '.github/workflows/build.yml',
        serverUrl: bed.gh.serverUrl,
      })
    : {};
  const run = await runAction({
    action: 'package',
    inputs: {
      'path': `attest-src-${version}`,
      version,
      'output-dir': `attest-out-${version}`,
      'upload': 'false',
      'build-info': 'false',
      'attest': String(Boolean(signer)),
    },
    github: bed.gh,
    repository: 'octo/app',
    sha: bed.git.shas[1],
    runId: ++runId,
    workspace: bed.work,
    env,
  });
  expect(run.errors).toEqual([]);
  return { file: run.outputs.file as string, digest: run.outputs.digest as string };
}

function promote(file: string, version: string, extra: Record<string, string> = {}) {
  return bed.run('promote', {
    'environment': ENV,
    'artifact-path': file,
    version,
    'target': bed.target(ENV),
    'verify-url': `${bed.siteUrl}/${ENV}`,
    'verify-version': 'true',
    'verify-timeout': '5s',
    'require-attestation': 'true',
    'attestation-trusted-root': sigstore.trustedRoot,
    ...extra,
  });
}

async function refused(file: string, version: string, extra: Record<string, string> = {}): Promise<string> {
  const deployments = bed.gh.state.deployments.length;
  const run = await promote(file, version, extra);
  expect(run.exitCode).toBe(1);
  expect(run.errors).toHaveLength(1);
  expect(run.errors[0]).not.toContain('\n');
  expect(bed.gh.state.deployments.length).toBe(deployments);
  return run.errors[0] as string;
}

describe('promote with require-attestation: true', () => {
  it('refuses a digest that has no attestation, before anything is recorded', async () => {
    const { file, digest } = await packaged('1.0.0');
    expect(await refused(file, '1.0.0')).toBe(
      `Refusing to deploy ${digest} (require-attestation): no attestation exists for ${digest}.`,
    );
  });

  it("refuses a digest attested by another repository's workflow, even when the bundle is stored in this one", async () => {
    const { file, digest } = await packaged('1.1.0', { repository: 'evil/fork' });
    expect(
      bed.gh.state.attestations.some((a) => a.repository === 'octo/app' && a.subjectDigests.includes(digest)),
    ).toBe(true);
    expect(await refused(file, '1.1.0')).toBe(
      `Refusing to deploy ${digest} (require-attestation): the attestation for ${digest} signed by "${bed.gh.serverUrl}/evil/fork/.github/workflows/build.yml@refs/heads/main", not a workflow of octo/app.`,
    );
  });

  it('refuses an attestation that does not verify against the trust root given', async () => {
    const { file, digest } = await packaged('1.2.0', { repository: 'octo/app' });
    const error = await refused(file, '1.2.0', { 'attestation-trusted-root': otherSigstore.trustedRoot });
    expect(error).toMatch(
      new RegExp(
        `^Refusing to deploy ${digest} \\(require-attestation\\): the attestation for ${digest} does not verify \\(.+\\)\\.$`,
      ),
    );
  });

  it('refuses a digest signed by another workflow of this repository when attestation-signer-workflow names one', async () => {
    const { file, digest } = await packaged('1.3.0', {
      repository: 'octo/app',
      workflow: '.github/workflows/nightly.yml',
    });
    expect(await refused(file, '1.3.0', { 'attestation-signer-workflow': '.github/workflows/build.yml' })).toBe(
      `Refusing to deploy ${digest} (require-attestation): the attestation for ${digest} signed by "${bed.gh.serverUrl}/octo/app/.github/workflows/nightly.yml@refs/heads/main", not workflow .github/workflows/build.yml of octo/app.`,
    );
  });

  it("deploys a digest attested by this repository's build workflow, and says who signed it", async () => {
    const { file, digest } = await packaged('2.0.0', { repository: 'octo/app' });
    const run = await promote(file, '2.0.0', { 'attestation-signer-workflow': '.github/workflows/build.yml' });
    expect(run.errors).toEqual([]);
    expect(run.outputs.digest).toBe(digest);
    expect(run.stdout).toContain(
      `Build provenance of ${digest} verified: signed by ${bed.gh.serverUrl}/octo/app/.github/workflows/build.yml@refs/heads/main.`,
    );
    expect(await bed.served(`/${ENV}`)).toBe('200 app 2.0.0');
  });

  it('an attestation-signer-workflow outside .github/workflows is refused as input', async () => {
    const run = await promote('/nonexistent', '3.0.0', { 'attestation-signer-workflow': '../evil/build.yml' });
    expect(run.errors).toEqual([
      `Input 'attestation-signer-workflow' must be a workflow file of this repository such as .github/workflows/build.yml; got "../evil/build.yml".`,
    ]);
  });
});

describe('status with verify-provenance: true', () => {
  it('shows per environment whether the running digest carries verified provenance from this repository', async () => {
    // 'attested' runs 2.0.0 from the test above; 'plain' gets an unattested build, promoted without the requirement.
    const unattested = await packaged('4.0.0');
    const plain = await bed.run('promote', {
      'environment': 'plain',
      'artifact-path': unattested.file,
      'version': '4.0.0',
      'target': bed.target('plain'),
    });
    expect(plain.errors).toEqual([]);
    const run = await bed.run('status', {
      'environments': `${ENV}, plain`,
      'verify-provenance': 'true',
      'attestation-trusted-root': sigstore.trustedRoot,
    });
    expect(run.errors).toEqual([]);
    const matrix = JSON.parse(run.outputs.matrix ?? '[]') as Array<{
      environment: string;
      digest: string;
      provenance: unknown;
    }>;
    const signer = `${bed.gh.serverUrl}/octo/app/.github/workflows/build.yml@refs/heads/main`;
    expect(matrix.map((row) => [row.environment, row.provenance])).toEqual([
      [ENV, { verified: true, signer }],
      ['plain', { verified: false, reason: `no attestation exists for ${unattested.digest}` }],
    ]);
    expect(run.summary).toContain(`| ${ENV} | ✅ verified, signed by ${signer} |`);
    expect(run.summary).toContain(`| plain | ❌ not verified: no attestation exists for ${unattested.digest} |`);
  });
});
