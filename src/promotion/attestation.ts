/**
 * Verifying artefact attestations before a digest is deployed: a Sigstore bundle counts only when
 * its signature, certificate chain and timestamps verify against the trust material given, its
 * in-toto statement names the digest as a subject with SLSA build provenance, and its certificate
 * says it was signed by a GitHub Actions workflow of this repository (optionally one workflow file).
 * The Sigstore libraries load only when there is something to verify.
 */

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
/** The issuer of GitHub Actions OIDC tokens, as Fulcio records it in every certificate it issues for a workflow. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

export interface SignerPolicy {
  /** `owner/name` of the repository whose workflows may sign. */
  repository: string;
  /** The GitHub server the workflow ran on, e.g. `https://github.com`. */
  serverUrl: string;
  /** A workflow file, e.g. `.github/workflows/build.yml`; any workflow of the repository when undefined. */
  workflow?: string;
  /** The OIDC issuer the certificate must name; GitHub Actions' by default. */
  issuer?: string;
}

export type Verdict = { verified: true; signer: string } | { verified: false; reason: string };

/** The workflow-identity prefix a signing certificate's SAN must start with (Fulcio writes `<server>/<job_workflow_ref>`). */
export function signerPrefix(policy: SignerPolicy): string {
  const base = `${policy.serverUrl.replace(/\/+$/, '')}/${policy.repository}/`;
  return policy.workflow ? `${base}${policy.workflow.replace(/^\/+/, '')}@` : `${base}.github/workflows/`;
}

/**
 * Verifies each bundle in turn; the first that passes every check wins. Otherwise the verdict gives
 * the reason the closest candidate failed (a signer mismatch is more telling than a bad signature).
 */
export async function verifyAttestations(
  bundles: unknown[],
  digest: string,
  trustedRoot: unknown,
  policy: SignerPolicy,
): Promise<Verdict> {
  if (bundles.length === 0) return { verified: false, reason: `no attestation exists for ${digest}` };
  const [{ Verifier, toSignedEntity, toTrustMaterial }, { bundleFromJSON }, { TrustedRoot }] = await Promise.all([
    import('@sigstore/verify'),
    import('@sigstore/bundle'),
    import('@sigstore/protobuf-specs'),
  ]);
  const trust = toTrustMaterial(TrustedRoot.fromJSON(trustedRoot));
  const prefix = signerPrefix(policy);
  const reasons: string[] = [];
  for (const json of bundles) {
    try {
      const bundle = bundleFromJSON(json);
      const subjects = statementSubjects(json, digest);
      if (subjects !== 'ok') {
        reasons.push(subjects);
        continue;
      }
      const verifier = new Verifier(trust, {
        tlogThreshold: bundle.verificationMaterial.tlogEntries.length > 0 ? 1 : 0,
        ctlogThreshold: trust.ctlogs.length > 0 ? 1 : 0,
        timestampThreshold: 1,
      });
      const signer = verifier.verify(toSignedEntity(bundle), {
        extensions: { issuer: policy.issuer ?? GITHUB_ACTIONS_ISSUER },
      });
      const san = signer.identity?.subjectAlternativeName ?? '';
      if (!san.startsWith(prefix)) {
        reasons.push(
          `signed by ${JSON.stringify(san)}, not ${policy.workflow ? `workflow ${policy.workflow}` : 'a workflow'} of ${policy.repository}`,
        );
        continue;
      }
      return { verified: true, signer: san };
    } catch (error) {
      reasons.push(`does not verify (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const telling = reasons.find((reason) => reason.startsWith('signed by')) ?? reasons[0] ?? 'none verifies';
  return {
    verified: false,
    reason: `${bundles.length === 1 ? 'the attestation' : `none of ${bundles.length} attestations verifies; one`} for ${digest} ${telling}`,
  };
}

/** 'ok' when the DSSE payload is an in-toto statement with SLSA provenance for `digest`, else why not. */
function statementSubjects(json: unknown, digest: string): string {
  const envelope = (json as { dsseEnvelope?: { payload?: unknown; payloadType?: unknown } }).dsseEnvelope;
  if (envelope?.payloadType !== 'application/vnd.in-toto+json' || typeof envelope.payload !== 'string')
    return 'is not an in-toto attestation';
  let statement: { predicateType?: unknown; subject?: Array<{ digest?: { sha256?: unknown } }> };
  try {
    statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as typeof statement;
  } catch {
    return 'holds a statement that is not JSON';
  }
  if (statement.predicateType !== SLSA_PROVENANCE_V1)
    return `is ${JSON.stringify(statement.predicateType)}, not SLSA build provenance`;
  const hex = digest.replace(/^sha256:/, '');
  if (!(statement.subject ?? []).some((subject) => subject.digest?.sha256 === hex)) return 'names other subjects';
  return 'ok';
}
