import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { type Bed, startBed } from '../promote/bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(async () => {
  await bed.close();
});

it('shows which version runs where and how far each environment is behind, in the action and the CLI', async () => {
  const [v1, v2] = [await bed.artefact('1.0.0'), await bed.artefact('2.0.0')];
  const promote = (environment: string, file: string, extra: Record<string, string>) =>
    bed.run('promote', { environment, 'artifact-path': file, ...extra });
  expect((await promote('dev', v1.file, { version: '1.0.0' })).errors).toEqual([]);
  expect((await promote('staging', v1.file, { from: 'dev' })).errors).toEqual([]);
  expect((await promote('dev', v2.file, { version: '2.0.0' })).errors).toEqual([]);

  const result = await bed.run('status', { environments: 'dev, staging, production' });
  expect(result.errors).toEqual([]);
  const matrix = JSON.parse(result.outputs.matrix ?? '[]');
  expect(
    matrix.map((row: Record<string, unknown>) => [
      row.environment,
      row.version,
      row.digest,
      row.status,
      row.upstream,
      row.behind,
    ]),
  ).toEqual([
    ['dev', '2.0.0', v2.digest, 'success', null, null],
    ['staging', '1.0.0', v1.digest, 'success', 'dev', 1],
    ['production', null, null, 'none', 'staging', 1],
  ]);
  expect(matrix[1]).toMatchObject({
    commit: bed.git.shas[1],
    slot: null,
    deployedBy: expect.any(String),
    deployedAt: expect.stringMatching(/^\d{4}-/),
  });
  expect(result.summary).toContain('### 🗺️ 2 of 3 environments have a live release');
  // An environment with no deployment yet is shown, and named in a warning in case it is a typo.
  expect(result.warnings.join('\n')).toContain('production');
  expect(result.summary).toMatch(
    /\| staging \| 1\.0\.0 \| \w{12} \| \w{7} \| — \| .* \| success \| — \| 1 behind dev \|/,
  );

  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string) => out.push(chunk) > 0;
  const saved = process.env.GITHUB_TOKEN;
  process.env.GITHUB_TOKEN = bed.gh.token;
  try {
    expect(
      await runCli(['status', 'dev', 'staging', 'production', '--repo', 'octo/app', '--api-url', bed.gh.url]),
    ).toBe(0);
  } finally {
    process.stdout.write = write;
    if (saved === undefined) delete process.env.GITHUB_TOKEN;
    else process.env.GITHUB_TOKEN = saved;
  }
  const lines = out.join('').trim().split('\n');
  expect(lines[0]).toMatch(/^ENVIRONMENT\s+VERSION\s+DIGEST/);
  expect(lines[2]).toMatch(/^staging\s+1\.0\.0\s+\w{12}\s+\w{7}\s+-\s+\S+\s+\S+\s+success\s+1$/);
});
