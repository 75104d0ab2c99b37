import { describe, expect, it } from 'vitest';
import { reusableArtifact } from '../../../src/packaging/workflow-artifact.js';
import { UserError } from '../../../src/runtime/errors.js';

const digest = `sha256:${'ab'.repeat(32)}`;
const other = `sha256:${'cd'.repeat(32)}`;

describe('an artefact name already taken in the workflow run (re-run or retried step)', () => {
  it('uploads when the run holds no artifact of that name', () => {
    expect(reusableArtifact('app-1.0.0.tar.gz', digest, undefined)).toBeUndefined();
  });

  it('reuses the stored artifact when its digest is this artefact digest', () => {
    expect(reusableArtifact('app-1.0.0.tar.gz', digest, { id: 7, digest })).toEqual({ id: 7, digest });
    expect(reusableArtifact('app-1.0.0.tar.gz', digest, { id: 7, digest: digest.slice('sha256:'.length).toUpperCase() })?.id).toBe(7);
  });

  it.each([
    ['different bytes', { id: 7, digest: other }, other],
    ['bytes of unknown digest', { id: 7 }, 'of unknown digest'],
  ])('refuses in one line when the run holds %s under that name', (_what, stored, shown) => {
    let error: unknown;
    try {
      reusableArtifact('app-1.0.0.tar.gz', digest, stored);
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
