import { describe, expect, it } from 'vitest';
import { reusableArtefact, uploadOnce } from '../../../src/packaging/workflow-artefact.js';
import { UserError } from '../../../src/runtime/errors.js';

const digest = `sha256:${'ab'.repeat(32)}`;
const other = `sha256:${'cd'.repeat(32)}`;

describe('an artefact name already taken in the workflow run (re-run or retried step)', () => {
  it('uploads when the run holds no artifact of that name', () => {
    expect(reusableArtefact('app-1.0.0.tar.gz', digest, undefined)).toBeUndefined();
  });

  it('reuses the stored artifact when its digest is this artefact digest', () => {
    expect(reusableArtefact('app-1.0.0.tar.gz', digest, { id: 7, digest })).toEqual({ id: 7, digest });
    expect(
      reusableArtefact('app-1.0.0.tar.gz', digest, { id: 7, digest: digest.slice('sha256:'.length).toUpperCase() })?.id,
    ).toBe(7);
  });

  it.each([
    ['different bytes', { id: 7, digest: other }, other],
    ['bytes of unknown digest', { id: 7 }, 'of unknown digest'],
  ])('refuses in one line when the run holds %s under that name', (_what, stored, shown) => {
    let error: unknown;
    try {
      reusableArtefact('app-1.0.0.tar.gz', digest, stored);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('already holds a different artifact named app-1.0.0.tar.gz (id 7');
    expect(message).toContain(shown);
    expect(message).toContain(digest);
    expect(message).toMatch(/different 'name' or 'version'/);
  });
});

describe('uploadOnce: one artifact per name, network errors retried', () => {
  // What the Twirp client throws for a reset connection: its NetworkError's message, wrapped in a plain Error.
  const networkError = () =>
    new Error(
      'Failed to CreateArtifact: Unable to make request: ECONNRESET\nIf you are using self-hosted runners, please make sure …',
    );

  /** An artifact service whose calls fail with the errors given, in order, then work. */
  function store(failures: { find?: Error[]; upload?: Error[] } = {}, initially?: { id: number; digest?: string }) {
    const calls: string[] = [];
    let stored = initially;
    const waits: number[] = [];
    return {
      calls,
      waits,
      store: {
        find: async () => {
          calls.push('find');
          const failure = failures.find?.shift();
          if (failure) throw failure;
          return stored;
        },
        upload: async () => {
          calls.push('upload');
          const failure = failures.upload?.shift();
          if (failure) throw failure;
          stored = { id: 42, digest };
          return 42;
        },
      },
      retry: { baseMs: 10, clock: { now: () => 0, sleep: async (ms: number) => void waits.push(ms) } },
    };
  }

  it('uploads when the name is free, and reuses the same bytes already stored', async () => {
    const fresh = store();
    expect(await uploadOnce('app.tar.gz', digest, fresh.store, fresh.retry)).toEqual({ id: 42, reused: false });
    expect(fresh.calls).toEqual(['find', 'upload']);
    const again = store({}, { id: 7, digest });
    expect(await uploadOnce('app.tar.gz', digest, again.store, again.retry)).toEqual({ id: 7, reused: true });
    expect(again.calls).toEqual(['find']);
  });

  it('retries a dropped connection (look-up or upload) after a growing wait, looking the name up again first', async () => {
    const dropped = store({ find: [networkError()], upload: [networkError()] });
    expect(await uploadOnce('app.tar.gz', digest, dropped.store, dropped.retry)).toEqual({ id: 42, reused: false });
    expect(dropped.calls).toEqual(['find', 'find', 'upload', 'find', 'upload']);
    expect(dropped.waits).toEqual([10, 20]);
  });

  it('reuses what an attempt whose answer was lost stored, instead of uploading a second artifact', async () => {
    const lost = store();
    const upload = lost.store.upload;
    lost.store.upload = async () => {
      await upload();
      throw networkError();
    };
    expect(await uploadOnce('app.tar.gz', digest, lost.store, lost.retry)).toEqual({ id: 42, reused: true });
    expect(lost.calls).toEqual(['find', 'upload', 'find']);
  });

  it('gives up after three attempts, and never retries other errors', async () => {
    const down = store({ upload: [networkError(), networkError(), networkError()] });
    await expect(uploadOnce('app.tar.gz', digest, down.store, down.retry)).rejects.toThrow(/ECONNRESET/);
    expect(down.calls.filter((call) => call === 'upload')).toHaveLength(3);
    const refused = store({
      upload: [Object.assign(new Error('Failed to make request after 5 attempts: internal error'), { name: 'Error' })],
    });
    await expect(uploadOnce('app.tar.gz', digest, refused.store, refused.retry)).rejects.toThrow(/after 5 attempts/);
    expect(refused.calls).toEqual(['find', 'upload']);
    const taken = store({}, { id: 7, digest: other });
    await expect(uploadOnce('app.tar.gz', digest, taken.store, taken.retry)).rejects.toBeInstanceOf(UserError);
  });

  it('reuses the artifact another job finalized between the look-up and the upload (409)', async () => {
    const raced = store({
      upload: [
        new Error('Failed to CreateArtifact: (409) an artifact with this name already exists on the workflow run'),
      ],
    });
    const find = raced.store.find;
    let looked = 0;
    raced.store.find = async () => (++looked === 1 ? find() : { id: 9, digest });
    expect(await uploadOnce('app.tar.gz', digest, raced.store, raced.retry)).toEqual({ id: 9, reused: true });
  });
});
