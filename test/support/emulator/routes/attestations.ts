import { json, type Routes } from '../context.js';
import { HttpError } from '../errors.js';
import { paginate, pageRequest } from '../pagination.js';
import type { Attestation } from '../state.js';

/**
 * The subjects' digests of a bundle's in-toto statement, as GitHub indexes an attestation; a bundle
 * without a DSSE envelope holding an in-toto statement with sha256 subjects is refused with 422.
 */
function subjectDigests(bundle: Record<string, unknown>): string[] {
  const envelope = bundle.dsseEnvelope as { payload?: unknown; payloadType?: unknown } | undefined;
  if (typeof envelope?.payload !== 'string' || envelope.payloadType !== 'application/vnd.in-toto+json') {
    throw new HttpError(422, 'Invalid bundle: a DSSE envelope with an in-toto statement is required');
  }
  let statement: { subject?: Array<{ digest?: Record<string, unknown> }> };
  try {
    statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    throw new HttpError(422, 'Invalid bundle: the in-toto statement is not JSON');
  }
  const digests = (statement.subject ?? [])
    .map((subject) => subject.digest?.sha256)
    .filter((hex): hex is string => typeof hex === 'string' && /^[0-9a-f]{64}$/.test(hex));
  if (digests.length === 0) throw new HttpError(422, 'Invalid bundle: the statement has no sha256 subject');
  return digests.map((hex) => `sha256:${hex}`);
}

export const attestationRoutes: Routes = {
  'repos/create-attestation': (context) => {
    const bundle = context.body.bundle as Record<string, unknown>;
    const attestation: Attestation = {
      id: context.core.state.nextId(),
      repository: context.repo.fullName,
      repositoryId: context.repo.id,
      subjectDigests: subjectDigests(bundle),
      bundle,
    };
    context.core.state.attestations.push(attestation);
    return json({ id: attestation.id }, 201);
  },

  'repos/list-attestations': (context) => {
    const digest = String(context.params.subject_digest).toLowerCase();
    const found = context.core.state.attestations
      .filter((a) => a.repository === context.repo.fullName && a.subjectDigests.includes(digest))
      .reverse();
    const { page, headers } = paginate(found, pageRequest(context.params), context.url);
    const attestations = page.map((a) => ({
      bundle: a.bundle,
      repository_id: a.repositoryId,
      bundle_url: `${context.core.serverUrl}/attestations/${a.id}/bundle`,
      initiator: 'github-actions[bot]',
    }));
    return json({ attestations }, 200, headers);
  },
};
