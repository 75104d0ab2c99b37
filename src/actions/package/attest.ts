import { gitHubApi } from '../../promotion/github-api.js';
import { createOnce } from '../../runtime/create-once.js';
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
  /** GitHub's id, known only to the run that stored it: listing attestations gives bundles, not ids. */
  id?: number;
  url: string;
  /** The attempt of this workflow run whose attestation was reused, when this run stored none. */
  reusedFrom?: string;
}

/** SLSA provenance as @actions/attest builds it: who ran the build, and which run. */
interface Statement {
  subject?: Array<{ digest?: { sha256?: string } }>;
  predicateType?: string;
  predicate?: { runDetails?: { metadata?: { invocationId?: string } } };
}

/**
 * The attestation this workflow run already stored for `digest` (an earlier attempt, or a create whose
 * answer was lost): provenance for the digest whose invocation is this repository's run, any attempt.
 * Only writers of the repository can store its attestations; promote verifies whichever it finds.
 */
async function findOwn(
  client: GitHubClient,
  repository: string,
  digest: string,
  context: ActionContext,
): Promise<Attested | undefined> {
  if (!context.runId) return undefined;
  const [owner = '', name = ''] = repository.split('/');
  const run = `${context.serverUrl.replace(/\/+$/, '')}/${repository}/actions/runs/${context.runId}/attempts/`;
  const hex = digest.replace(/^sha256:/, '');
  for (const bundle of await gitHubApi(client).attestations.bundles({ owner, name }, digest)) {
    const statement = statementOf(bundle);
    const invocation = statement?.predicate?.runDetails?.metadata?.invocationId ?? '';
    if (
      statement?.predicateType === 'https://slsa.dev/provenance/v1' &&
      statement.subject?.some((subject) => subject.digest?.sha256 === hex) &&
      invocation.startsWith(run)
    ) {
      return { url: attestationsPage(context, repository), reusedFrom: invocation };
    }
  }
  return undefined;
}

function statementOf(bundle: unknown): Statement | undefined {
  const payload = (bundle as { dsseEnvelope?: { payload?: unknown } } | undefined)?.dsseEnvelope?.payload;
  if (typeof payload !== 'string') return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Statement;
  } catch {
    return undefined;
  }
}

const attestationsPage = (context: ActionContext, repository: string) =>
  `${context.serverUrl.replace(/\/+$/, '')}/${repository}/attestations`;

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
  // Look before signing and storing: a re-run of the step (same digest, same workflow run) reuses its attestation.
  const own = await findOwn(options.client, options.repository, options.digest, context);
  if (own) return own;
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
  return createOnce<Attested>({
    create: async () => {
      const response = await options.client.request('POST /repos/{owner}/{repo}/attestations', {
        owner: owner ?? '',
        repo: repo ?? '',
        bundle: bundleToJSON(bundle),
        request: { retries: 0 },
      });
      const id = response.data.id;
      if (typeof id !== 'number')
        throw new UserError(`GitHub stored the attestation for ${options.digest} but returned no id.`);
      return { id, url: `${attestationsPage(context, options.repository)}/${id}` };
    },
    // A create whose answer was lost may have been stored: found, it is this run's own.
    find: () => findOwn(options.client, options.repository, options.digest, context),
    ...(context.tuning.retryBaseMs === undefined ? {} : { backoffMs: context.tuning.retryBaseMs }),
  });
}
