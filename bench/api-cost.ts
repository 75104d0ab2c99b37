import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WORK, type BenchContext } from './context.js';
import { generateGitHistory } from './generate/git-history.js';
import type { Row, Section } from './results-table.js';

type Emulator = Awaited<ReturnType<typeof import('../test/support/emulator/index.js').startEmulator>>;

interface Cost {
  requests: number;
  /** Requests by operation, for the notes. */
  detail: string;
  exitCode: number | null;
  errors: string[];
}

interface CostCase {
  label: string;
  bundle: string;
  budget: number;
  budgetText: string;
  run: (scratch: string) => Promise<Cost>;
}

/** Requests each action makes, counted on the test bed's GitHub emulator (or chat sink), beside the budget its issue sets. */
export async function benchApiCost(_ctx: BenchContext): Promise<Section> {
  const cases: CostCase[] = [
    {
      label: 'release notes: 500 commits, 150 pull requests',
      bundle: 'release-notes',
      budget: 3 + Math.ceil(150 / 50),
      budgetText: '3 + ⌈150/50⌉ = 6',
      run: (scratch) => notesCost(scratch, 1),
    },
    // A commit that names no pull request is looked up through associatedPullRequests in the same batches, taking one of
    // a batch's 50 places: 150 numbers + 50 commits = 200 look-ups = 4 batches (a first release's root commit is never
    // looked up). This is the most the budget holds: the 51st such commit would need a fifth batch, 3 + ⌈(N + C)/50⌉ in general.
    {
      label: 'release notes: the same with 50 commits pushed without a pull request',
      bundle: 'release-notes',
      budget: 3 + Math.ceil(150 / 50),
      budgetText: '3 + ⌈150/50⌉ = 6 (150 + 50 look-ups: 4 batches)',
      run: (scratch) => notesCost(scratch, 51),
    },
    { label: 'one promotion (dir: target)', bundle: 'promote', budget: 6, budgetText: '≤ 6', run: promotionCost },
    {
      label: 'gate: check run, 500 failures, 500 annotations',
      bundle: 'gate',
      budget: 1 + Math.ceil(500 / 50),
      budgetText: '1 + ⌈500/50⌉ = 11 (derived: batches of 50 + the re-run check)',
      run: gateCost,
    },
    {
      label: 'notification update (Slack chat.update)',
      bundle: 'notify',
      budget: 1,
      budgetText: '1 (derived: one edit)',
      run: notifyUpdateCost,
    },
  ];
  const rows: Row[] = [];
  const notes = [
    "Each action is the committed bundle in dist/, run by the test bed's runner harness (node24) against the emulator; requests are counted from the emulator's log (chat sink for the notification).",
  ];
  for (const item of cases) {
    const scratch = mkdtempSync(join(WORK, 'api-cost-'));
    const started = Date.now();
    const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    try {
      if (!existsSync(join(ROOT, 'dist', item.bundle, 'index.js')))
        throw new Error(`dist/${item.bundle}/index.js is not built yet`);
      const cost = await item.run(scratch);
      const ok = cost.exitCode === 0;
      rows.push({
        case: item.label,
        slipway: `${cost.requests} request${cost.requests === 1 ? '' : 's'}`,
        baseline: `budget ${item.budgetText}`,
        ratio: `${(cost.requests / item.budget).toFixed(2)}× of budget`,
        memory: '—',
        target: `≤ ${item.budget}`,
        met: ok ? cost.requests <= item.budget : undefined,
      });
      notes.push(
        `${item.label}: ${cost.detail}${ok ? '' : `; **the step failed** (exit ${cost.exitCode}): ${cost.errors.slice(0, 2).join(' / ').slice(0, 300)}`} (case took ${took()}).`,
      );
    } catch (error) {
      rows.push({
        case: item.label,
        slipway: 'not measured',
        baseline: `budget ${item.budgetText}`,
        ratio: '—',
        memory: '—',
        target: `≤ ${item.budget}`,
        met: undefined,
      });
      notes.push(
        `${item.label}: not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (after ${took()}).`,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { title: 'API cost', rows, notes };
}

async function withEmulator<T>(use: (gh: Emulator) => Promise<T>): Promise<T> {
  const { startEmulator } = await import('../test/support/emulator/index.js');
  const gh = await startEmulator();
  try {
    return await use(gh);
  } finally {
    await gh.close({ allowViolations: true });
  }
}

function costOf(gh: Emulator, run: { exitCode: number | null; errors: string[] }): Cost {
  const byOperation = new Map<string, number>();
  for (const request of gh.requests)
    byOperation.set(
      request.operationId ?? request.route,
      (byOperation.get(request.operationId ?? request.route) ?? 0) + 1,
    );
  const violations = gh.violations.length ? `; ${gh.violations.length} schema violation(s)` : '';
  return {
    requests: gh.count(),
    detail: `${[...byOperation].map(([op, n]) => `${op} ×${n}`).join(', ') || 'no requests'}${violations}`,
    exitCode: run.exitCode,
    errors: run.errors,
  };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 }).trim();

async function notesCost(scratch: string, directCommits: number): Promise<Cost> {
  const { runAction } = await import('../test/support/harness.js');
  const { examplePayload } = await import('../test/support/examples.js');
  // One tag on the newest commit: its notes cover the whole history, 500 commits and 150 pull requests
  // (75 merged branches, 75 squashes); every change goes through a pull request but `directCommits`.
  const history = await generateGitHistory(join(WORK, `history-api-cost-${directCommits}`), {
    commits: 500,
    pullRequests: 150,
    tags: 1,
    directCommits,
  });
  const tag = history.tags[0]!;
  const sha = git(history.dir, 'rev-parse', `${tag}^{commit}`);
  return withEmulator(async (gh) => {
    const handle = gh.repo('octo/app', { gitDir: history.dir });
    for (const line of git(history.dir, 'log', '--first-parent', '--format=%H %P%x00%s', tag).split('\n')) {
      const [shas = '', subject = ''] = line.split('\0');
      const [commit = '', parent = '', branch] = shas.split(' ');
      const merged = /^Merge pull request #(\d+) from ([^/]+)\/(\S+)/.exec(subject);
      const squashed = /^(.*) \(#(\d+)\)$/.exec(subject);
      if (merged)
        handle.addPullRequest({
          number: Number(merged[1]),
          title: `Change ${merged[1]}`,
          author: merged[2],
          mergeCommitSha: commit,
          head: { ref: merged[3]!, sha: branch! },
          base: { ref: 'main', sha: parent },
        });
      else if (squashed)
        handle.addPullRequest({
          number: Number(squashed[2]),
          title: squashed[1]!,
          mergeCommitSha: commit,
          head: { ref: `topic-${squashed[2]}`, sha: commit },
          base: { ref: 'main', sha: parent },
        });
    }
    const workspace = join(scratch, 'workspace');
    execFileSync('git', [
      '-c',
      'advice.detachedHead=false',
      'clone',
      '-q',
      '--branch',
      tag,
      `file://${history.dir}`,
      workspace,
    ]);
    const event = {
      name: 'push',
      payload: examplePayload('push', (payload) => ({
        ...payload,
        ref: `refs/tags/${tag}`,
        after: sha,
        base_ref: null,
        created: true,
      })),
    };
    const run = await runAction({
      action: 'release-notes',
      github: gh,
      event,
      ref: `refs/tags/${tag}`,
      sha,
      workspace,
    });
    return costOf(gh, run);
  });
}

async function promotionCost(scratch: string): Promise<Cost> {
  const { runAction } = await import('../test/support/harness.js');
  const workspace = join(scratch, 'workspace');
  mkdirSync(join(workspace, 'build'), { recursive: true });
  writeFileSync(join(workspace, 'build', 'index.html'), '<h1>1.0.0</h1>\n');
  execFileSync('tar', ['-czf', 'app-1.0.0.tar.gz', '-C', 'build', '.'], { cwd: workspace });
  return withEmulator(async (gh) => {
    gh.repo('octo/app');
    const inputs = {
      'environment': 'staging',
      'version': '1.0.0',
      'artifact-path': 'app-1.0.0.tar.gz',
      'target': `dir:${join(scratch, 'site')}`,
    };
    const run = await runAction({
      action: 'promote',
      github: gh,
      workspace,
      inputs,
      env: { SLIPWAY_RETRY_BASE_MS: '0' },
    });
    return costOf(gh, run);
  });
}

async function gateCost(scratch: string): Promise<Cost> {
  const { runAction } = await import('../test/support/harness.js');
  const workspace = join(scratch, 'workspace');
  mkdirSync(join(workspace, 'reports'), { recursive: true });
  const cases = Array.from(
    { length: 600 },
    (_, i) =>
      `<testcase classname="app.Page${i}" name="renders" file="src/page${i}.ts" line="${i + 1}">${i < 500 ? `<failure message="expected ${i}">stack\n  at src/page${i}.ts:${i + 1}</failure>` : ''}</testcase>`,
  );
  writeFileSync(
    join(workspace, 'reports', 'TEST-pages.xml'),
    `<testsuites><testsuite name="pages">${cases.join('')}</testsuite></testsuites>`,
  );
  return withEmulator(async (gh) => {
    gh.repo('octo/app');
    const inputs = {
      'reports': 'reports/**/*.xml',
      'check-run': 'Test results',
      'max-annotations': '500',
      'max-failures': '1000',
      'min-pass-rate': '0',
    };
    const run = await runAction({
      action: 'gate',
      github: gh,
      workspace,
      sha: '5f2c1e0a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e',
      job: 'gate',
      inputs,
      env: { SLIPWAY_RETRY_BASE_MS: '0' },
    });
    const annotations = gh.state.checkRuns.flatMap((checkRun) => checkRun.annotations).length;
    const cost = costOf(gh, run);
    return { ...cost, detail: `${cost.detail}; ${annotations} annotations stored` };
  });
}

async function notifyUpdateCost(scratch: string): Promise<Cost> {
  const { runAction } = await import('../test/support/harness.js');
  const { startChatSinks } = await import('../test/support/chat-sinks.js');
  const sinks = await startChatSinks();
  try {
    const workspace = join(scratch, 'workspace');
    mkdirSync(workspace, { recursive: true });
    const base = {
      'provider': 'slack',
      'slack-token': sinks.slack.token,
      'channel': 'deployments',
      'version': '1.0.0',
      'environment': 'production',
    };
    const env = { SLIPWAY_SLACK_API_URL: sinks.slack.apiUrl, SLIPWAY_RETRY_BASE_MS: '0' };
    const started = await runAction({
      action: 'notify',
      workspace,
      inputs: { ...base, event: 'deployment-started' },
      env,
    });
    const ids = started.outputs['message-ids'];
    if (started.exitCode !== 0 || !ids)
      throw new Error(`the first notification failed: ${started.errors.join(' / ').slice(0, 200)}`);
    const before = sinks.slack.requests.length;
    const run = await runAction({
      action: 'notify',
      workspace,
      inputs: { ...base, event: 'deployment-succeeded', update: ids },
      env,
    });
    const made = sinks.slack.requests.slice(before);
    return {
      requests: made.length,
      detail: made.map((request) => `${request.method} ${request.path}`).join(', ') || 'no requests',
      exitCode: run.exitCode,
      errors: run.errors,
    };
  } finally {
    await sinks.close();
  }
}
