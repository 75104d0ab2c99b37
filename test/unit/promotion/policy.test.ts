import { describe, expect, it } from 'vitest';
import { requireExpectedDigest, evaluatePolicy, type PolicyInput } from '../../../src/promotion/policy.js';
import { DIGEST_A, DIGEST_B, DIGEST_C, entry } from './entries.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const HOUR = 3_600_000;

function input(overrides: Partial<PolicyInput>): PolicyInput {
  return {
    environment: 'staging',
    from: 'dev',
    soakMs: HOUR,
    force: false,
    now: NOW,
    target: [],
    upstream: [],
    ...overrides,
  };
}

const devA = entry({
  environment: 'dev',
  version: '1.0.0',
  digest: DIGEST_A,
  state: 'success',
  at: '2026-06-01T09:00:00Z',
});

describe('evaluatePolicy', () => {
  it('promotes the upstream current digest once soaked', () => {
    const decision = evaluatePolicy(input({ upstream: [devA] }));
    expect(decision).toMatchObject({ digest: DIGEST_A, alreadyLive: false });
    expect(decision.upstream?.id).toBe(devA.id);
  });

  it('accepts a digest upstream retired (inactive) after it succeeded', () => {
    const devB = entry({
      environment: 'dev',
      version: '1.1.0',
      digest: DIGEST_B,
      state: 'success',
      at: '2026-06-01T10:00:00Z',
    });
    const retiredA = { ...devA, state: 'inactive' as const };
    expect(evaluatePolicy(input({ digest: DIGEST_A, upstream: [devB, retiredA] })).digest).toBe(DIGEST_A);
  });

  it.each([
    [
      'upstream has nothing',
      [],
      DIGEST_A,
      /^Refused by rule 'upstream': digest aaaaaaaaaaaa has no successful deployment in 'dev'.*found no deployments\.$/,
    ],
    [
      'upstream failed it',
      [entry({ environment: 'dev', version: '1.0.0', digest: DIGEST_A, state: 'failure', at: '2026-06-01T09:00:00Z' })],
      DIGEST_A,
      /rule 'upstream'.*its deployments there are 1\.0\.0 \(aaaaaaaaaaaa\) failure/,
    ],
    [
      'upstream only has another digest',
      [devA],
      DIGEST_B,
      /rule 'upstream': digest bbbbbbbbbbbb .*found 1\.0\.0 \(aaaaaaaaaaaa\) success/,
    ],
    [
      'upstream still deploying it',
      [
        entry({
          environment: 'dev',
          version: '1.0.0',
          digest: DIGEST_A,
          state: 'in_progress',
          at: '2026-06-01T09:00:00Z',
        }),
      ],
      DIGEST_A,
      /rule 'upstream'.*in_progress/,
    ],
    [
      'upstream rolled it back',
      [
        entry({
          environment: 'dev',
          version: '0.9.0',
          digest: DIGEST_C,
          state: 'success',
          at: '2026-06-01T10:00:00Z',
          task: 'deploy:rollback',
          payload: { rolled_back: { deployment_id: devA.id, version: '1.0.0', digest: DIGEST_A } },
        }),
        devA,
      ],
      DIGEST_A,
      /rule 'upstream'/,
    ],
    [
      'upstream current is not successful',
      [entry({ environment: 'dev', version: '1.0.0', digest: DIGEST_A, state: 'error', at: '2026-06-01T09:00:00Z' })],
      undefined,
      /^Refused by rule 'upstream': 'dev' has no current successful deployment to promote/,
    ],
  ])('refuses when %s', (_, upstream, digest, message) => {
    expect(() => evaluatePolicy(input({ upstream, digest }))).toThrow(message);
  });

  it('refuses before the soak time has passed, saying how long it soaked', () => {
    const fresh = entry({
      environment: 'dev',
      version: '1.0.0',
      digest: DIGEST_A,
      state: 'success',
      at: '2026-06-01T11:40:00Z',
    });
    expect(() => evaluatePolicy(input({ upstream: [fresh] }))).toThrow(
      "Refused by rule 'soak': 1.0.0 (aaaaaaaaaaaa) success in 'dev' since 2026-06-01T11:40:00.000Z has soaked 20m of the required 1h.",
    );
    expect(evaluatePolicy(input({ upstream: [fresh], soakMs: 20 * 60_000 })).digest).toBe(DIGEST_A);
  });

  it('measures soak from when the upstream status became success, not from the deployment’s creation', () => {
    // Created three hours ago, but deploying until 20 minutes ago: it has soaked 20 minutes.
    const slow = entry({
      environment: 'dev',
      version: '1.0.0',
      digest: DIGEST_A,
      state: 'success',
      at: '2026-06-01T09:00:00Z',
      stateAt: '2026-06-01T11:40:00Z',
    });
    expect(() => evaluatePolicy(input({ upstream: [slow] }))).toThrow(
      /^Refused by rule 'soak': .* has soaked 20m of the required 1h\.$/,
    );
  });

  it('takes a version given with from only when upstream recorded that version for the digest', () => {
    expect(evaluatePolicy(input({ upstream: [devA], version: '1.0.0' })).digest).toBe(DIGEST_A);
    // `from: dev, version: 9.9.9` must not deploy dev's 1.0.0 labelled 9.9.9.
    expect(() => evaluatePolicy(input({ upstream: [devA], version: '9.9.9' }))).toThrow(
      `Refused by rule 'version': version 9.9.9 is not the version 'dev' recorded for digest aaaaaaaaaaaa, which is 1.0.0 (deployment ${devA.id}); leave 'version' out, or give the digest of 9.9.9.`,
    );
    const devB = entry({
      environment: 'dev',
      version: '1.1.0',
      digest: DIGEST_B,
      state: 'success',
      at: '2026-06-01T10:00:00Z',
    });
    expect(() => evaluatePolicy(input({ upstream: [devB, devA], digest: DIGEST_A, version: '1.1.0' }))).toThrow(
      /^Refused by rule 'version': version 1\.1\.0 .* which is 1\.0\.0/,
    );
  });

  it('refuses a digest rolled back from this environment unless forced', () => {
    // Known from the rollback record's payload, not from a status description.
    const payload = { rolled_back: { deployment_id: 7, version: '1.0.0', digest: DIGEST_A, reason: 'HTTP 500' } };
    const rolledBack = entry({
      environment: 'staging',
      version: '0.9.0',
      digest: DIGEST_C,
      state: 'success',
      at: '2026-06-01T10:00:00Z',
      task: 'deploy:rollback',
      payload,
    });
    expect(() => evaluatePolicy(input({ upstream: [devA], target: [rolledBack] }))).toThrow(
      /^Refused by rule 'rolled-back': digest aaaaaaaaaaaa was rolled back from 'staging'.*'force: true'/,
    );
    expect(evaluatePolicy(input({ upstream: [devA], target: [rolledBack], force: true })).digest).toBe(DIGEST_A);
  });

  it('a plain failure in this environment does not block a retry', () => {
    const failed = entry({
      environment: 'staging',
      version: '1.0.0',
      digest: DIGEST_A,
      state: 'failure',
      at: '2026-06-01T10:00:00Z',
      description: 'deploy-command exited with code 1',
    });
    expect(evaluatePolicy(input({ upstream: [devA], target: [failed] })).digest).toBe(DIGEST_A);
  });

  it('recognises an idempotent re-run, unless forced', () => {
    const live = entry({
      environment: 'staging',
      version: '1.0.0',
      digest: DIGEST_A,
      state: 'success',
      at: '2026-06-01T11:00:00Z',
    });
    expect(evaluatePolicy(input({ upstream: [devA], target: [live] }))).toMatchObject({
      alreadyLive: true,
      current: live,
    });
    expect(evaluatePolicy(input({ upstream: [devA], target: [live], force: true })).alreadyLive).toBe(false);
  });

  it('without from, only the target environment rules apply', () => {
    expect(evaluatePolicy(input({ from: undefined, digest: DIGEST_B }))).toMatchObject({
      digest: DIGEST_B,
      alreadyLive: false,
      upstream: undefined,
    });
  });
});

describe('requireExpectedDigest', () => {
  it('refuses a mismatch and names both digests', () => {
    expect(() => requireExpectedDigest(DIGEST_A, DIGEST_B, "artifact 'app'")).toThrow(
      `Refused by rule 'digest': the artefact artifact 'app' has digest ${DIGEST_B}, expected ${DIGEST_A}.`,
    );
    expect(() => requireExpectedDigest(DIGEST_A, DIGEST_A, 'x')).not.toThrow();
    expect(() => requireExpectedDigest(undefined, DIGEST_A, 'x')).not.toThrow();
  });
});
