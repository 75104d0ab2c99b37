import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArtifactService, startArtifactService } from '../../support/artifact-service.js';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { runAction } from '../../support/harness.js';

const SHA = '5f2c1e0a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e';
const RUN_ID = 4_100_000_001;
const SHARDS = 10;
/** Kept small for the suite's time; bench/gate-merge.bench.ts runs 10 × 100,000. */
const CASES_PER_SHARD = 1_000;
let gh: GitHubEmulator;
let artifacts: ArtifactService;
let root: string;

/** Shard `shard`'s cases: its own tests, four of them failing in shards 3 and 7. */
function shardCases(shard: number): string {
  let cases = '';
  for (let i = 0; i < CASES_PER_SHARD; i += 1) {
    const id = shard * CASES_PER_SHARD + i;
    const failing = (shard === 3 || shard === 7) && i % 250 === 0;
    cases += failing
      ? `<testcase classname="app.S${shard}" name="t${id}"><failure message="broken ${id}"/></testcase>\n`
      : `<testcase classname="app.S${shard}" name="t${id}" time="0.001"/>\n`;
  }
  return cases;
}

const junit = (cases: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="app">\n${cases}</testsuite></testsuites>\n`;

/** Uploads a matrix job's reports as `@actions/artifact` does in that job (its own runtime token). */
async function uploadAsJob(job: string, name: string, dir: string, files: string[]): Promise<void> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    ACTIONS_RUNTIME_TOKEN: artifacts.runtimeToken(String(RUN_ID), job),
    ACTIONS_RESULTS_URL: artifacts.resultsUrl,
    GITHUB_SERVER_URL: 'https://github.com',
  });
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    await new DefaultArtifactClient().uploadArtifact(name, files, dir);
  } finally {
    for (const key of ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

beforeAll(async () => {
  artifacts = await startArtifactService();
  gh = await startEmulator({ artifacts });
  gh.repo('octo/app');
  root = mkdtempSync(join(tmpdir(), 'slipway-gate-merge-'));
  for (let shard = 0; shard < SHARDS; shard += 1) {
    const dir = join(root, `shard-${shard}`);
    mkdirSync(join(dir, 'reports'), { recursive: true });
    writeFileSync(join(dir, 'reports', 'junit.xml'), junit(shardCases(shard)));
    await uploadAsJob(`test-${shard}`, `test-results-${shard}`, dir, [join(dir, 'reports', 'junit.xml')]);
  }
  // Not a shard's reports: the pattern must leave it out.
  writeFileSync(join(root, 'coverage.xml'), '<coverage/>');
  await uploadAsJob('coverage', 'coverage-report', root, [join(root, 'coverage.xml')]);
}, 120_000);

afterAll(async () => {
  await gh.close();
  await artifacts.close();
  rmSync(root, { recursive: true, force: true });
});

describe('merge mode (issue 17: matrix-scale gating)', () => {
  it('gathers 10 shards from artifacts into one verdict with the totals of one file, each failure naming its job', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'slipway-gate-merge-ws-'));
    try {
      const merged = await runAction({
        action: 'gate',
        github: gh,
        artifacts,
        workspace,
        sha: SHA,
        runId: RUN_ID,
        job: 'gate',
        inputs: {
          'mode': 'merge',
          'artifact-pattern': 'test-results-*',
          'check-run': 'tests',
          'max-annotations': '100',
        },
        env: { SLIPWAY_RETRY_BASE_MS: '0' },
      });
      // The same cases in one file, gated in gate mode.
      mkdirSync(join(workspace, 'all'));
      writeFileSync(
        join(workspace, 'all', 'junit.xml'),
        junit(Array.from({ length: SHARDS }, (_, shard) => shardCases(shard)).join('')),
      );
      const single = await runAction({
        action: 'gate',
        github: gh,
        workspace,
        sha: SHA,
        job: 'gate-one',
        inputs: { reports: 'all/*.xml' },
      });

      const totals = (outputs: Record<string, string>) => ({
        total: outputs.total,
        passed: outputs['passed-count'],
        failed: outputs.failed,
        flaky: outputs.flaky,
        skipped: outputs.skipped,
      });
      expect(totals(merged.outputs)).toEqual({ total: '10000', passed: '9992', failed: '8', flaky: '0', skipped: '0' });
      expect(totals(merged.outputs)).toEqual(totals(single.outputs));
      expect(merged.outputs.passed).toBe('false');
      expect(merged.stdout).toContain('Merging the reports of 10 artifact(s): test-results-0, test-results-1,');

      // One check run, one summary, each failure under the artifact (so the job) it came from.
      const runs = gh.state.checkRuns.filter((run) => run.name === 'tests');
      expect(runs).toHaveLength(1);
      expect(runs[0]!.conclusion).toBe('failure');
      expect(merged.summary).toMatch(
        /\| app\.S3\.t3250 \| broken 3250 \| {2}\| test-results-3\/reports\/junit\.xml \|/,
      );
      expect(merged.summary).toMatch(
        /\| app\.S7\.t7000 \| broken 7000 \| {2}\| test-results-7\/reports\/junit\.xml \|/,
      );
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 180_000);

  it('a pattern matching no artifact is one clear line naming the input', async () => {
    const run = await runAction({
      action: 'gate',
      github: gh,
      artifacts,
      sha: SHA,
      runId: RUN_ID,
      job: 'gate',
      inputs: { 'mode': 'merge', 'artifact-pattern': 'nothing-*' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors.at(-1)).toMatch(/^Input 'artifact-pattern' \("nothing-\*"\) matches no artifact of this run/);
  });
});
