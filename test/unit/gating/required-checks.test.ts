import { describe, expect, it } from 'vitest';
import { fakeClock } from '../runtime/fake-clock.js';
import {
  type CheckRunInfo,
  type CommitChecksApi,
  type StatusInfo,
  waitForRequiredChecks,
} from '../../../src/gating/required-checks.js';

/** Check runs and statuses that change as polls happen: `timeline[i]` is what poll i sees. */
function fakeApi(
  timeline: { runs?: Record<string, CheckRunInfo[]>; statuses?: StatusInfo[] }[],
): CommitChecksApi & { asked: string[] } {
  let poll = -1;
  const asked: string[] = [];
  const at = () => timeline[Math.min(poll, timeline.length - 1)]!;
  return {
    asked,
    async statuses() {
      poll += 1;
      return at().statuses ?? [];
    },
    async checkRuns(name) {
      asked.push(name);
      return at().runs?.[name] ?? [];
    },
  };
}

const running = (id = 1): CheckRunInfo => ({ id, status: 'in_progress', conclusion: null });
const done = (conclusion: string, id = 2): CheckRunInfo => ({ id, status: 'completed', conclusion });

describe('waiting on required checks', () => {
  it('succeeds once every named check run and commit status succeeded, backing off between looks', async () => {
    const clock = fakeClock(0);
    const api = fakeApi([
      { runs: { build: [running()] }, statuses: [{ context: 'ci/lint', state: 'pending' }] },
      { runs: { build: [running()] }, statuses: [{ context: 'ci/lint', state: 'success' }] },
      { runs: { build: [running()] }, statuses: [{ context: 'ci/lint', state: 'success' }] },
      { runs: { build: [running(1), done('success', 7)] }, statuses: [{ context: 'ci/lint', state: 'success' }] },
    ]);
    const result = await waitForRequiredChecks(api, clock, { names: ['build', 'ci/lint'], timeoutMs: 600_000 });
    expect(result).toMatchObject({ ok: true, polls: 4, reason: "required checks succeeded: 'build', 'ci/lint'" });
    expect(clock.slept).toEqual([5_000, 10_000, 20_000]);
    expect(result.checks).toEqual([
      { name: 'build', state: 'success', detail: 'success' },
      { name: 'ci/lint', state: 'success', detail: 'success' },
    ]);
  });

  it('fails as soon as one required check fails, without waiting for the rest', async () => {
    const clock = fakeClock(0);
    const api = fakeApi([{ runs: { build: [done('failure')], deploy: [running()] } }]);
    const result = await waitForRequiredChecks(api, clock, { names: ['build', 'deploy'], timeoutMs: 600_000 });
    expect(result).toMatchObject({ ok: false, polls: 1, reason: "required check 'build' (failure) did not succeed" });
    expect(clock.slept).toEqual([]);
  });

  it('a failed commit status fails too; neutral and skipped check runs count as success', async () => {
    const api = fakeApi([
      { runs: { docs: [done('skipped')], scan: [done('neutral')] }, statuses: [{ context: 'ci/e2e', state: 'error' }] },
    ]);
    const result = await waitForRequiredChecks(api, fakeClock(0), {
      names: ['docs', 'scan', 'ci/e2e'],
      timeoutMs: 60_000,
    });
    expect(result.reason).toBe("required check 'ci/e2e' (error) did not succeed");
  });

  it('times out at checks-timeout, naming what it still waited for; delays are capped and end at the deadline', async () => {
    const clock = fakeClock(0);
    const api = fakeApi([{ runs: { build: [running()] } }]);
    const result = await waitForRequiredChecks(api, clock, {
      names: ['build', 'never-reported'],
      timeoutMs: 180_000,
      maxDelayMs: 60_000,
    });
    expect(result).toMatchObject({
      ok: false,
      reason:
        "timed out after 180s waiting for required check 'build' (in_progress), 'never-reported' (not reported yet)",
    });
    expect(clock.slept).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 45_000]);
    expect(clock.now()).toBe(180_000);
  });

  it("never waits on the gate's own job or check run", async () => {
    const api = fakeApi([{ runs: { 'build': [done('success')], 'gate': [running()], 'Test results': [running()] } }]);
    const logged: string[] = [];
    const result = await waitForRequiredChecks(api, fakeClock(0), {
      names: ['build', 'gate', 'Test results'],
      ownNames: ['gate', 'test results'],
      timeoutMs: 60_000,
      log: (line) => logged.push(line),
    });
    expect(result).toMatchObject({ ok: true, ignored: ['gate', 'Test results'] });
    expect(api.asked).toEqual(['build']);
    expect(logged).toContain("Not waiting on required check 'gate': it is this gate's own job.");
  });
});
