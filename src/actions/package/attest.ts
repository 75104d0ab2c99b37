import { UserError } from '../../runtime/errors.js';
import type { ActionContext } from '../../runtime/action-context.js';
import type { GitHubClient } from '../../runtime/github-client.js';

/** Where an attestation is signed: Fulcio issues the certificate, Rekor or a timestamp authority witnesses the signature. */
interface SigningEndpoints {
  fulcioURL: string;
  rekorURL?: string;
  tsaServerURL?: string;
  /** The OIDC issuer @actions/attest checks the job's token against; GitHub's by default. */
  oidcIssuer?: string;
}

/**
 * As @actions/attest chooses: Sigstore's public-good instance for a public repository (the
 * attestation is public too), GitHub's own for a private one. SLIPWAY_TEST_SIGSTORE (JSON of
 * SigningEndpoints) is for Slipway's tests only, signing against stand-ins on 127.0.0.1; it cannot
 * weaken anything, as promote verifies against its own trust material and a stand-in's signatures
 * do not verify against Sigstore's or GitHub's.
 */
function signingEndpoints(context: ActionContext, visibility: string | undefined): SigningEndpoints {
  if (context.tuning.testSigstore) return JSON.parse(context.tuning.testSigstore) as SigningEndpoints;
  if (visibility === 'public')
    return { fulcioURL: 'https://fulcio.sigstore.dev', rekorURL: 'https://rekor.sigstore.dev' };
  let host = new URL(context.serverUrl).hostname;
  if (host === 'github.com') host = 'githubapp.com';
  return { fulcioURL: `https://fulcio.${host}`, tsaServerURL: `https://timestamp.${host}` };
}

export interface Attested {
  id: number;
  url: string;
}

/**
 * Signs SLSA build provenance for the artefact's digest with the job's OIDC identity and stores the
 * bundle with the repository's attestations. The predicate is @actions/attest's; signing goes
 * through @sigstore/sign, which @actions/attest uses too, so that the endpoints can be chosen.
 * Everything loads only when `attest` is on.
 */
export async function attestProvenance(
  options: { name: string; digest: string; client: GitHubClient; repository: string },
  context: ActionContext,
): Promise<Attested> {
  if (!context.hasIdToken) {
    throw new UserError(
      "Input 'attest' needs the job's OIDC token: add `permissions: id-token: write` (and `attestations: write`) to the job.",
    );
  }
  const endpoints = signingEndpoints(context, context.event.repository?.visibility);
  const [{ buildSLSAProvenancePredicate }, sign, { bundleToJSON }] = await Promise.all([
    import('@actions/attest'),
    import('@sigstore/sign'),
    import('@sigstore/bundle'),
  ]);
  const { CIContextProvider, DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } = sign;
  const predicate = await buildSLSAProvenancePredicate(endpoints.oidcIssuer);
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: options.name, digest: { sha256: options.digest.replace(/^sha256:/, '') } }],
    predicateType: predicate.type,
    predicate: predicate.params,
  };
  const witnesses = [
    ...(endpoints.rekorURL ? [new RekorWitness({ rekorBaseURL: endpoints.rekorURL, fetchOnConflict: true })] : []),
    ...(endpoints.tsaServerURL ? [new TSAWitness({ tsaBaseURL: endpoints.tsaServerURL })] : []),
  ];
  const signer = new FulcioSigner({
    identityProvider: new CIContextProvider('sigstore'),
    fulcioBaseURL: endpoints.fulcioURL,
  });
  const bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({
    data: Buffer.from(JSON.stringify(statement)),
    type: 'application/vnd.in-toto+json',
  });
  const [owner, repo] = options.repository.split('/');
  const response = await options.client.request('POST /repos/{owner}/{repo}/attestations', {
    owner: owner ?? '',
    repo: repo ?? '',
    bundle: bundleToJSON(bundle),
  });
  const id = response.data.id;
  if (typeof id !== 'number')
    throw new UserError(`GitHub stored the attestation for ${options.digest} but returned no id.`);
  return { id, url: `${context.serverUrl.replace(/\/+$/, '')}/${options.repository}/attestations/${id}` };
}
