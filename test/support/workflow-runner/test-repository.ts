import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactService } from '../artifact-service.js';
import { createGitFixture, type GitFixture } from '../emulator/git-fixture.js';
import type { Emulator } from '../emulator/index.js';
import { runAction } from '../harness.js';

/**
 * A git repository for a workflow test, with `scripts/deploy.sh` (executable): a deploy command that records
 * every deployment (`<environment> <version> <digest>`) in `deploys.log` outside the workspace, where the test
 * reads it.
 */
export interface TestRepository extends GitFixture {
  /** The deployments made so far, one line each. */
  deploys(): string[];
  sha: string;
  close(): Promise<void>;
}

export async function createTestRepository(files: Record<string, string> = {}): Promise<TestRepository> {
  const scratch = mkdtempSync(join(tmpdir(), 'workflow-test-'));
  const log = join(scratch, 'deploys.log');
  writeFileSync(log, '');
  const deploy = `#!/bin/bash\nset -euo pipefail\necho "$SLIPWAY_ENVIRONMENT $SLIPWAY_VERSION $SLIPWAY_DIGEST" >> '${log}'\n`;
  const fixture = await createGitFixture([
    { message: 'feat: the app', files: { 'scripts/deploy.sh': deploy, ...files }, executable: ['scripts/deploy.sh'] },
  ]);
  return {
    ...fixture,
    sha: fixture.shas[0]!,
    deploys: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    close: async () => {
      await fixture.remove();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * What a build run leaves upstream: `version` packaged from `site/` (one file) in run `runId` and deployed to
 * `environment` by the promote action, recorded like any Slipway deployment. Returns the artefact's digest.
 */
export async function deployUpstream(options: {
  github: Emulator;
  artifacts: ArtifactService;
  repo: TestRepository;
  repository?: string;
  environment: string;
  version: string;
  runId: number;
}): Promise<string> {
  const workspace = mkdtempSync(join(tmpdir(), 'upstream-'));
  try {
    mkdirSync(join(workspace, 'site'));
    writeFileSync(join(workspace, 'site', 'index.html'), `app ${options.version}`);
    await options.repo.git('--work-tree', workspace, 'checkout', 'HEAD', '--', 'scripts/deploy.sh');
    const common = {
      github: options.github,
      artifacts: options.artifacts,
      workspace,
      runId: options.runId,
      sha: options.repo.sha,
      repository: options.repository,
    };
    const packaged = await runAction({
      ...common,
      action: 'package',
      inputs: { 'path': 'site', 'name': 'app', 'version': options.version, 'output-dir': 'out' },
    });
    if (packaged.conclusion !== 'success') throw new Error(`package failed: ${packaged.errors.join('; ')}`);
    const digest = packaged.outputs.digest!;
    const inputs = {
      'environment': options.environment,
      'artifact': packaged.outputs['artifact-name']!,
      digest,
      'version': options.version,
      'deploy-command': './scripts/deploy.sh',
    };
    const promoted = await runAction({ ...common, action: 'promote', inputs });
    if (promoted.conclusion !== 'success') throw new Error(`promote failed: ${promoted.errors.join('; ')}`);
    return digest;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
