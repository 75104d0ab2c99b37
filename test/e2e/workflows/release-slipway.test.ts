import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/action-metadata.js';
import { createGitFixture, type GitFixture } from '../../support/emulator/git-fixture.js';
import { type Emulator, startEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { runWorkflow, type WorkflowRun } from '../../support/workflow-runner/run-workflow.js';

// Slipway's own release (.github/workflows/release-slipway.yml) run on a test repository that is Slipway in
// small: this checkout's workflows, templates, scripts, root action and release-notes bundle (build it first:
// `npm run build -- release-notes`), with a one-file build standing in for the real one so `dist/` is checked
// for real. PATH stand-in for npm: `npm ci` links this checkout's node_modules (the tests run offline),
// `npm publish` records its arguments and the directory it was given; every other npm command is the real one.

const REPOSITORY = 'slipway-hq/slipway';
const HEX40 = /^[0-9a-f]{40}$/;

const checkoutFiles = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(join(REPO_ROOT, dir)).map((name) => [
      `${dir}/${name}`,
      readFileSync(join(REPO_ROOT, dir, name), 'utf8'),
    ]),
  );

function slipwayInSmall(version: string, cli: string): Record<string, string> {
  return {
    ...checkoutFiles('.github/workflows'),
    ...checkoutFiles('.github/workflow-templates'),
    ...checkoutFiles('dist/release-notes'),
    'action.yml': readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'),
    'scripts/pin-nested-refs.mjs': readFileSync(join(REPO_ROOT, 'scripts/pin-nested-refs.mjs'), 'utf8'),
    'scripts/cli-package.mjs': readFileSync(join(REPO_ROOT, 'scripts/cli-package.mjs'), 'utf8'),
    'README.md': '# Slipway\n',
    'LICENSE': readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'),
    '.gitignore': 'node_modules/\n',
    'package.json': JSON.stringify({
      name: 'slipway',
      version,
      private: true,
      type: 'module',
      license: 'MIT',
      engines: { node: '>=20.19' },
      scripts: { build: 'node build.mjs' },
    }),
    'package-lock.json': JSON.stringify({
      name: 'slipway',
      version,
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: 'slipway', version } },
    }),
    'build.mjs':
      "import { cpSync, mkdirSync } from 'node:fs';\nmkdirSync('dist/cli', { recursive: true });\ncpSync('src/cli.mjs', 'dist/cli/index.js');\n",
    'src/cli.mjs': cli,
    'dist/cli/index.js': cli,
  };
}

let github: Emulator;
let repo: GitFixture;
let scratch: string;
let published: string;
let code: string;
let stale: string;

beforeAll(async () => {
  github = await startEmulator();
  scratch = mkdtempSync(join(tmpdir(), 'release-slipway-'));
  published = join(scratch, 'published');
  const cli = "#!/usr/bin/env node\nconsole.log('1.4.0');\n";
  repo = await createGitFixture([
    { message: 'feat: the first Slipway', files: slipwayInSmall('1.3.0', cli), tag: 'v1.3.0' },
    { message: 'fix: promote waits for the soak', files: { 'NOTES.md': 'soak\n' } },
    // A commit whose CLI source changed and dist/ was not rebuilt.
    {
      message: 'feat: a new command',
      branch: 'stale',
      files: { ...slipwayInSmall('1.5.0', cli), 'src/cli.mjs': "console.log('new');\n" },
    },
  ]);
  await repo.git('tag', 'v1', 'v1.3.0');
  code = repo.shas[1]!;
  stale = repo.shas[2]!;
  github.repo(REPOSITORY, { gitDir: repo.dir });
  const npm = execFileSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  writeFileSync(
    join(scratch, 'npm'),
    [
      '#!/bin/bash',
      'set -euo pipefail',
      'case "$1" in',
      `  ci) ln -sfn '${join(REPO_ROOT, 'node_modules')}' node_modules ;;`,
      `  publish) echo "$*" >> '${join(scratch, 'publish.log')}'; cp -r "$2" '${published}' ;;`,
      `  *) exec '${npm}' "$@" ;;`,
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(join(scratch, 'npm'), 0o755);
});

afterAll(async () => {
  await github.close();
  await repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

const dispatch = (sha: string, version: string): Promise<WorkflowRun> =>
  runWorkflow({
    workflow: '.github/workflows/release-slipway.yml',
    github,
    gitDir: repo.dir,
    repository: REPOSITORY,
    sha,
    ref: 'refs/heads/main',
    event: { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
    inputs: { version },
    env: {
      PATH: `${scratch}:${process.env.PATH ?? ''}`,
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    },
  });

const failures = (run: WorkflowRun) =>
  run.all.flatMap((job) =>
    job.steps.filter((step) => step.outcome === 'failure').map((step) => `${job.name}: ${step.name}\n${step.log}`),
  );
const git = (...args: string[]) => repo.git(...args).then((out) => out.trim());
const publishLog = () =>
  existsSync(join(scratch, 'publish.log')) ? readFileSync(join(scratch, 'publish.log'), 'utf8') : '';

/** `[path, ref]` of every `uses: slipway-hq/slipway…@ref` in a workflow file (read here, not by the script under test). */
const nestedRefs = (text: string) =>
  [...text.matchAll(/^\s*(?:-\s+)?uses:\s*['"]?slipway-hq\/slipway([^@\s'"]*)@([^\s'"#]+)/gm)].map(
    (m) => [m[1]!, m[2]!] as const,
  );

describe('release-slipway.yml', () => {
  it('refuses a commit whose dist/ is stale: nothing tagged, released or published', async () => {
    const run = await dispatch(stale, '1.5.0');
    expect(run.jobs.check!.result).toBe('failure');
    const failed = run.jobs.check!.steps.filter((step) => step.outcome === 'failure');
    expect(failed.map((step) => step.name)).toEqual(['Check dist is up to date']);
    expect(failed[0]!.log).toContain(
      "dist/ differs from a fresh build: run 'npm run build' and commit dist/ before releasing.",
    );
    expect([run.jobs.release!.result, run.jobs.npm!.result]).toEqual(['skipped', 'skipped']);
    expect(await git('tag', '--list', 'v1.5.0')).toBe('');
    expect(github.state.releases).toEqual([]);
    expect(publishLog()).toBe('');
  });

  it("refuses a version other than package.json's, in one line", async () => {
    const run = await dispatch(code, '1.4.0');
    const [failed] = run.jobs.check!.steps.filter((step) => step.outcome === 'failure');
    expect(failed!.log.trim()).toBe(
      "::error::Input version '1.4.0' is not package.json's version (1.3.0): bump package.json first, or give 1.3.0.",
    );
    expect(run.jobs.release!.result).toBe('skipped');
  });

  describe('a release', () => {
    let run: WorkflowRun;
    let tagged: string;

    beforeAll(async () => {
      // The maintainer bumps package.json (and the CLI) to 1.4.0 on main, then runs the workflow.
      const worktree = join(scratch, 'bump');
      await git('worktree', 'add', '--quiet', '--detach', worktree, 'main');
      writeFileSync(join(worktree, 'package.json'), slipwayInSmall('1.4.0', '')['package.json']!);
      writeFileSync(join(worktree, 'package-lock.json'), slipwayInSmall('1.4.0', '')['package-lock.json']!);
      const inWorktree = (...args: string[]) =>
        execFileSync(
          'git',
          ['-c', 'user.name=Octo Cat', '-c', 'user.email=octocat@users.noreply.github.com', ...args],
          { cwd: worktree, encoding: 'utf8' },
        ).trim();
      inWorktree('commit', '--quiet', '--all', '--message', 'chore: 1.4.0');
      code = inWorktree('rev-parse', 'HEAD');
      await git('update-ref', 'refs/heads/main', code);
      run = await dispatch(code, '1.4.0');
      tagged = await git('rev-parse', 'v1.4.0^{commit}');
    });

    it('succeeds, with contents: write only for the job that pushes, id-token: write only for npm', () => {
      expect(failures(run)).toEqual([]);
      expect(run.all.filter((job) => job.permissions?.contents === 'write').map((job) => job.name)).toEqual([
        'release',
      ]);
      expect(run.all.filter((job) => job.permissions?.['id-token'] === 'write').map((job) => job.name)).toEqual([
        'npm',
      ]);
      expect(github.requests.filter((request) => request.status === 403)).toEqual([]);
    });

    it('tags release commits on top of the code commit that change only the workflows and templates, and moves v1 there', async () => {
      expect(await git('rev-parse', 'v1^{commit}')).toBe(tagged);
      expect(await git('merge-base', '--is-ancestor', code, tagged).then(() => true)).toBe(true);
      expect(
        (await git('diff', '--name-only', code, tagged)).split('\n').every((file) => file.startsWith('.github/')),
      ).toBe(true);
      // main is not moved: the release commits are reachable from the tags only.
      expect(await git('rev-parse', 'main')).toBe(code);
    });

    it("every nested ref in the tagged workflows and templates is a SHA: the code commit or the release commit's parent", async () => {
      const parent = await git('rev-parse', `${tagged}^`);
      const files = (await git('ls-tree', '-r', '--name-only', tagged, '.github'))
        .split('\n')
        .filter((file) => file.endsWith('.yml'));
      const refs = (
        await Promise.all(files.map(async (file) => nestedRefs(await repo.git('show', `${tagged}:${file}`))))
      ).flat();
      expect(refs.length).toBeGreaterThan(10);
      for (const [path, ref] of refs) {
        expect(ref).toMatch(HEX40);
        expect(ref, path).toBe(path.startsWith('/.github/workflows/') ? parent : code);
      }
    });

    it('no chain of calls from the tag reaches a floating ref', async () => {
      const seen = new Set<string>();
      const visit = async (commit: string, file: string, chain: string[]): Promise<void> => {
        if (seen.has(`${commit}:${file}`)) return;
        seen.add(`${commit}:${file}`);
        for (const [path, ref] of nestedRefs(await repo.git('show', `${commit}:${file}`))) {
          expect(ref, `${[...chain, file].join(' → ')} uses ${path}@${ref}`).toMatch(HEX40);
          if (path.startsWith('/.github/workflows/'))
            await visit(ref, path.slice(1), [...chain, `${file}@${commit.slice(0, 7)}`]);
        }
      };
      await visit(tagged, '.github/workflow-templates/slipway-deliver.yml', []);
      for (const file of ['deliver.yml', 'chatops.yml', 'release.yml'])
        await visit(tagged, `.github/workflows/${file}`, []);
      // template → deliver.yml → build.yml, each at its own release commit.
      expect(seen.size).toBeGreaterThan(6);
    });

    it('publishes the release notes of v1.4.0 with the root action of the release', () => {
      const step = run.jobs.release!.steps.find((candidate) => candidate.uses === './')!;
      expect(step.conclusion).toBe('success');
      const release = github.state.releases.find((candidate) => candidate.tag_name === 'v1.4.0')!;
      expect(release).toMatchObject({ draft: false });
      expect(release.body).toContain('promote waits for the soak');
      expect(release.body).not.toContain('pin nested refs');
    });

    it('publishes @slipway-hq/cli 1.4.0 to npm with provenance, from the tagged commit', () => {
      expect(publishLog().trim()).toMatch(/^publish \S+\/cli --provenance --access public --tag latest$/);
      const manifest = JSON.parse(readFileSync(join(published, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
      };
      expect([manifest.name, manifest.version]).toEqual(['@slipway-hq/cli', '1.4.0']);
      expect(readFileSync(join(published, 'dist/cli/index.js'), 'utf8')).toContain("console.log('1.4.0')");
    });
  });
});
