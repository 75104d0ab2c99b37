import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Command {
  /** Program and arguments; run as its own process under /usr/bin/time. */
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Keep what the process printed (otherwise discarded, so pipes never slow it down). */
  captureStdout?: boolean;
  /** Kill the run after this long; the measurement then records the timeout. */
  timeoutMs?: number;
}

export interface Run {
  /** Wall time in seconds, measured around the process (hrtime, not time's 10 ms resolution). */
  seconds: number;
  /** Peak resident set size in MB, as GNU time reports it (the largest process of the tree). */
  peakMb: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface Measurement {
  /** Median of the repeats. */
  seconds: number;
  /** Highest peak RSS over the repeats. */
  peakMb: number;
  runs: Run[];
  /** The last run, for checking output and exit code. */
  last: Run;
  /** Set when a run failed in a way that makes the figures meaningless (crash, timeout). */
  failure?: string;
}

const TIME = '/usr/bin/time';

/** Runs a command once, measuring wall time and peak RSS. */
export async function runOnce(command: Command): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  const timeFile = join(dir, 'time');
  try {
    const child = spawn(TIME, ['-f', '%e %M', '-o', timeFile, ...command.argv], {
      cwd: command.cwd,
      env: command.env ?? process.env,
      stdio: ['ignore', command.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
    let timedOut = false;
    const kill = () => {
      timedOut = true;
      child.kill('SIGKILL');
    };
    const timer = command.timeoutMs ? setTimeout(kill, command.timeoutMs) : undefined;
    const started = process.hrtime.bigint();
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearTimeout(timer);
    return { seconds, peakMb: peakKb(timeFile) / 1024, exitCode, stdout, stderr, timedOut };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** %M from GNU time's output file (the last line: it writes "Command exited with non-zero status N" first on failure). */
function peakKb(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim().split('\n').pop()?.split(' ')[1] ?? NaN);
  } catch {
    return NaN;
  }
}

export interface MeasureOptions {
  /** Most runs; the median is reported. */
  repeat: number;
  /** Stop repeating once the runs so far took this long (default 60 s): a long case's noise is small beside its length. */
  maxSeconds?: number;
  /** Exit codes that count as success (default [0]). */
  okExitCodes?: number[];
}

/** Runs a command `repeat` times (stopping at the first failure) and takes the median time. */
export async function measure(command: Command, options: MeasureOptions): Promise<Measurement> {
  const [measurement] = await measureSideBySide([command], options);
  return measurement;
}

/**
 * Runs commands compared with each other in turns (round i starts with command i mod n), so that a slow
 * spell of a shared machine falls on every side rather than on whichever ran then. Each command runs
 * `repeat` times, or until it fails or its runs took `maxSeconds`; each gets its median time.
 */
export async function measureSideBySide<const T extends readonly Command[]>(
  commands: T,
  options: MeasureOptions,
): Promise<{ [K in keyof T]: Measurement }> {
  const runs: Run[][] = commands.map(() => []);
  const failures: (string | undefined)[] = commands.map(() => undefined);
  const spent = commands.map(() => 0);
  const going = (i: number) =>
    failures[i] === undefined && runs[i]!.length < options.repeat && spent[i]! < (options.maxSeconds ?? 60);
  for (let round = 0; commands.some((_, i) => going(i)); round++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (round + k) % commands.length;
      if (!going(i)) continue;
      const run = await runOnce(commands[i]!);
      spent[i]! += run.seconds;
      runs[i]!.push(run);
      failures[i] = failureOf(run, options.okExitCodes ?? [0]);
    }
  }
  return commands.map((_, i) => ({
    seconds: median(runs[i]!.map((r) => r.seconds)),
    peakMb: Math.max(...runs[i]!.map((r) => r.peakMb)),
    runs: runs[i]!,
    last: runs[i]![runs[i]!.length - 1]!,
    failure: failures[i],
  })) as { [K in keyof T]: Measurement };
}

function failureOf(run: Run, ok: number[]): string | undefined {
  if (run.timedOut) return 'timed out';
  if (run.exitCode !== null && ok.includes(run.exitCode)) return undefined;
  const reason = /heap out of memory|Allocation failed/i.test(run.stderr)
    ? 'out of memory'
    : `exit ${run.exitCode ?? 'signal'}`;
  const lines = run.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !/^Node\.js v/.test(line));
  const telling = lines.find((line) => /error|fatal/i.test(line)) ?? lines.pop() ?? '';
  return `${reason}${telling ? `: ${telling.slice(0, 160)}` : ''}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
