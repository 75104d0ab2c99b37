import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type GitHubEmulator } from '../../support/emulator/index.js';
import { sampleHistory, type SampleHistory } from '../../unit/release-notes/sample-history.js';
import { seedSamplePullRequests } from './seed.js';

export interface SampleBed {
  gh: GitHubEmulator;
  sample: SampleHistory;
  scratch: string;
}

/** An emulator serving the sample history with its pull requests, and a scratch folder: what each tag-push test starts from. */
export async function startSampleBed(scratchPrefix: string): Promise<SampleBed> {
  const gh = await startEmulator();
  const sample = sampleHistory();
  seedSamplePullRequests(gh.repo('octo/app', { gitDir: sample.repo.dir }), sample);
  return { gh, sample, scratch: mkdtempSync(path.join(tmpdir(), scratchPrefix)) };
}

export async function closeSampleBed({ gh, sample, scratch }: SampleBed): Promise<void> {
  await gh.close();
  sample.repo.remove();
  rmSync(scratch, { recursive: true, force: true });
}
