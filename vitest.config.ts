import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The long seeded fault sweeps: `npm run test:reliability`, run by CI beside `npm test`. */
const reliability = ['test/e2e/reliability/faults-*.test.ts', 'test/e2e/notify/reliability.test.ts'];

/**
 * vitest orders projects by name, so the fault sweeps (the longest files) started last and ran on alone at the end.
 * Started first, the main suite's many short files fill the other workers around them.
 */
class SweepsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const sweeps = sorted.filter((file) => file.project.name === 'reliability');
    return [...sweeps, ...sorted.filter((file) => file.project.name !== 'reliability')];
  }
}

export default defineConfig({
  test: {
    // Timeouts only catch hangs: with both projects sharing two cores, a fault sweep or a workflow run can take
    // over a minute of wall time without anything being wrong.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each worker keeps the modules it has loaded from one test file to the next: re-importing vitest, the emulator
    // and the sources for each of 160 files cost a fifth of the suite's CPU. Tests restore what they change
    // (cwd, env, mocks), and the suite passes this way as it does isolated.
    isolate: false,
    // Most of an end-to-end test is waiting on a child process or a socket; vitest's default (cores − 1) leaves
    // one worker on a 2-core machine, so the second core idles.
    maxWorkers: availableParallelism() + 1,
    reporters: ['default'],
    sequence: { sequencer: SweepsFirst },
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...reliability] },
      },
      { extends: true, test: { name: 'reliability', include: reliability } },
    ],
  },
});
