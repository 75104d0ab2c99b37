import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { runAction } from '../../support/harness.js';
import { sampleHistory, type SampleHistory } from '../../unit/release-notes/sample-history.js';
import { seedSamplePullRequests } from '../release-notes/seed.js';

/**
 * An output whose value holds newlines and lines that look like GITHUB_OUTPUT syntax — a heredoc
 * delimiter, `EOF`, `name=value`, `name<<EOF` — through a bundled action: release-notes' `notes`,
 * shaped by a template. The harness parses GITHUB_OUTPUT as the runner does: the value comes back
 * exactly, and no other output is forged.
 */
let gh: GitHubEmulator;
let sample: SampleHistory;
let scratch: string;
beforeAll(async () => {
  gh = await startEmulator();
  sample = sampleHistory();
  seedSamplePullRequests(gh.repo('octo/app', { gitDir: sample.repo.dir }), sample);
  scratch = mkdtempSync(join(tmpdir(), 'slipway-delimiters-'));
});
afterAll(async () => {
  await gh.close();
  sample.repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

it('a multi-line output with delimiter-like lines is read back exactly, forging nothing', async () => {
  const template = [
    'Release {{ tag }}',
    'EOF',
    'ghadelimiter_7f3c2a10-0000-4000-8000-000000000000',
    'forged=yes',
    'version<<EOF',
    '9.9.9',
    'EOF',
    '',
    'end',
  ].join('\n');
  const sha = execFileSync('git', ['rev-parse', 'v1.1.0^{commit}'], { cwd: sample.repo.dir, encoding: 'utf8' }).trim();
  const workspace = mkdtempSync(join(scratch, 'ws-'));
  execFileSync('git', [
    '-c',
    'advice.detachedHead=false',
    'clone',
    '-q',
    '--depth',
    '1',
    '--no-tags',
    '--branch',
    'v1.1.0',
    `file://${sample.repo.dir}`,
    workspace,
  ]);
  const event = {
    name: 'push',
    payload: examplePayload('push', (payload) => ({
      ...payload,
      ref: 'refs/tags/v1.1.0',
      after: sha,
      base_ref: null,
      created: true,
    })),
  };
  const run = await runAction({
    action: 'release-notes',
    github: gh,
    event,
    ref: 'refs/tags/v1.1.0',
    sha,
    workspace,
    inputs: { template, publish: 'false' },
  });
  expect(run.errors).toEqual([]);
  expect(run.conclusion).toBe('success');
  expect(run.outputs.notes).toBe(template.replace('{{ tag }}', 'v1.1.0'));
  expect(run.outputs).not.toHaveProperty('forged');
  expect(run.outputs.version).toBe('1.1.0');
  expect(gh.state.releases).toHaveLength(0);
});
