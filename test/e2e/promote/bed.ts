import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitFixture, type GitFixture } from '../../support/emulator/git-fixture.js';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { type ArtifactService, startArtifactService } from '../../support/artifact-service.js';
import { type ActionRun, runAction } from '../../support/harness.js';
import { makeArtefact } from '../../unit/promotion/artefacts.js';
import { loopback } from '../../unit/promotion/loopback.js';

/**
 * The test bed for promote, rollback and status: the GitHub emulator with a real git history, a
 * work directory holding artefacts and one `dir:` target per environment, and a site on 127.0.0.1
 * serving `/<environment>` from that environment's `current` release (`/<environment>/<slot>` for
 * a blue/green slot): the body is the release's version.txt, the status its `status` file.
 */
export interface Bed {
  gh: GitHubEmulator;
  git: GitFixture;
  work: string;
  siteUrl: string;
  /** Emulator clock lag behind real time, to record deployments "in the past". */
  lag: number;
  artefact(version: string, status?: number): Promise<{ file: string; digest: string }>;
  target(environment: string): string;
  /** The Actions artifact backend, when started with `{ artifacts: true }`. */
  artifacts?: ArtifactService;
  run(
    action: 'promote' | 'rollback' | 'status' | 'package' | 'flags',
    inputs: Record<string, string>,
    extra?: { signal?: AbortSignal; runId?: number; secrets?: string[] },
  ): Promise<ActionRun>;
  served(path: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBed(options: { artifacts?: boolean } = {}): Promise<Bed> {
  const work = await mkdtemp(join(tmpdir(), 'slipway-e2e-promote-'));
  const state = { lag: 0 };
  const artifacts = options.artifacts ? await startArtifactService() : undefined;
  const gh = await startEmulator({ now: () => new Date(Date.now() - state.lag), artifacts });
  const git = await createGitFixture([
    { message: 'one', files: { a: '1' } },
    { message: 'two', files: { a: '2' } },
  ]);
  gh.repo('octo/app', { gitDir: git.dir });
  const site = await loopback(async (req, res) => {
    const [env, slot] = (req.url ?? '/').slice(1).split('/');
    const dir = await realpath(join(work, 'envs', env ?? '', slot ?? 'current'));
    res
      .writeHead(Number(await readFile(join(dir, 'status'), 'utf8')))
      .end(await readFile(join(dir, 'version.txt'), 'utf8'));
  });
  let runId = 100;
  const bed: Bed = {
    gh,
    git,
    work,
    siteUrl: site.url,
    artifacts,
    get lag() {
      return state.lag;
    },
    set lag(value: number) {
      state.lag = value;
    },
    artefact: (version, status) => makeArtefact(work, version, status),
    target: (environment) => `dir:${join(work, 'envs', environment)}`,
    run: (action, inputs, extra = {}) =>
      runAction({
        action,
        inputs,
        github: gh,
        repository: 'octo/app',
        sha: git.shas[1],
        runId: extra.runId ?? ++runId,
        artifacts,
        workspace: work,
        signal: extra.signal,
        secrets: extra.secrets,
        env: { SLIPWAY_POLL_MS: '100', SLIPWAY_RETRY_BASE_MS: '10' },
        timeoutMs: 120_000,
      }),
    served: async (path) => {
      const response = await fetch(`${site.url}${path}`);
      return `${response.status} ${await response.text()}`;
    },
    close: async () => {
      await site.close();
      await gh.close();
      await artifacts?.close();
      await git.remove();
      await rm(work, { recursive: true, force: true });
    },
  };
  return bed;
}

/** The state of a deployment's statuses, oldest first. */
export function statusesOf(gh: GitHubEmulator, id: number | string): string[] {
  return gh.state.deploymentStatuses.filter((s) => s.deploymentId === Number(id)).map((s) => s.state);
}
