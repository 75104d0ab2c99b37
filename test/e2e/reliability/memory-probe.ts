import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MiB = 1024 * 1024;
const PROBE = pathToFileURL(join(import.meta.dirname, 'rss-probe.mjs')).href;

/**
 * Environment that makes every Node process of an action run record its peak RSS, and a reader for
 * the largest one. NODE_OPTIONS reaches the action as a workflow's `env:` would.
 */
export function memoryProbe(): { env: Record<string, string>; peakBytes(): number; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-rss-'));
  const file = join(dir, 'rss');
  return {
    env: { NODE_OPTIONS: `--import=${PROBE}`, SLIPWAY_TEST_RSS_FILE: file },
    peakBytes() {
      const values = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => Number(line.split(' ')[1]));
      if (values.length === 0 || values.some((value) => !(value > 0)))
        throw new Error(`no peak RSS recorded in ${file}`);
      return Math.max(...values);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
