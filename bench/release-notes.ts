import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FORMAT } from '../src/git/log.js';
import { ROOT, WORK, type BenchContext } from './context.js';
import { profileSlipway } from './cpu-profile.js';
import { generateGitHistory } from './generate/git-history.js';
import { countGitCalls } from './git-calls.js';
import { measure, measureSideBySide } from './measure.js';
import { megabytes, ratio, ratioOf, seconds, type Row, type Section } from './results-table.js';

const BASELINES = join(ROOT, 'bench');
const GIT_CLIFF = join(BASELINES, 'node_modules/git-cliff-linux-x64/bin/git-cliff');

/**
 * git-cliff is a baseline, not a dependency of Slipway: it lives in bench/package.json and is
 * installed on first use (its lock would list per-platform binaries that `npm ci` cannot vouch for).
 */
function gitCliff(): string {
  if (!existsSync(GIT_CLIFF))
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', BASELINES], {
      stdio: 'inherit',
    });
  return GIT_CLIFF;
}

/** `slipway notes` vs the `git log` floor (the same range and fields Slipway reads) vs git-cliff's default configuration. */
export async function benchReleaseNotes(ctx: BenchContext): Promise<Section> {
  const shape = ctx.small
    ? { commits: 1_000, pullRequests: 100, tags: 10 }
    : { commits: 20_000, pullRequests: 2_000, tags: 100 };
  const history = await generateGitHistory(join(WORK, `history-${shape.commits}`), shape);
  const newest = history.tags[history.tags.length - 1]!;
  const span = Math.max(1, Math.round(history.tags.length / 10));
  const cases = [
    { from: history.tags[history.tags.length - 1 - span]!, to: newest },
    { from: history.root, to: newest, label: 'whole history' },
  ];
  const rows: Row[] = [];
  const notes: string[] = [
    `Repository: ${shape.commits.toLocaleString('en-US')} commits, ${shape.pullRequests.toLocaleString('en-US')} merged pull requests (half merge commits with 2-commit branches, half squash subjects), ${shape.tags} tags, generated with git fast-import.`,
    `Slipway: \`slipway notes --from A --to B\` (${ctx.cli.description}). Floor: \`git log -z ${LOG_FORMAT} --first-parent A..B\`, the fields and range Slipway reads. git-cliff ${execFileSync(
      gitCliff(),
      ['--version'],
      { encoding: 'utf8' },
    )
      .trim()
      .replace(/^git-cliff /, '')} (native binary, default configuration): \`git-cliff A..B\`.`,
    '"Whole history" is `--from <root commit>`: every commit but the first.',
  ];
  const start = await measure({ argv: [...ctx.cli.argv, '--version'] }, { repeat: ctx.repeat });
  notes.push(
    `Starting the CLI alone (\`slipway --version\`) takes ${seconds(start)}: the fixed part of every Slipway time below.`,
  );
  for (const range of cases) {
    const count = Number(
      execFileSync('git', ['rev-list', '--count', `${range.from}..${range.to}`], {
        cwd: history.dir,
        encoding: 'utf8',
      }).trim(),
    );
    const label = `${range.label ?? `${range.from}..${range.to}`}: ${count.toLocaleString('en-US')} commits`;
    const run = { cwd: history.dir, timeoutMs: 600_000 };
    const args = ['notes', '--from', range.from, '--to', range.to];
    const [slipway, floor, cliff] = await measureSideBySide(
      [
        { ...run, argv: [...ctx.cli.argv, ...args], captureStdout: true },
        { ...run, argv: ['git', 'log', '-z', LOG_FORMAT, '--first-parent', `${range.from}..${range.to}`, '--'] },
        { ...run, argv: [GIT_CLIFF, `${range.from}..${range.to}`, '-o', '/dev/null'] },
      ],
      { repeat: ctx.repeat },
    );
    const memory = `Slipway ${megabytes(slipway.peakMb)}`;
    const vsFloor = ratioOf(slipway, floor);
    const vsCliff = ratioOf(slipway, cliff);
    rows.push(
      {
        case: `${label} — vs git log floor`,
        slipway: seconds(slipway),
        baseline: `git log ${seconds(floor)}`,
        ratio: ratio(vsFloor),
        memory: `${memory}, git log ${megabytes(floor.peakMb)}`,
        target: '≤ 1.5×',
        met: Number.isFinite(vsFloor) ? vsFloor <= 1.5 : undefined,
      },
      {
        case: `${label} — vs git-cliff`,
        slipway: seconds(slipway),
        baseline: `git-cliff ${seconds(cliff)}`,
        ratio: ratio(vsCliff),
        memory: `${memory}, git-cliff ${megabytes(cliff.peakMb)}`,
        target: '< 1× (faster)',
        met: Number.isFinite(vsCliff) ? vsCliff < 1 : undefined,
      },
    );
    if (slipway.failure) notes.push(`${label}: Slipway failed: ${slipway.failure}.`);
    else
      notes.push(
        `${label}: Slipway's notes name ${pullRequestsNamed(slipway.last.stdout)} of the ${pullRequestsInRange(history.dir, range.from, range.to)} pull requests in the range.`,
      );
    if (!(vsFloor <= 1.5) || !(vsCliff < 1)) {
      notes.push(`${label}: Slipway ran ${await countGitCalls({ ...run, argv: [...ctx.cli.argv, ...args] })}.`);
      notes.push(
        `${label}: profile of \`slipway notes\` from source (\`node --cpu-prof\`; "(idle)" is waiting on git): ${await profileSlipway(args, run)}`,
      );
    }
  }
  await benchAutomaticPrevious(ctx, rows, notes);
  return { title: 'Release notes from local git', rows, notes };
}

/**
 * A repository with 1,000+ tags in several families, and `slipway notes` with no flags (HEAD, the
 * previous tag found automatically) from a HEAD 2, 300 and 2,000 commits after the last stable
 * release, vs git-cliff doing the same: `git-cliff --unreleased` (latest tag to HEAD) with
 * `--use-branch-tags` (only tags reachable from HEAD, as Slipway's ancestors) and a `--tag-pattern`
 * of the stable main-family tags (Slipway's default family, `v` or none, prereleases skipped).
 */
async function benchAutomaticPrevious(ctx: BenchContext, rows: Row[], notes: string[]): Promise<void> {
  const shape = ctx.small
    ? { commits: 5_000, pullRequests: 500, tags: 0, families: { stableEvery: 2_500, heads: [300, 2_000] } }
    : { commits: 20_000, pullRequests: 2_000, tags: 0, families: { stableEvery: 2_500, heads: [300, 2_000] } };
  const history = await generateGitHistory(join(WORK, `history-families-${shape.commits}`), shape);
  notes.push(
    `Automatic previous tag: a repository of ${shape.commits.toLocaleString('en-US')} commits with ${history.tagCount.toLocaleString('en-US')} tags in several families (\`nightly-…\` every 40 commits, \`web/v1.x.y\` every 50, \`api@2.x.y\` every 70, release candidates \`v3.k.0-rc.N\` every 150, stable \`v3.k.0\` every 2,500, and a never-merged maintenance branch's \`v3.k.1\` after each), checked out (\`git worktree add --detach\`) 2, 300 and 2,000 commits after the last stable release. Slipway: \`slipway notes\` with no flags. git-cliff: \`git-cliff --unreleased --use-branch-tags --tag-pattern '${STABLE_MAIN}'\`: latest reachable stable \`v\` tag to HEAD, as Slipway chooses it.`,
  );
  for (const head of ['main', ...shape.families.heads.map((n) => `at-${n}`)]) {
    const cwd = worktreeAt(history.dir, head);
    const run = { cwd, timeoutMs: 600_000 };
    const cliffArgs = ['--unreleased', '--use-branch-tags', '--tag-pattern', STABLE_MAIN];
    const [slipway, cliff] = await measureSideBySide(
      [
        { ...run, argv: ctx.cli.argv.concat('notes'), captureStdout: true },
        { ...run, argv: [gitCliff(), ...cliffArgs, '-o', '/dev/null'] },
      ],
      { repeat: ctx.repeat },
    );
    const previous = /^Previous tag: (\S+?):/m.exec(slipway.last.stderr)?.[1];
    const count = previous
      ? Number(execFileSync('git', ['rev-list', '--count', `${previous}..HEAD`], { cwd, encoding: 'utf8' }).trim())
      : NaN;
    const cliffCount = commitsOfCliff(cwd, cliffArgs);
    const label = `${count.toLocaleString('en-US')} commits, previous tag found automatically among ${history.tagCount.toLocaleString('en-US')} tags`;
    const vsCliff = ratioOf(slipway, cliff);
    rows.push({
      case: `${label} — vs git-cliff`,
      slipway: seconds(slipway),
      baseline: `git-cliff ${seconds(cliff)}`,
      ratio: ratio(vsCliff),
      memory: `Slipway ${megabytes(slipway.peakMb)}, git-cliff ${megabytes(cliff.peakMb)}`,
      target: '≤ 1.0×',
      met: Number.isFinite(vsCliff) ? vsCliff <= 1 : undefined,
    });
    if (slipway.failure) notes.push(`${label}: Slipway failed: ${slipway.failure}.`);
    notes.push(
      `${label}: Slipway chose ${previous ?? 'no tag'}; git-cliff's release listed ${cliffCount} of them (its default configuration leaves out commits that are not conventional); Slipway ran ${await countGitCalls({ ...run, argv: ctx.cli.argv.concat('notes') })}.`,
    );
    if (!(vsCliff <= 1))
      notes.push(
        `${label}: profile of \`slipway notes\` from source (\`node --cpu-prof\`; "(idle)" is waiting on git): ${await profileSlipway(['notes'], run)}`,
      );
  }
}

/** git-cliff's tag pattern for stable main-family tags (`v1.2.3` or `1.2.3`). */
const STABLE_MAIN = '^v?[0-9]+\\.[0-9]+\\.[0-9]+$';

/** A detached worktree with no files at `ref` (made afresh: the repository may have been regenerated). */
function worktreeAt(dir: string, ref: string): string {
  const path = `${dir}-at-${ref}`;
  rmSync(path, { recursive: true, force: true });
  execFileSync('git', ['worktree', 'prune'], { cwd: dir });
  execFileSync('git', ['worktree', 'add', '-q', '--detach', '--no-checkout', path, ref], { cwd: dir });
  return path;
}

/** How many commits git-cliff listed (its `--context`), to show both tools covered the same range. */
function commitsOfCliff(cwd: string, args: string[]): number {
  const context = JSON.parse(
    execFileSync(gitCliff(), [...args, '--context'], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 }),
  ) as { commits: unknown[] }[];
  return context.reduce((sum, release) => sum + release.commits.length, 0);
}

const pullRequestsNamed = (markdown: string): number => new Set(markdown.match(/#\d+\b/g) ?? []).size;

function pullRequestsInRange(dir: string, from: string, to: string): number {
  const subjects = execFileSync('git', ['log', '--first-parent', '--format=%s', `${from}..${to}`], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return new Set(subjects.match(/(?:^Merge pull request #\d+|\(#\d+\)$)/gm)?.map((m) => m.replace(/\D/g, ''))).size;
}
