import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitFixture, type GitFixture } from '../emulator/git-fixture.js';

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
  const fixture = await createGitFixture([{ message: 'feat: the app', files: { 'scripts/deploy.sh': deploy, ...files }, executable: ['scripts/deploy.sh'] }]);
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
