import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmulator, type GitHubEmulator } from '../../support/emulator/index.js';
import { sampleHistory, type SampleHistory } from '../../unit/release-notes/sample-history.js';
import { memoryProbe, MiB } from '../reliability/memory-probe.js';
import { seedSamplePullRequests } from './seed.js';
import { releaseOnTagPush } from './tag-push.js';

let gh: GitHubEmulator;
let sample: SampleHistory;
let scratch: string;

beforeAll(async () => {
  gh = await startEmulator();
  sample = sampleHistory();
  seedSamplePullRequests(gh.repo('octo/app', { gitDir: sample.repo.dir }), sample);
  scratch = mkdtempSync(path.join(tmpdir(), 'slipway-rn-asset-memory-'));
});

afterAll(async () => {
  await gh.close();
  sample.repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

/** A sparse file of `size` bytes with random 1 MiB blocks at its start, middle and end, so the digest checks placement. */
function asset(name: string, size: number): string {
  const file = path.join(scratch, name);
  writeFileSync(file, '');
  truncateSync(file, size);
  const fd = openSync(file, 'r+');
  for (const at of [0, size / 2, size - MiB]) writeSync(fd, randomBytes(MiB), 0, MiB, at);
  closeSync(fd);
  return file;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Publishes release `tag` with `file` attached; the action's peak RSS, and the digest of what the emulator stored. */
async function publish(tag: string, file: string): Promise<{ rss: number; stored: string; size: number }> {
  sample.repo.git('tag', tag);
  const probe = memoryProbe();
  try {
    const run = await releaseOnTagPush(gh, sample.repo.dir, tag, { inputs: { assets: file }, scratch, env: probe.env });
    expect(run.errors).toEqual([]);
    const release = gh.state.releases.find((candidate) => candidate.tag_name === tag)!;
    const [stored] = release.assets;
    return {
      rss: probe.peakBytes(),
      stored: createHash('sha256').update(stored!.data).digest('hex'),
      size: stored!.data.length,
    };
  } finally {
    probe.remove();
  }
}

test('a 128 MiB asset is uploaded whole, in the memory a 4 MiB one takes', async () => {
  const small = asset('small.bin', 4 * MiB);
  const large = asset('large.bin', 128 * MiB);
  const first = await publish('v9.0.0', small);
  const second = await publish('v9.1.0', large);
  expect(first).toMatchObject({ stored: await sha256(small), size: 4 * MiB });
  expect(second).toMatchObject({ stored: await sha256(large), size: 128 * MiB });
  // Streamed from disk: 32 times the bytes add no more than garbage slack (half the file), never the file.
  // Buffered (as fetch sends a stream body) the growth was 290 MiB for 256 MiB, so ~145 MiB here.
  expect(second.rss - first.rss).toBeLessThan(64 * MiB);
  console.info(
    `upload peak RSS: ${(first.rss / MiB).toFixed(1)} MiB for 4 MiB, ${(second.rss / MiB).toFixed(1)} MiB for 128 MiB`,
  );
}, 300_000);
