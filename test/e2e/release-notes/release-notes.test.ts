import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type GitHubEmulator } from '../../support/emulator/index.js';
import { runAction } from '../../support/harness.js';
import type { SampleHistory } from '../../unit/release-notes/sample-history.js';
import { closeSampleBed, startSampleBed } from './sample-bed.js';
import { manyPullRequests, seedMany } from './seed.js';
import { checkout as checkoutOf, releaseOnTagPush, tagPush } from './tag-push.js';

const START = '<!-- slipway:release-notes -->';
const END = '<!-- /slipway:release-notes -->';
let gh: GitHubEmulator;
let sample: SampleHistory;
let scratch: string;

beforeEach(async () => {
  ({ gh, sample, scratch } = await startSampleBed('slipway-rn-e2e-'));
});
afterEach(() => closeSampleBed({ gh, sample, scratch }));

const checkout = (origin: string, tag: string) => checkoutOf(origin, tag, scratch);

function release(
  tag: string,
  options: { action?: string; inputs?: Record<string, string>; origin?: string; workspace?: string } = {},
) {
  return releaseOnTagPush(gh, options.origin ?? sample.repo.dir, tag, { ...options, scratch });
}

/** A tag-push run with the client's retry backoff shortened, for fault tests. */
function runActionWithRetryBase() {
  const sha = execFileSync('git', ['rev-parse', 'v1.1.0^{commit}'], { cwd: sample.repo.dir, encoding: 'utf8' }).trim();
  return runAction({
    action: 'release-notes',
    github: gh,
    inputs: { publish: 'false' },
    event: tagPush('v1.1.0', sha),
    ref: 'refs/tags/v1.1.0',
    sha,
    workspace: checkout(sample.repo.dir, 'v1.1.0'),
    env: { SLIPWAY_RETRY_BASE_MS: '1' },
  });
}

const releasesOf = (tag: string) => gh.state.releases.filter((r) => r.tag_name === tag);

describe('uses: slipway-hq/slipway@v1 (the root action.yml) on a tag push', () => {
  it('publishes the release with every pull request, no bot credited, within the request budget', async () => {
    const run = await release('v1.1.0', { action: 'root' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const [published] = releasesOf('v1.1.0');
    expect(releasesOf('v1.1.0')).toHaveLength(1);
    const body = published!.body!;
    for (const number of [1, 2, 3, 4, 5, 6]) expect(body).toContain(`(#${number})`);
    expect(body).toContain(`(${sample.revertCommit.slice(0, 7)})`);
    expect(body.indexOf('## Breaking changes')).toBe(body.indexOf(START) + START.length + 1);
    expect(body).toContain('- **api:** drop the v1 endpoints (#5) @bob');
    expect(body).toContain('## Contributors\n\nAlice, @bob, @carol, @dave\n');
    expect(body).toContain('- @dave made their first contribution in #3');
    expect(body).toContain(`**Full changelog**: ${gh.serverUrl}/octo/app/compare/v1.0.0...v1.1.0`);
    expect(published).toMatchObject({ prerelease: false, draft: false, name: 'v1.1.0' });

    expect(run.outputs).toMatchObject({
      'release-id': String(published!.id),
      'version': '1.1.0',
      'previous-tag': 'v1.0.0',
      'next-version': '2.0.0',
    });
    expect(run.outputs['release-url']).toContain('/octo/app/releases/tag/v1.1.0');
    // Written to RUNNER_TEMP, which the runner (and the harness) removes after the job.
    expect(run.outputs['notes-file']).toMatch(/runner-temp\/slipway-release-notes\.md$/);
    expect(run.outputs['json-file']).toMatch(/runner-temp\/slipway-release-notes\.json$/);

    expect(run.stdout).toContain(
      "Previous tag: v1.0.0: the highest ancestor of v1.1.0 matching prefix 'v', valid semver, below 1.1.0; skipped prerelease v1.1.0-rc.1 because v1.1.0 is stable.",
    );
    expect(run.stdout).toContain('History from local git, shallow checkout completed (git fetch --unshallow --tags)');
    // M = 6 pull requests: budget 3 + ⌈6/50⌉ = 4; spent: one GraphQL batch, the release look-up and its creation.
    expect(gh.requests.map((r) => r.operationId)).toEqual([
      'graphql',
      'repos/get-release-by-tag',
      'repos/create-release',
    ]);
    expect(gh.count()).toBeLessThanOrEqual(3 + Math.ceil(6 / 50));
    expect(run.summary).toContain('### 📝 Release v1.1.0 created');
  });
});

describe('the release-notes action', () => {
  it('updates the same release on re-run, never duplicating it, and keeps what a person wrote', async () => {
    const first = await release('v1.1.0', { inputs: { 'exclude-authors': 'dependabot[bot]' } });
    expect(first.exitCode).toBe(0);
    const published = releasesOf('v1.1.0')[0]!;
    expect(published.body).not.toContain('(#4)');
    // A person adds highlights above the notes and a footer below them, in the web UI.
    published.body = `Highlights: a faster parser.\n\n${published.body}\n\nThanks to our sponsors.`;

    const second = await release('v1.1.0');
    expect(second.exitCode).toBe(0);
    expect(releasesOf('v1.1.0')).toHaveLength(1);
    const updated = releasesOf('v1.1.0')[0]!;
    expect(updated.id).toBe(published.id);
    expect(second.outputs['release-id']).toBe(String(published.id));
    expect(updated.body!.startsWith(`Highlights: a faster parser.\n\n${START}\n`)).toBe(true);
    expect(updated.body!.endsWith(`${END}\n\nThanks to our sponsors.`)).toBe(true);
    expect(updated.body).toContain('(#4) @dependabot');
    expect(updated.body!.split(START)).toHaveLength(2);
    expect(gh.count('repos/create-release')).toBe(1);
    expect(gh.count('repos/update-release')).toBe(1);

    // Nothing changed: the third run checks and writes nothing.
    const third = await release('v1.1.0');
    expect(third.stdout).toContain('Release v1.1.0 unchanged');
    expect(gh.count('repos/update-release')).toBe(1);
  });

  it('publishes a prerelease for a prerelease tag, against the nearest tag', async () => {
    const run = await release('v1.1.0-rc.1');
    expect(run.exitCode).toBe(0);
    expect(releasesOf('v1.1.0-rc.1')[0]).toMatchObject({ prerelease: true });
    expect(run.outputs['previous-tag']).toBe('v1.0.0');
    expect(run.outputs.notes).toContain('(#3)');
    expect(run.outputs.notes).not.toContain('(#5)');
  });

  it('publishes rc.2 as a prerelease against rc.1, the previous prerelease', async () => {
    sample.repo.tag('v1.1.0-rc.2', true, 'api/v2.0.0');
    const run = await release('v1.1.0-rc.2');
    expect(run.errors).toEqual([]);
    expect(releasesOf('v1.1.0-rc.2')[0]).toMatchObject({ prerelease: true });
    expect(run.outputs['previous-tag']).toBe('v1.1.0-rc.1');
    expect(run.outputs.notes).toContain('(#5)');
    expect(run.outputs.notes).not.toContain('(#3)');
  });

  it('releases a monorepo package against its own prefix, keeping only its paths', async () => {
    const run = await release('api/v2.0.0', { inputs: { paths: 'packages/api/**' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['previous-tag']).toBe('api/v1.0.0');
    expect(run.outputs.notes).toMatch(/^## Breaking changes\n\n- \*\*api:\*\* drop the v1 endpoints \(#5\) @bob\n/);
    expect(run.outputs.notes).not.toContain('(#1)');
    expect(gh.count('graphql')).toBe(1);
  });

  it('uses the repository’s .github/release.yml unchanged, writes CHANGELOG.md once, and replaces same-named assets', async () => {
    const config = readFileSync('test/fixtures/release-notes/github-docs-release.yml', 'utf8');
    const origin = sample.repo;
    origin.git('checkout', '-q', '-b', 'config', 'v1.1.0');
    origin.commit(
      'ci: release config',
      { name: 'Alice', email: 'alice@example.com' },
      { '.github/release.yml': config },
    );
    origin.tag('v1.1.1');
    const asset = path.join(scratch, 'app.tar.gz');
    writeFileSync(asset, 'first build');
    const inputs = { 'changelog-file': 'CHANGELOG.md', 'assets': asset, 'previous-tag': 'v1.0.0' };
    const workspace = checkout(origin.dir, 'v1.1.1');
    const run = await release('v1.1.1', { inputs, workspace });
    expect(run.errors).toEqual([]);
    // The doc's categories, in its order; unlabelled pull requests fall to "Other Changes" ("*").
    expect(run.outputs.notes!.match(/^## .*/gm)).toEqual([
      '## Other Changes',
      '## Contributors',
      '## New contributors',
    ]);
    writeFileSync(asset, 'second build');
    const again = await release('v1.1.1', { inputs, workspace });
    expect(again.exitCode).toBe(0);
    const changelog = readFileSync(path.join(workspace, 'CHANGELOG.md'), 'utf8');
    expect(
      changelog.startsWith(
        `# Changelog\n\n<!-- slipway:changelog v1.1.1 -->\n## [v1.1.1](${gh.serverUrl}/octo/app/compare/v1.0.0...v1.1.1)\n\n### Other Changes\n`,
      ),
    ).toBe(true);
    expect(changelog.match(/slipway:changelog v1\.1\.1 -->/g)).toHaveLength(2);
    const assets = releasesOf('v1.1.1')[0]!.assets;
    expect(assets.map((a) => [a.name, Buffer.from(a.data).toString()])).toEqual([['app.tar.gz', 'second build']]);
    expect(again.stdout).toContain('Asset app.tar.gz replaced');
  });

  it('finds its own draft on re-run (drafts have no tag yet) instead of creating another', async () => {
    const inputs = { 'draft': 'true', 'make-latest': 'false' };
    expect((await release('v1.1.0', { inputs })).exitCode).toBe(0);
    expect((await release('v1.1.0', { inputs })).exitCode).toBe(0);
    expect(releasesOf('v1.1.0')).toHaveLength(1);
    expect(releasesOf('v1.1.0')[0]).toMatchObject({ draft: true, make_latest: 'false' });
    expect(gh.count('repos/create-release')).toBe(1);
  });

  it('renders a Liquid `template` with the JSON model', async () => {
    const template =
      '{{ tag }} after {{ previousTag }} → next {{ nextVersion }}\n{% for s in sections %}{{ s.title }}:{% for c in s.changes %} {% if c.number %}#{{ c.number }}{% else %}{{ c.sha | slice: 0, 7 }}{% endif %}{% endfor %}\n{% endfor %}';
    const run = await release('v1.1.0', { inputs: { template, publish: 'false' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.notes).toBe(
      `v1.1.0 after v1.0.0 → next 2.0.0\nBreaking changes: #5\nFeatures: #1\nFixes: #2\nPerformance: #3\nReverts: ${sample.revertCommit.slice(0, 7)}\nDocumentation: #6\nBuild and CI: #4\n`,
    );
    expect(gh.state.releases).toHaveLength(0);
    expect(run.outputs['release-id']).toBeUndefined();
  });

  it('still finds every pull request when GraphQL answers 502', async () => {
    // Seed 7 fails the first GraphQL request; the client retries it (halving is shown in the unit tests).
    gh.setFaults({ rate: 0.6, kinds: ['502'], routes: ['graphql'], seed: 7 });
    const run = await runActionWithRetryBase();
    expect(run.errors).toEqual([]);
    for (const number of [1, 2, 3, 4, 5, 6]) expect(run.outputs.notes).toContain(`(#${number})`);
    expect(gh.requests.filter((r) => r.operationId === 'graphql' && r.status === 502).length).toBeGreaterThan(0);
  });

  it('falls back to the compare API when the shallow checkout cannot be deepened, and says so', async () => {
    const sha = execFileSync('git', ['rev-parse', 'v1.1.0^{commit}'], {
      cwd: sample.repo.dir,
      encoding: 'utf8',
    }).trim();
    const workspace = checkout(sample.repo.dir, 'v1.1.0');
    execFileSync('git', ['remote', 'set-url', 'origin', 'file:///nonexistent/slipway-origin'], { cwd: workspace });
    const run = await runAction({
      action: 'release-notes',
      github: gh,
      event: tagPush('v1.1.0', sha),
      ref: 'refs/tags/v1.1.0',
      sha,
      workspace,
    });
    expect(run.errors).toEqual([]);
    expect(run.stdout).toMatch(
      /History from the compare API \(deepening the shallow checkout failed: git fetch --unshallow --tags --force origin failed: fatal: .*\): 8 first-parent commit\(s\) in v1\.0\.0\.\.v1\.1\.0\./,
    );
    // v1.0.1 (a backport on a release branch) has the higher version but is no ancestor: the compare API says so.
    expect(run.outputs['previous-tag']).toBe('v1.0.0');
    expect(run.stdout).toContain('(ancestry checked with the compare API)');
    for (const number of [1, 2, 3, 4, 5, 6]) expect(run.outputs.notes).toContain(`(#${number})`);
    expect(gh.count('repos/list-tags')).toBe(1);
    expect(gh.count('repos/compare-commits-with-basehead')).toBe(2);
  });

  it('refuses a bad input in one line naming it, before writing anything', async () => {
    const run = await release('v1.1.0', { inputs: { prerelease: 'maybe' } });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual(['Input \'prerelease\' must be one of `auto`, `true`, `false`; got "maybe".']);
    expect(gh.count()).toBe(0);
  });
});

describe('large releases', () => {
  it('holds the budget for 500 pull requests and shortens a body over 125,000 characters', async () => {
    const big = await startEmulator();
    const title = (n: number) => `Improve component ${n}: ${'a careful and well-described change '.repeat(6).trim()}`;
    const authorOf = (n: number) => (n % 10 === 0 ? 'renovate[bot]' : `dev${n % 37}`);
    const repo = manyPullRequests(500, title, authorOf);
    seedMany(big.repo('octo/big', { gitDir: repo.dir }), repo, title, authorOf);
    try {
      const sha = repo.head('v1.1.0');
      const run = await runAction({
        action: 'release-notes',
        github: big,
        repository: 'octo/big',
        event: tagPush('v1.1.0', sha),
        ref: 'refs/tags/v1.1.0',
        sha,
        workspace: checkout(repo.dir, 'v1.1.0'),
      });
      expect(run.errors).toEqual([]);
      const body = big.state.releases[0]!.body!;
      expect(run.outputs.notes!.length).toBeGreaterThan(125_000);
      expect(body.length).toBeLessThanOrEqual(125_000);
      expect(body).toMatch(
        /> \*\*Release notes shortened:\*\* [\d,]+ of [\d,]+ characters shown \(GitHub allows 125,000\)\. See every change: .*\/octo\/big\/compare\/v1\.0\.0\.\.\.v1\.1\.0\n\n<!-- \/slipway:release-notes -->$/,
      );
      expect(run.outputs.notes!.split('## Contributors')[1]).not.toContain('renovate');
      // M = 500: budget 3 + ⌈500/50⌉ = 13; spent 10 GraphQL batches + look-up + create = 12.
      expect(big.count('graphql')).toBe(10);
      expect(big.count()).toBe(12);
      expect(big.count()).toBeLessThanOrEqual(3 + Math.ceil(500 / 50));
    } finally {
      await big.close();
      repo.remove();
    }
  });
});
