import type { Clock } from '../runtime/clock.js';
import { UserError } from '../runtime/errors.js';
import { type Attempt, transientErrorCode, withRetry } from '../runtime/retry.js';

/** A workflow artifact already in this run, as the artifact service lists it. */
export interface StoredArtefact {
  id: number;
  /** `sha256:<hex>` of the stored bytes; missing for artifacts uploaded by old clients. */
  digest?: string;
}

const hexOf = (digest: string | undefined) =>
  digest
    ?.trim()
    .toLowerCase()
    .replace(/^sha256:/, '');

/**
 * What to do with an artefact whose name may already be taken in this workflow run (a re-run or a
 * retried step uploads under the same name, and the service refuses a second artifact of that name):
 * nothing stored → `undefined`, upload it; the same bytes stored → that artifact, reuse it; other
 * bytes (or bytes of unknown digest) stored → a UserError, since they cannot both be `name`.
 */
export function reusableArtefact(
  name: string,
  digest: string,
  stored: StoredArtefact | undefined,
): StoredArtefact | undefined {
  if (!stored) return undefined;
  if (stored.digest !== undefined && hexOf(stored.digest) === hexOf(digest)) return stored;
  const theirs = stored.digest === undefined ? 'of unknown digest' : stored.digest;
  throw new UserError(
    `This workflow run already holds a different artifact named ${name} (id ${stored.id}, ${theirs}) than the one just packaged (${digest}); a name is used once per run: give this artefact a different 'name' or 'version', or delete that artifact before re-running.`,
  );
}

/** The artifact service, as uploading one artefact needs it. */
export interface ArtefactStore {
  /** The finalized artifact named `name` in this workflow run, if any. */
  find(name: string): Promise<StoredArtefact | undefined>;
  /** Creates, uploads and finalizes the artifact; its id (if the service gave one). */
  upload(): Promise<number | undefined>;
}

export interface UploadRetry {
  /** Tries in all, for network errors; default 3. */
  attempts?: number;
  /** The first wait, doubled for each further one; default 1 s. */
  baseMs?: number;
  clock?: Clock;
  log?: (message: string) => void;
}

/**
 * Uploads the artefact `name` (of `digest`) unless this run already holds it, retrying network
 * errors a few times (`@actions/artifact`'s Twirp client retries 5xx and 429 itself, but gives up at
 * once on a reset connection). Every attempt looks the name up first, so a retry never makes a second
 * artifact: an earlier attempt that was finalized (its answer lost) is found and reused; one that
 * was not left only a pending artifact, which the service neither lists nor keeps.
 */
export async function uploadOnce(
  name: string,
  digest: string,
  store: ArtefactStore,
  retry: UploadRetry = {},
): Promise<{ id?: number; reused: boolean }> {
  const { attempts = 3, baseMs = 1000, clock, log = () => {} } = retry;
  const once = async (): Promise<{ id?: number; reused: boolean }> => {
    const stored = reusableArtefact(name, digest, await store.find(name));
    if (stored) return { id: stored.id, reused: true };
    try {
      return { id: await store.upload(), reused: false };
    } catch (error) {
      // Another job of this run took the name between the look-up and the upload (409 already exists).
      if (!/already exists|\(409\)/i.test(String(error))) throw error;
      const raced = reusableArtefact(name, digest, await store.find(name));
      if (!raced) throw error;
      return { id: raced.id, reused: true };
    }
  };
  const { value } = await withRetry(
    async (): Promise<Attempt<{ id?: number; reused: boolean }>> => {
      try {
        return { done: true, value: await once() };
      } catch (error) {
        const code = transientErrorCode(error);
        if (!code) throw error;
        return {
          done: false,
          retryable: true,
          reason: `The artifact service did not answer (${code})`,
          error: error instanceof Error ? error : undefined,
        };
      }
    },
    { baseMs, maxAttempts: attempts },
    {
      clock,
      onRetry: (reason, wait, next) => log(`${reason}; trying again in ${wait} ms (attempt ${next} of ${attempts}).`),
    },
  );
  return value;
}
