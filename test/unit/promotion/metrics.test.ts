import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createGit, type Git, GitError } from '../../../src/git/runner.js';
import {
  BANDS_SOURCE,
  failureRateBand,
  frequencyBand,
  leadTimeBand,
  recoveryBand,
} from '../../../src/promotion/metrics/bands.js';
import { changeFirstCommitTimes, changeTimesByDeployment } from '../../../src/promotion/metrics/change-times.js';
import { deliveredRanges, deliveryMetrics, deployedEnvironments } from '../../../src/promotion/metrics/dora.js';
import type { DeploymentRecord, StatusRecord } from '../../../src/promotion/metrics/record.js';
import { metricsMarkdown, metricsText } from '../../../src/promotion/metrics/render.js';
import type { SlipwayPayload } from '../../../src/promotion/deployment-history.js';
import { people, TempRepo } from '../git/temp-repo.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const START = Date.parse('2026-11-01T00:00:00Z');
const WINDOW = 28 * DAY;
const NOW = START + WINDOW;

function payload(version: string, extra: Partial<SlipwayPayload> = {}): SlipwayPayload {
  return {
    slipway: 1,
    version,
    digest: `sha256:${version}`,
    artifact: {},
    slot: null,
    upstream: null,
    run_url: 'https://example.test/run',
    ...extra,
  };
}

function record(
  id: number,
  hours: number,
  version: string,
  statuses: [StatusRecord['state'], number, string?][],
  extra: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  const createdAt = START + hours * HOUR;
  return {
    id,
    environment: 'production',
    task: 'deploy',
    sha: `sha-${version}`,
    createdAt,
    statuses: statuses.map(([state, after, description]) => ({
      state,
      at: createdAt + after,
      description: description ?? '',
    })),
    payload: payload(version),
    ...extra,
  };
}

const ok = (after = 10 * MIN): [StatusRecord['state'], number][] => [
  ['in_progress', MIN],
  ['success', after],
];

/**
 * A month of production deployments with known figures: 9 finished deploys in the window, 8 of which
 * went live; 4 failed changes (a rollback by the rollback action, a failed deploy followed by a
 * re-deploy of the previous version, a fix-forward 30 minutes later, a re-deploy of the previous
 * release by hand a day later).
 */
const history: DeploymentRecord[] = [
  record(1, -48, 'v0', [...ok(), ['inactive', 72 * HOUR]]),
  record(2, 24, 'v1', ok()),
  record(3, 48, 'v2', [...ok(), ['failure', 2 * HOUR, 'Rolled back to v1 by deployment 4']]),
  record(4, 50, 'v1', [['success', 0]], {
    task: 'deploy:rollback',
    payload: payload('v1', { rolled_back: { deployment_id: 3, version: 'v2', digest: 'sha256:v2' } }),
  }),
  record(5, 72, 'v3', [
    ['in_progress', MIN],
    ['failure', 5 * MIN, 'Verification failed: 502'],
  ]),
  record(6, 73, 'v1', ok()),
  record(7, 192, 'v4', ok()),
  record(8, 192.5, 'v4.1', ok()),
  record(9, 360, 'v5', ok()),
  record(10, 384, 'v4.1', ok()),
  record(11, 528, 'v6', ok()),
  // Neither a finished deploy nor a production one: left out.
  record(12, 600, 'v7', []),
  record(13, 100, 'v9', ok(), { environment: 'staging' }),
  record(14, 101, 'flags', ok(), { task: 'flags', payload: undefined }),
];

const successOf = (id: number) => history.find((r) => r.id === id)!.statuses.find((s) => s.state === 'success')!.at;
/** Changes with known lead times: 2 h, 4 h, 1 h, 30 h, 10 h (median 4 h); the other four live deploys have no commit times. */
const changeTimes = new Map<number, number[]>([
  [2, [successOf(2) - 2 * HOUR, successOf(2) - 4 * HOUR]],
  [3, [successOf(3) - HOUR]],
  [7, [successOf(7) - 30 * HOUR]],
  [11, [successOf(11) - 10 * HOUR]],
]);

describe('DORA metrics from deployment records', () => {
  const metrics = deliveryMetrics(history, ['production'], {
    now: NOW,
    windowMs: WINDOW,
    fixForwardMs: HOUR,
    changeTimes,
  });
  const production = metrics.environments[0]!;

  it('states the window', () => {
    expect(metrics.window).toEqual({ start: '2026-11-01T00:00:00.000Z', end: '2026-11-29T00:00:00.000Z', days: 28 });
  });

  it('counts successful deploys per day: 8 in 28 days, twice a week, high', () => {
    expect(production.deploymentFrequency).toMatchObject({ deployments: 8, perDay: 8 / 28, perWeek: 2, band: 'high' });
  });

  it('takes the median lead time over changes with commit times, and says how many deploys had none', () => {
    expect(production.leadTime).toMatchObject({
      medianMs: 4 * HOUR,
      changes: 5,
      deploymentsWithoutCommitTimes: 4,
      band: 'elite',
    });
  });

  it('counts failed, rolled-back and fixed-forward deploys as failed changes: 4 of 9', () => {
    expect(production.changeFailureRate).toMatchObject({ rate: 4 / 9, failed: 4, deployments: 9, band: 'low' });
    const at = (id: number, after: number) =>
      new Date(history.find((r) => r.id === id)!.createdAt + after).toISOString();
    expect(production.changeFailureRate.failures).toEqual([
      { id: 3, version: 'v2', reason: 'rolled back', failedAt: at(3, 10 * MIN), restoredAt: at(4, 0) },
      { id: 5, version: 'v3', reason: 'failed', failedAt: at(5, 5 * MIN), restoredAt: at(6, 10 * MIN) },
      { id: 7, version: 'v4', reason: 'fixed forward', failedAt: at(7, 10 * MIN), restoredAt: at(8, 10 * MIN) },
      { id: 9, version: 'v5', reason: 'rolled back', failedAt: at(9, 10 * MIN), restoredAt: at(10, 10 * MIN) },
    ]);
  });

  it('takes the median recovery time: 30 m, 1 h 5 m, 1 h 50 m, 24 h give 1 h 27.5 m, high', () => {
    expect(production.recoveryTime).toMatchObject({ medianMs: 87.5 * MIN, recovered: 4, unrecovered: 0, band: 'high' });
  });

  it('buckets deploys and failures by week for the trend', () => {
    expect(production.weeks).toEqual([
      { start: '2026-11-01', deployments: 3, failures: 2 },
      { start: '2026-11-08', deployments: 2, failures: 1 },
      { start: '2026-11-15', deployments: 2, failures: 1 },
      { start: '2026-11-22', deployments: 1, failures: 0 },
    ]);
  });

  it('a fix-forward needs the next deploy within the set time', () => {
    const strict = deliveryMetrics(history, ['production'], {
      now: NOW,
      windowMs: WINDOW,
      fixForwardMs: 10 * MIN,
      changeTimes,
    }).environments[0]!;
    expect(strict.changeFailureRate.failures.map((f) => f.id)).toEqual([3, 5, 9]);
  });

  it('a failure not yet recovered is counted, with no recovery time', () => {
    const open = deliveryMetrics([...history, record(20, 600, 'v8', [['failure', 5 * MIN]])], ['production'], {
      now: NOW,
      windowMs: WINDOW,
      fixForwardMs: HOUR,
    }).environments[0]!;
    expect(open.recoveryTime).toMatchObject({ recovered: 4, unrecovered: 1 });
    expect(open.changeFailureRate.failures.at(-1)).toMatchObject({ id: 20, restoredAt: null });
    expect(open.leadTime).toMatchObject({ medianMs: null, band: null, deploymentsWithoutCommitTimes: 8 });
  });

  it('a release promote rolled back in place failed from its creation until it was marked', () => {
    const autoRollback = record(30, 600, 'v8', [
      ['in_progress', MIN],
      ['failure', 4 * MIN, 'Rolled back to v6: verification failed'],
    ]);
    const withIt = deliveryMetrics([...history, autoRollback], ['production'], {
      now: NOW,
      windowMs: WINDOW,
      fixForwardMs: HOUR,
    }).environments[0]!;
    expect(withIt.changeFailureRate.failures.at(-1)).toEqual({
      id: 30,
      version: 'v8',
      reason: 'rolled back',
      failedAt: new Date(autoRollback.createdAt).toISOString(),
      restoredAt: new Date(autoRollback.createdAt + 4 * MIN).toISOString(),
    });
    expect(withIt.weeks.at(-1)).toEqual({ start: '2026-11-22', deployments: 1, failures: 1 });
  });

  it('an environment without deploys has no rates to classify', () => {
    const none = deliveryMetrics(history, ['qa'], { now: NOW, windowMs: WINDOW, fixForwardMs: HOUR }).environments[0]!;
    expect(none).toMatchObject({
      deploymentFrequency: { deployments: 0, band: 'low' },
      changeFailureRate: { rate: null, band: null },
      recoveryTime: { medianMs: null },
    });
  });

  it('names the deployed environments, most deployed first', () => {
    expect(deployedEnvironments(history)).toEqual(['production', 'staging']);
  });

  it("counts each deploy's changes from the commit the environment ran before it, a rollback included", () => {
    const ranges = deliveredRanges(history, 'production');
    expect(ranges.slice(0, 4)).toEqual([
      { id: 1, from: null, to: 'sha-v0' },
      { id: 2, from: 'sha-v0', to: 'sha-v1' },
      { id: 3, from: 'sha-v1', to: 'sha-v2' },
      { id: 6, from: 'sha-v1', to: 'sha-v1' },
    ]);
  });

  it('renders a compact table and a job-summary section with a weekly Mermaid chart, the formulas and the window', () => {
    const text = metricsText(metrics).split('\n');
    expect(text[0]).toMatch(/^ENVIRONMENT\s+DEPLOYS\s+LEAD TIME\s+CHANGE FAILURE\s+RECOVERY$/);
    expect(text[1]).toMatch(
      /^production\s+2\.0\/week \(high\)\s+4h \(elite\)\s+44\.4% 4\/9 \(low\)\s+1h 27m 30s \(high\)$/,
    );
    expect(text.join('\n')).toContain('Window: 28 days, 2026-11-01 to 2026-11-29.');
    const markdown = metricsMarkdown(metrics);
    expect(markdown).toContain(
      '```mermaid\nxychart-beta\n  title "production: deployments per week"\n  x-axis ["11-01", "11-08", "11-15", "11-22"]',
    );
    expect(markdown).toContain('  y-axis "deployments" 0 --> 3\n  bar [3, 2, 2, 1]\n  line [2, 1, 1, 0]\n```');
    expect(markdown).toContain('fixed forward within 60 min ÷ finished deployments');
  });
});

describe('DORA levels (2023 report, each metric at the best level whose figure it meets)', () => {
  // Each boundary from both sides: the figure on it, and the nearest figure past it.
  it.each([
    ['deployments a day', 2, 'elite', frequencyBand],
    ['deployments a day', 29 / 28, 'elite', frequencyBand],
    // Once a day is "between once per day and once per week"; on demand is several a day.
    ['deployments a day', 1, 'high', frequencyBand],
    ['deployments a day', 1 / 7, 'high', frequencyBand],
    ['deployments a day', 1 / 7.01, 'medium', frequencyBand],
    ['deployments a day', 1 / 30, 'medium', frequencyBand],
    ['deployments a day', 1 / 31, 'low', frequencyBand],
    ['deployments a day', 0, 'low', frequencyBand],
    ['lead time', DAY - 1, 'elite', leadTimeBand],
    ['lead time', DAY, 'high', leadTimeBand],
    ['lead time', 7 * DAY, 'high', leadTimeBand],
    ['lead time', 7 * DAY + 1, 'medium', leadTimeBand],
    ['lead time', 30 * DAY, 'medium', leadTimeBand],
    ['lead time', 30 * DAY + 1, 'low', leadTimeBand],
    ['failure rate', 0, 'elite', failureRateBand],
    ['failure rate', 0.05, 'elite', failureRateBand],
    ['failure rate', 0.0501, 'high', failureRateBand],
    ['failure rate', 0.1, 'high', failureRateBand],
    ['failure rate', 0.1001, 'medium', failureRateBand],
    ['failure rate', 0.15, 'medium', failureRateBand],
    ['failure rate', 0.1501, 'low', failureRateBand],
    ['failure rate', 0.64, 'low', failureRateBand],
    ['recovery', HOUR - 1, 'elite', recoveryBand],
    ['recovery', HOUR, 'high', recoveryBand],
    ['recovery', DAY - 1, 'high', recoveryBand],
    ['recovery', DAY, 'medium', recoveryBand],
    ['recovery', 7 * DAY, 'medium', recoveryBand],
    ['recovery', 7 * DAY + 1, 'low', recoveryBand],
    // Between a week and a month no 2023 cluster recovers; low's is one to six months.
    ['recovery', 20 * DAY, 'low', recoveryBand],
  ] as const)('%s %d is %s', (_metric, figure, expected, band) => expect(band(figure)).toBe(expected));

  it('names the edition and the rule wherever a level is shown', () => {
    expect(BANDS_SOURCE).toContain('Accelerate State of DevOps Report 2023');
    expect(BANDS_SOURCE).toContain('best level whose figure it meets');
  });
});

/** base; a pull request of two commits by bob, merged after carol pushed one commit straight to main. */
function pullRequestAfterDirectPush(shas: Record<string, string>): TempRepo {
  const repo = TempRepo.create();
  shas.base = repo.commit('base', people.alice);
  repo.git('checkout', '-q', '-b', 'topic');
  shas.topic1 = repo.commit('topic one', people.bob);
  shas.topic2 = repo.commit('topic two', people.bob);
  repo.git('checkout', '-q', 'main');
  shas.direct = repo.commit('direct push', people.carol);
  shas.merge = repo.mergePullRequest(7, 'topic', 'Topic');
  return repo;
}

describe('change times from local git', () => {
  let repo: TempRepo;
  const shas: Record<string, string> = {};
  beforeAll(() => {
    repo = pullRequestAfterDirectPush(shas);
  });
  afterAll(() => repo.remove());
  const authored = (sha: string) => Number(repo.git('show', '-s', '--format=%at', sha).trim()) * 1000;

  it('a merged pull request is one change, timed from its first commit; a direct push is another', async () => {
    const times = await changeFirstCommitTimes(createGit(repo.dir), shas.base!, shas.merge!);
    expect(times).toEqual([authored(shas.topic1!), authored(shas.direct!)]);
  });

  it('a range the checkout does not have leaves that deployment out', async () => {
    const times = await changeTimesByDeployment(createGit(repo.dir), [
      { id: 1, from: shas.base!, to: shas.direct! },
      { id: 2, from: shas.base!, to: 'f'.repeat(40) },
    ]);
    expect([...times]).toEqual([[1, [authored(shas.direct!)]]]);
  });
});

describe('change times of many deployments', () => {
  let repo: TempRepo;
  const shas: Record<string, string> = {};
  type Range = { id: number; from: string | null; to: string };
  const ranges: Range[] = [];
  beforeAll(() => {
    repo = pullRequestAfterDirectPush(shas);
    repo.git('checkout', '-q', '-b', 'hotfix', shas.direct!);
    shas.hotfix = repo.commit('hotfix', people.dave);
    repo.git('checkout', '-q', '-b', 'later', shas.base!);
    shas.later1 = repo.commit('later one', people.bob);
    repo.git('checkout', '-q', 'main');
    shas.direct2 = repo.commit('direct two', people.carol);
    shas.merge2 = repo.mergePullRequest(2, 'later', 'Later');
    shas.merge3 = repo.mergePullRequest(3, 'hotfix', 'Hotfix');
    shas.direct3 = repo.commit('direct three', people.alice);
    // Each kind of range: first deployment, merges, a redeploy, a rollback, a side branch in and out, overlaps.
    const kinds: [string | null, string][] = [
      [null, shas.base!],
      [shas.base!, shas.merge!],
      [shas.merge!, shas.direct2],
      [shas.direct2, shas.merge3],
      [shas.merge3, shas.merge3],
      [shas.merge3, shas.direct2],
      [shas.direct!, shas.hotfix],
      [shas.hotfix, shas.direct3],
      [shas.base!, shas.direct3],
      [null, shas.hotfix],
    ];
    for (let copy = 0; copy < 2; copy++)
      kinds.forEach(([from, to], i) => ranges.push({ id: copy * 100 + i, from, to }));
  });
  afterAll(() => repo.remove());
  const authored = (sha: string) => Number(repo.git('show', '-s', '--format=%at', sha).trim()) * 1000;

  /** Git whose commands are recorded: each is one process. */
  const counted = (git: Git) => {
    const calls: string[][] = [];
    const spy: Git = {
      cwd: git.cwd,
      run: (args) => (calls.push(args), git.run(args)),
      lines: (args, onLine, ready) => (calls.push(args), git.lines(args, onLine, ready)),
    };
    return { calls, git: spy };
  };
  /** What git says of each range asked on its own, the unreadable ones left out. */
  const rangeByRange = async (git: Git, asked: readonly Range[]) => {
    const times = new Map<number, number[]>();
    for (const range of asked) {
      try {
        times.set(range.id, await changeFirstCommitTimes(git, range.from, range.to));
      } catch (error) {
        if (!(error instanceof GitError)) throw error;
      }
    }
    return times;
  };

  it('asks git a fixed number of times for any number of deployments, with what each range gives', async () => {
    const { calls, git } = counted(createGit(repo.dir));
    const times = await changeTimesByDeployment(git, ranges);
    expect(calls).toHaveLength(3);
    expect([...times]).toEqual([...(await rangeByRange(createGit(repo.dir), ranges))]);
    expect(times.size).toBe(ranges.length);
    expect(times.get(1)).toEqual([shas.topic1!, shas.direct!].map(authored));
  });

  it('in a shallow checkout, leaves out the ranges it cannot read and keeps the others', async () => {
    const shallow = path.join(repo.dir, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '3', `file://${repo.dir}`, shallow]);
    try {
      const { calls, git } = counted(createGit(shallow));
      const times = await changeTimesByDeployment(git, ranges);
      expect(calls).toHaveLength(3);
      // Three commits deep: direct three, merge three, and merge two and hotfix as the shallow boundary.
      const present = [shas.direct3, shas.merge3, shas.merge2, shas.hotfix];
      const readable = ranges.filter((range) =>
        [range.from, range.to].every((sha) => sha === null || present.includes(sha)),
      );
      expect(new Set(readable.map((range) => range.id % 100))).toEqual(new Set([4, 7, 9]));
      expect([...times]).toEqual([...(await rangeByRange(createGit(shallow), ranges))]);
      expect([...times.keys()]).toEqual(readable.map((range) => range.id));
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('a history git cannot walk as a whole is read range by range, as git answers each', async () => {
    const broken = repo.copy();
    try {
      // A commit inside the history gone: the ranges that reach it are unreadable, the rest are not.
      const missing = shas.later1!;
      rmSync(path.join(broken.dir, '.git/objects', missing.slice(0, 2), missing.slice(2)));
      const times = await changeTimesByDeployment(createGit(broken.dir), ranges);
      const expected = await rangeByRange(createGit(broken.dir), ranges);
      expect([...times]).toEqual([...expected]);
      expect(expected.size).toBeGreaterThan(0);
      expect(expected.size).toBeLessThan(ranges.length);
    } finally {
      broken.remove();
    }
  });
});
