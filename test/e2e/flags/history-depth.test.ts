import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DirTarget } from '../../../src/promotion/dir-target.js';
import { MORE_PAGES } from '../../../src/promotion/deployment-history.js';
import { gitHubApi } from '../../../src/promotion/github-api.js';
import { createGitHubClient } from '../../../src/runtime/github-client.js';
import { repositoryFlags } from '../../../src/flags/environment-flags.js';
import { type ChangeContext, setFlagIn } from '../../../src/flags/flag-operations.js';
import { type Bed, startBed } from '../promote/bed.js';

// Flag changes are deployments too (`task: flags`): dozens of them after a release must not push the
// release out of the history promote, status and rollback read.

const FLAGS = {
  flags: { theme: { state: 'ENABLED', variants: { light: 'light', dark: 'dark' }, defaultVariant: 'light' } },
};
const CHANGES = 36;
let bed: Bed;

beforeAll(async () => {
  bed = await startBed();
  await writeFile(join(bed.work, 'flags.json'), JSON.stringify(FLAGS));
});
afterAll(() => bed.close());

it(`still sees the releases after ${CHANGES} flag changes, within the request bound`, async () => {
  const [v1, v2] = [await bed.artefact('1.0.0'), await bed.artefact('2.0.0')];
  for (const [version, file] of [
    ['1.0.0', v1.file],
    ['2.0.0', v2.file],
  ] as const) {
    const run = await bed.run('promote', {
      'environment': 'production',
      'artifact-path': file,
      version,
      'target': bed.target('production'),
    });
    expect(run.errors).toEqual([]);
  }
  // The flag changes as `slipway flags set` makes them (the same domain call, without the CLI's pause between writes).
  const gh = gitHubApi(
    createGitHubClient({
      token: bed.gh.token,
      apiUrl: bed.gh.url,
      graphqlUrl: `${bed.gh.url}/graphql`,
      writeIntervalMs: 0,
    }),
    { writeBackoffMs: 1 },
  );
  const change: ChangeContext = {
    gh,
    repo: { owner: 'octo', name: 'app' },
    fromRepository: (environment) => repositoryFlags(join(bed.work, 'flags.json'), environment, 'flags.json'),
    trustedCreators: [],
    destination: { kind: 'target', target: new DirTarget(join(bed.work, 'envs', 'production')) },
    actor: 'ada',
    runUrl: '',
    sha: bed.git.shas[1]!,
    production: () => true,
  };
  const flagsBefore = bed.gh.state.deployments.filter((d) => d.task === 'flags').length;
  for (let i = 0; i < CHANGES; i += 1) {
    const applied = await setFlagIn(change, 'production', 'theme', i % 2 ? 'light' : 'dark', `change ${i}`);
    expect(applied.outcome).toBe('changed');
  }
  expect(bed.gh.state.deployments.filter((d) => d.task === 'flags')).toHaveLength(flagsBefore + CHANGES);

  const graphql = bed.gh.count('graphql');
  const status = await bed.run('status', { environments: 'production' });
  expect(status.errors).toEqual([]);
  expect(JSON.parse(status.outputs.matrix ?? '')[0]).toMatchObject({
    environment: 'production',
    version: '2.0.0',
    digest: v2.digest,
    status: 'success',
  });
  // One history read, paging past the flag records: at most MORE_PAGES more requests.
  expect(bed.gh.count('graphql') - graphql).toBeLessThanOrEqual(1 + MORE_PAGES);
  expect(bed.gh.count('graphql') - graphql).toBeGreaterThan(1);

  // promote finds production's release to promote from it.
  const mirror = await bed.run('promote', {
    environment: 'mirror',
    from: 'production',
    target: bed.target('mirror'),
  });
  expect(mirror.errors).toEqual([]);
  expect(mirror.outputs).toMatchObject({ version: '2.0.0', digest: v2.digest });

  // rollback finds both the live release and the one before it.
  const back = await bed.run('rollback', { environment: 'production', target: bed.target('production') });
  expect(back.errors).toEqual([]);
  expect(back.outputs).toMatchObject({ 'version': '1.0.0', 'rolled-back-version': '2.0.0' });
}, 120_000);
