import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { realWorldReports } from './paths.js';
import { useTempDir } from './support/temp-dir.js';

const temp = useTempDir('gate-cli');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('slipway gate', () => {
  it('exits 1 with the reason and failures when the gate fails', async () => {
    const { code, stdout } = await cli(['gate', join(realWorldReports, 'jest-junit.xml')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Failed: 4 tests failed \(max-failures is 0\); pass rate 20% is below min-pass-rate 100%/);
    expect(stdout).toContain('  ✗ Test 1 › Test 1.1.Failing test');
  });

  it('exits 0 when the rules allow the failures, and --json prints the verdict and totals', async () => {
    const { code, stdout } = await cli(['gate', join(realWorldReports, 'jest-junit.xml'), '--max-failures', '4', '--min-pass-rate', '20', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { passed: boolean; totals: Record<string, number>; failures: unknown[]; files: { format: string }[] };
    expect(report.passed).toBe(true);
    expect(report.totals).toMatchObject({ total: 6, passed: 1, failed: 4, skipped: 1 });
    expect(report.failures).toHaveLength(4);
    expect(report.files[0]).toMatchObject({ format: 'junit' });
  });

  it('reads several globs and formats at once; --min-tests judges the total', async () => {
    const { code, stdout } = await cli(['gate', join(realWorldReports, 'dotnet-*.trx'), join(realWorldReports, 'rspec-json.json'), '--max-failures', '100', '--min-pass-rate', '0', '--min-tests', '19']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Failed: only 18 tests found \(min-tests is 19\)/);
  });

  it('an empty report fails: no tests were found', async () => {
    const { code, stdout } = await cli(['gate', join(realWorldReports, 'empty/*.xml')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Failed: no tests were found in 4 report files \(min-tests is 1\)/);
  });

  it('explains a bad option value or no matching file in one line (exit 1)', async () => {
    const badRate = await cli(['gate', join(realWorldReports, 'jest-junit.xml'), '--min-pass-rate', '150']);
    expect(badRate).toMatchObject({ code: 1, stderr: `slipway: Input 'min-pass-rate' must be a number from 0 to 100; got "150".\n` });
    const none = await cli(['gate', join(temp.dir, 'nothing/*.xml')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`slipway: No test report matched ${JSON.stringify(join(temp.dir, 'nothing/*.xml'))} in ${process.cwd()}. Check the 'reports' globs and that the test step wrote its reports before this step.\n`);
  });
});
