import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, TSX_SOURCE, WORK } from './context.js';
import { runOnce, type Command } from './measure.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/**
 * Runs a node command (argv[0] is node) once under `--cpu-prof` and describes where the time went:
 * the heaviest functions by self time, and self time per package or source folder.
 */
export async function profileSummary(command: Command, top = 8): Promise<string> {
  const dir = mkdtempSync(join(WORK, 'profile-'));
  try {
    const [node, ...rest] = command.argv;
    const run = await runOnce({
      ...command,
      argv: [node!, '--cpu-prof', `--cpu-prof-dir=${dir}`, ...rest],
      captureStdout: false,
    });
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) return `no profile written (exit ${run.exitCode})`;
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    return describe(profile, top);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(profile: CpuProfile, top: number): string {
  const total = profile.samples.length || 1;
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / total;
  const byFrame = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, hits: number) => map.set(key, (map.get(key) ?? 0) + hits);
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = placeOf(url);
    add(byFrame, `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`, hits);
    add(byPlace, where, hits);
  }
  // tsx and esbuild only load the source when profiling from it; they are not Slipway's cost.
  const loader = (key: string) => /^(tsx|esbuild)\b/.test(key) || /^\S+ (tsx|esbuild)[:\s]/.test(key);
  const list = (map: Map<string, number>, n: number) =>
    [...map]
      .filter(([key]) => !loader(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, hits]) => `${key} ${((100 * hits) / total).toFixed(1)}% (${Math.round(hits * msPerSample)} ms)`)
      .join('; ');
  const loading = [...byPlace].filter(([key]) => loader(key)).reduce((sum, [, hits]) => sum + hits, 0);
  return `${Math.round(total * msPerSample)} ms sampled${loading ? ` (${Math.round(loading * msPerSample)} ms of it tsx/esbuild loading the source, left out below)` : ''}. Top frames by self time: ${list(byFrame, top)}. By place: ${list(byPlace, 5)}.`;
}

/** A readable place for a frame: node internals, a package, or a file of the repository. */
function placeOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url;
  const path = url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inPackage) return inPackage[1]!;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

/** Profiles a slipway command from source (tsx), so frames name src/ files; tsx's own loading shows up as tsx/esbuild. */
export function profileSlipway(args: string[], options: Omit<Command, 'argv'> = {}): Promise<string> {
  return profileSummary({ ...options, argv: [...TSX_SOURCE, ...args] });
}
