import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import type { DeliveryMetrics } from '../../../src/promotion/metrics/dora.js';
import { createGitHubClient } from '../../../src/runtime/github-client.js';
import { createGitFixture, type GitFixture } from '../../support/emulator/git-fixture.js';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { runAction } from '../../support/harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Deployments in the window, one every 4 hours; every tenth fails and the next one, 4 hours later, restores. */
const IN_WINDOW = 150;
const STEP = 4 * HOUR;

let gh: GitHubEmulator;
let git: GitFixture;
const clock = { now: 0 };
/** GitHub's timestamps are whole seconds. */
const start = Math.floor((Date.now() - 25.5 * DAY) / 1000) * 1000;

async function deploy(
  client: ReturnType<typeof createGitHubClient>,
  at: number,
  sha: string,
  version: string,
  state: 'success' | 'failure',
): Promise<void> {
  clock.now = at;
  const payload = {
    slipway: 1,
    version,
    digest: `sha256:${version}`,
    artifact: {},
    slot: null,
    upstream: null,
    run_url: 'https://example.test/run',
  };
  const { data } = await client.rest.repos.createDeployment({
    owner: 'octo',
    repo: 'app',
    ref: sha,
    environment: 'production',
    auto_merge: false,
    required_contexts: [],
    payload,
  });
  clock.now = at + 5 * MIN;
  await client.rest.repos.createDeploymentStatus({
    owner: 'octo',
    repo: 'app',
    deployment_id: (data as { id: number }).id,
    state,
  });
}

beforeAll(async () => {
  gh = await startEmulator({ now: () => new Date(clock.now) });
  git = await createGitFixture(Array.from({ length: 6 }, (_, i) => ({ message: `change ${i}` })));
  gh.repo('octo/app', { gitDir: git.dir });
  const client = createGitHubClient({
    token: gh.token,
    apiUrl: gh.url,
    graphqlUrl: gh.graphqlUrl,
    retries: 0,
    writeIntervalMs: 0,
  });
  // The release before the window: where the first deploy's changes are counted from.
  await deploy(client, start - 5 * DAY, git.shas[1]!, 'v0', 'success');
  for (let i = 0; i < IN_WINDOW; i += 1) {
    await deploy(
      client,
      start + i * STEP,
      i === 0 ? git.shas[2]! : git.shas[5]!,
      `v${i + 1}`,
      i % 10 === 8 ? 'failure' : 'success',
    );
  }
}, 120_000);
afterAll(async () => {
  await gh?.close();
  await git?.remove();
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [write, writeErr] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  const [cwd, token] = [process.cwd(), process.env.GITHUB_TOKEN];
  process.stdout.write = (chunk: string) => out.push(chunk) > 0;
  process.stderr.write = (chunk: string) => err.push(chunk) > 0;
  process.env.GITHUB_TOKEN = gh.token;
  // The checkout the commit times come from.
  process.chdir(git.dir);
  try {
    return {
      code: await runCli(['metrics', '--repository', 'octo/app', '--api-url', gh.url, ...args]),
      out: out.join(''),
      err: err.join(''),
    };
  } finally {
    process.chdir(cwd);
    process.stdout.write = write;
    process.stderr.write = writeErr;
    if (token === undefined) delete process.env.GITHUB_TOKEN;
    else process.env.GITHUB_TOKEN = token;
  }
}

it(`reads ${IN_WINDOW + 1} deployments with their statuses in at most 3 + ⌈D/100⌉ requests, and --json gives each key exactly`, async () => {
  const before = gh.count();
  const result = await cli(['--json']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const requests = gh.count() - before;
  expect(requests).toBeLessThanOrEqual(3 + Math.ceil((IN_WINDOW + 1) / 100));
  expect(gh.count('graphql')).toBe(Math.ceil((IN_WINDOW + 1) / 100));

  const metrics = JSON.parse(result.out) as DeliveryMetrics;
  expect(metrics.window.days).toBe(30);
  expect(metrics.environments.map((m) => m.environment)).toEqual(['production']);
  const [production] = metrics.environments;
  expect(production!.deploymentFrequency).toMatchObject({ deployments: 135, perDay: 135 / 30, band: 'elite' });
  expect(production!.changeFailureRate).toMatchObject({ failed: 15, deployments: 150, rate: 0.1, band: 'high' });
  expect(production!.recoveryTime).toMatchObject({ medianMs: STEP, recovered: 15, unrecovered: 0, band: 'high' });
  // Changes from local git: the first deploy brought commit 2 (from v0's commit 1), the second commits 3, 4 and 5.
  const authored = async (sha: string) => Number((await git.git('show', '-s', '--format=%at', sha)).trim()) * 1000;
  const success = (i: number) => start + i * STEP + 5 * MIN;
  const leads = [
    success(0) - (await authored(git.shas[2]!)),
    ...(await Promise.all([3, 4, 5].map(async (n) => success(1) - (await authored(git.shas[n]!))))),
  ];
  const sorted = leads.sort((a, b) => a - b);
  expect(production!.leadTime).toMatchObject({
    changes: 4,
    deploymentsWithoutCommitTimes: 0,
    medianMs: (sorted[1]! + sorted[2]!) / 2,
  });
  expect(production!.weeks.reduce((sum, w) => sum + w.deployments, 0)).toBe(135);
});

it('prints a compact table with the DORA levels, the window and the formulas', async () => {
  const result = await cli(['--environment', 'production', '--window', '7d']);
  expect(result.code).toBe(0);
  const lines = result.out.split('\n');
  expect(lines[0]).toMatch(/^ENVIRONMENT\s+DEPLOYS\s+LEAD TIME\s+CHANGE FAILURE\s+RECOVERY$/);
  expect(lines[1]).toMatch(
    /^production\s+\d+\.\d\/week \(elite\)\s+— \(n\/a\)\s+\d+\.\d% \d+\/\d+ \(\w+\)\s+4h \(high\)$/,
  );
  expect(result.out).toContain('Window: 7 days');
  // The week's deploys all shipped the commit already live: no changes, so no lead time to classify.
  expect(result.out).toContain(
    'Change failure: deployments that failed, were rolled back or were fixed forward within 60 min ÷ finished deployments.',
  );
});

it('refuses a bad --window in the words of the flag, before any request', async () => {
  const before = gh.count();
  const result = await cli(['--window', 'a month']);
  expect(result.code).toBe(1);
  expect(result.err).toBe('slipway: --window must be a duration such as 30d, 12h or 90m; got "a month".\n');
  expect(gh.count()).toBe(before);
});

it('the status action adds a metrics output and a job-summary section with a weekly Mermaid chart, within the same budget', async () => {
  const before = gh.count();
  const result = await runAction({
    action: 'status',
    inputs: { environments: 'production', metrics: 'true' },
    github: gh,
    repository: 'octo/app',
    sha: git.shas[5],
    workspace: git.dir,
  });
  expect(result.errors).toEqual([]);
  // The matrix's one request, plus the metrics' one per 100 deployments.
  expect(gh.count() - before).toBeLessThanOrEqual(3 + Math.ceil((IN_WINDOW + 1) / 100));
  const metrics = JSON.parse(result.outputs.metrics ?? '{}') as DeliveryMetrics;
  expect(metrics.environments[0]).toMatchObject({
    environment: 'production',
    deploymentFrequency: { deployments: 135 },
    changeFailureRate: { failed: 15, rate: 0.1 },
    leadTime: { changes: 4 },
  });
  expect(result.summary).toContain('### 📈 Delivery metrics, last 30 days');
  expect(result.summary).toMatch(
    /```mermaid\nxychart-beta\n {2}title "production: deployments per week"\n {2}x-axis \["\d\d-\d\d"(, "\d\d-\d\d"){4}\]/,
  );
  expect(result.summary).toMatch(/ {2}bar \[(\d+, ){4}\d+\]\n {2}line \[(\d+, ){4}\d+\]\n```/);
});

it('without metrics: true, status makes no metrics request and writes no metrics output', async () => {
  const before = gh.count('graphql');
  const result = await runAction({
    action: 'status',
    inputs: { environments: 'production' },
    github: gh,
    repository: 'octo/app',
    sha: git.shas[5],
    workspace: git.dir,
  });
  expect(result.errors).toEqual([]);
  expect(gh.count('graphql') - before).toBe(1);
  expect(result.outputs.metrics).toBeUndefined();
  expect(result.summary).not.toContain('Delivery metrics');
});
