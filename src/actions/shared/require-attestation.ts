import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, UserError } from '../../runtime/errors.js';
import { type SignerPolicy, verifyAttestations, type Verdict } from '../../promotion/attestation.js';
import type { GitHubApi, Repo } from '../../promotion/github-api.js';

export interface AttestationInputs {
  /** Deploy only a digest with verified build provenance from this repository. */
  required: boolean;
  /** A workflow file of this repository that must have signed, e.g. `.github/workflows/build.yml`. */
  signerWorkflow?: string;
  /** A Sigstore trusted_root.json to verify against; Sigstore's public-good root (from its TUF repository) otherwise. */
  trustedRoot?: string;
}

/**
 * `require-attestation` (status: `verify-provenance`), `attestation-signer-workflow` and
 * `attestation-trusted-root`, read in each action's inputs.ts.
 */
export function attestationInputs(
  required: boolean,
  signerWorkflow: string | undefined,
  trustedRoot: string | undefined,
): AttestationInputs {
  if (signerWorkflow !== undefined && !/^\.github\/workflows\/[^/\s@]+\.ya?ml$/.test(signerWorkflow)) {
    throw new InputError(
      'attestation-signer-workflow',
      `Input 'attestation-signer-workflow' must be a workflow file of this repository such as .github/workflows/build.yml; got ${JSON.stringify(signerWorkflow)}.`,
    );
  }
  return { required, signerWorkflow, trustedRoot };
}

async function trustedRootFor(inputs: AttestationInputs, workspace: string, cacheDir: string): Promise<unknown> {
  if (inputs.trustedRoot) {
    const file = path.resolve(workspace, inputs.trustedRoot);
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new InputError(
        'attestation-trusted-root',
        `Input 'attestation-trusted-root' must be a Sigstore trusted_root.json; '${file}' ${(error as NodeJS.ErrnoException).code ? `cannot be read (${(error as NodeJS.ErrnoException).code})` : 'is not JSON'}.`,
      );
    }
  }
  const { getTrustedRoot } = await import('@sigstore/tuf');
  return getTrustedRoot({ cachePath: path.join(cacheDir, 'sigstore-tuf') });
}

/** The verdict on `digest`'s build provenance in `repo`. */
export async function provenanceOf(
  digest: string,
  inputs: AttestationInputs,
  context: { gh: GitHubApi; repo: Repo; serverUrl: string; workspace: string; temp: string },
): Promise<Verdict> {
  const bundles = await context.gh.attestations.bundles(context.repo, digest);
  if (bundles.length === 0) return { verified: false, reason: `no attestation exists for ${digest}` };
  const policy: SignerPolicy = {
    repository: `${context.repo.owner}/${context.repo.name}`,
    serverUrl: context.serverUrl,
    workflow: inputs.signerWorkflow,
  };
  return verifyAttestations(bundles, digest, await trustedRootFor(inputs, context.workspace, context.temp), policy);
}

/** Refuses, in one line, a digest without verified build provenance from this repository. */
export async function requireProvenance(
  digest: string,
  inputs: AttestationInputs,
  context: Parameters<typeof provenanceOf>[2],
  log: (message: string) => void,
): Promise<void> {
  const verdict = await provenanceOf(digest, inputs, context);
  if (!verdict.verified) throw new UserError(`Refusing to deploy ${digest} (require-attestation): ${verdict.reason}.`);
  log(`Build provenance of ${digest} verified: signed by ${verdict.signer}.`);
}
