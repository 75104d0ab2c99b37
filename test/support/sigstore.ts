import { createHash, createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, rekorHandler } from '@sigstore/mock';
import { HashAlgorithm, PublicKeyDetails, TrustedRoot } from '@sigstore/protobuf-specs';
import { GITHUB_ACTIONS_ISSUER } from '../../src/promotion/attestation.js';
import { loopback } from '../unit/promotion/loopback.js';

/**
 * Sigstore and the Actions OIDC token service, stood in for on 127.0.0.1: @sigstore/mock's Fulcio
 * (a CA with a CT log) and Rekor handlers served over HTTP, a token endpoint for
 * ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN, and an OIDC issuer (discovery and JWKS) whose keys sign the tokens.
 *
 * Two audiences, two issuers: the `sigstore` token (sent to Fulcio, which copies its `iss` into the
 * certificate) says GitHub Actions' issuer, as in production, so promote's verification runs with
 * its production issuer check; the `nobody` token, which @actions/attest verifies itself before
 * building the provenance predicate, comes from this issuer, whose JWKS @actions/attest can fetch.
 * The certificate's SAN is what Fulcio writes for a workflow: `<server>/<job_workflow_ref>`.
 */
export interface SigstoreBed {
  url: string;
  /** A trusted_root.json for the mock's CA, CT log and Rekor, for promote's `attestation-trusted-root`. */
  trustedRoot: string;
  /** Runner environment for a job of `repository` running `workflow` (e.g. `.github/workflows/build.yml`). */
  env(identity: { repository: string; workflow: string; serverUrl: string; runId?: number }): Record<string, string>;
  /** Token requests answered, by audience. */
  tokens: Record<string, number>;
  close(): Promise<void>;
}

const SAN_CLAIM = 'test_workflow_identity';

export async function startSigstore(work: string): Promise<SigstoreBed> {
  const keys = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ctlog = await initializeCTLog(keys());
  const ca = await initializeCA(keys(), ctlog);
  const tlogKeys = keys();
  const oidcKeys = keys();
  const kid = randomUUID();
  const tokens: Record<string, number> = {};
  // Identities by request token, so each job's token says whose workflow it is.
  const jobs = new Map<string, Record<string, unknown>>();
  // Rekor's log needs the server's URL, so the handlers are set once it listens.
  const handlers: { fulcio?: ReturnType<typeof fulcioHandler>; rekor?: ReturnType<typeof rekorHandler> } = {};
  const server = await loopback(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const send = (status: number, payload: unknown, type = 'application/json'): void => {
      res
        .writeHead(status, { 'content-type': type })
        .end(typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload));
    };
    const { fulcio, rekor } = handlers;
    if (req.method === 'POST' && fulcio && url.pathname === fulcio.path) {
      const reply = await fulcio.fn(body);
      return send(reply.statusCode, reply.response, reply.contentType);
    }
    if (req.method === 'POST' && rekor && url.pathname === rekor.path) {
      const reply = await rekor.fn(asRekorStoresIt(body));
      return send(reply.statusCode, reply.response, reply.contentType);
    }
    if (url.pathname === '/.well-known/openid-configuration')
      return send(200, { issuer: server.url, jwks_uri: `${server.url}/jwks` });
    if (url.pathname === '/jwks')
      return send(200, { keys: [{ ...oidcKeys.publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] });
    if (url.pathname === '/token') {
      const claims = jobs.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!claims) return send(401, { message: 'bad request token' });
      const audience = url.searchParams.get('audience') ?? '';
      tokens[audience] = (tokens[audience] ?? 0) + 1;
      const iss = audience === 'sigstore' ? GITHUB_ACTIONS_ISSUER : server.url;
      const now = Math.floor(Date.now() / 1000);
      return send(200, {
        value: jwt({ ...claims, iss, aud: audience, iat: now, nbf: now - 5, exp: now + 600 }, oidcKeys.privateKey, kid),
      });
    }
    return send(404, { message: `not served: ${req.method} ${url.pathname}` });
  });
  const tlog = await initializeTLog(server.url, tlogKeys);
  handlers.fulcio = fulcioHandler(ca, { subjectClaim: SAN_CLAIM });
  handlers.rekor = rekorHandler(tlog);

  const root = trustedRootJson(ca.rootCertificate, ctlog, tlog.publicKey, server.url);
  const trustedRoot = join(work, 'trusted_root.json');
  await writeFile(trustedRoot, JSON.stringify(root));

  return {
    url: server.url,
    trustedRoot,
    tokens,
    env: ({ repository, workflow, serverUrl, runId = 1 }) => {
      const requestToken = randomUUID();
      const ref = 'refs/heads/main';
      const jobWorkflowRef = `${repository}/${workflow}@${ref}`;
      jobs.set(requestToken, {
        sub: `repo:${repository}:ref:${ref}`,
        [SAN_CLAIM]: `${serverUrl}/${jobWorkflowRef}`,
        ref,
        sha: 'a'.repeat(40),
        repository,
        repository_owner: repository.split('/')[0],
        repository_id: '1',
        repository_owner_id: '1',
        event_name: 'push',
        workflow_ref: jobWorkflowRef,
        job_workflow_ref: jobWorkflowRef,
        runner_environment: 'github-hosted',
        run_id: String(runId),
        run_attempt: '1',
      });
      return {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
        SLIPWAY_TEST_SIGSTORE: JSON.stringify({ fulcioURL: server.url, rekorURL: server.url, oidcIssuer: server.url }),
      };
    },
    close: () => server.close(),
  };
}

/**
 * Rekor does not log a proposed `dsse` entry as sent: it stores the envelope's and payload's hashes
 * and each signature with its verifier, and that canonical body is what verifiers compare with the
 * bundle. The mock logs what it is given, so the body is put in Rekor's form first.
 */
function asRekorStoresIt(body: string): string {
  const entry = JSON.parse(body) as {
    kind?: string;
    spec?: { proposedContent?: { envelope: string; verifiers: string[] } };
  };
  const proposed = entry.spec?.proposedContent;
  if (entry.kind !== 'dsse' || !proposed) return body;
  const envelope = JSON.parse(proposed.envelope) as { payload: string; signatures: Array<{ sig: string }> };
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
  return JSON.stringify({
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256(proposed.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((signature) => ({
        signature: signature.sig,
        verifier: proposed.verifiers[0],
      })),
    },
  });
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

function jwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('SHA256').update(signingInput).sign({ key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${base64url(signature)}`;
}

/** The mock's CA, CT log and transparency log as a Sigstore trusted root, valid from an hour ago. */
// Rekor's checkpoints are signed in the name of its host: the trusted root's baseUrl must name it.
function trustedRootJson(
  caRoot: ArrayBufferView,
  ctlog: { publicKey: Buffer; logID: ArrayBufferView },
  tlogKey: Buffer,
  rekorUrl: string,
): unknown {
  const start = new Date(Date.now() - 3_600_000);
  const toBuffer = (view: ArrayBufferView) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const key = (rawBytes: Buffer) => ({
    rawBytes,
    keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
    validFor: { start, end: undefined },
  });
  return TrustedRoot.toJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: 'https://fulcio.sigstore.mock',
        certChain: { certificates: [{ rawBytes: toBuffer(caRoot) }] },
        validFor: { start, end: undefined },
      },
    ],
    tlogs: [
      {
        baseUrl: rekorUrl,
        hashAlgorithm: HashAlgorithm.SHA2_256,
        publicKey: key(tlogKey),
        logId: { keyId: createHash('sha256').update(tlogKey).digest() },
      },
    ],
    ctlogs: [
      {
        baseUrl: 'https://ctfe.sigstore.mock',
        hashAlgorithm: HashAlgorithm.SHA2_256,
        publicKey: key(ctlog.publicKey),
        logId: { keyId: toBuffer(ctlog.logID) },
      },
    ],
    timestampAuthorities: [],
  } as never);
}
