import { UserError } from '../runtime/errors.js';

/** A workflow artifact already in this run, as the artifact service lists it. */
export interface StoredArtifact {
  id: number;
  /** `sha256:<hex>` of the stored bytes; missing for artifacts uploaded by old clients. */
  digest?: string;
}

const hexOf = (digest: string | undefined) => digest?.trim().toLowerCase().replace(/^sha256:/, '');

/**
 * What to do with an artefact whose name may already be taken in this workflow run (a re-run or a
 * retried step uploads under the same name, and the service refuses a second artifact of that name):
 * nothing stored → `undefined`, upload it; the same bytes stored → that artifact, reuse it; other
 * bytes (or bytes of unknown digest) stored → a UserError, since they cannot both be `name`.
 */
export function reusableArtifact(name: string, digest: string, stored: StoredArtifact | undefined): StoredArtifact | undefined {
  if (!stored) return undefined;
  if (stored.digest !== undefined && hexOf(stored.digest) === hexOf(digest)) return stored;
  const theirs = stored.digest === undefined ? 'of unknown digest' : stored.digest;
  throw new UserError(
    `This workflow run already holds a different artifact named ${name} (id ${stored.id}, ${theirs}) than the one just packaged (${digest}); a name is used once per run: give this artefact a different 'name' or 'version', or delete that artifact before re-running.`,
  );
}
