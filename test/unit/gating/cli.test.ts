import { symlinkSync } from 'node:fs';
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

  it('returns its exit code rather than setting process.exitCode, so one failed run does not leak into the next', async () => {
    const failed = await cli(['gate', join(realWorldReports, 'jest-junit.xml')]);
    expect(failed.code).toBe(1);
    process.exitCode = 1; // what a failed earlier command in the same process would have left behind
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const code = await runCli([
        'gate',
        join(realWorldReports, 'jest-junit.xml'),
        '--max-failures',
        '4',
        '--min-pass-rate',
        '20',
      ]);
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('exits 0 when the rules allow the failures, and --json prints the verdict and totals', async () => {
    const { code, stdout } = await cli([
      'gate',
      join(realWorldReports, 'jest-junit.xml'),
      '--max-failures',
      '4',
      '--min-pass-rate',
      '20',
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      passed: boolean;
      totals: Record<string, number>;
      failures: unknown[];
      files: { format: string }[];
    };
    expect(report.passed).toBe(true);
    expect(report.totals).toMatchObject({ total: 6, passed: 1, failed: 4, skipped: 1 });
    expect(report.failures).toHaveLength(4);
    expect(report.files[0]).toMatchObject({ format: 'junit' });
  });

  it('reads several globs and formats at once; --min-tests judges the total', async () => {
    const { code, stdout } = await cli([
      'gate',
      join(realWorldReports, 'dotnet-*.trx'),
      join(realWorldReports, 'rspec-json.json'),
      '--max-failures',
      '100',
      '--min-pass-rate',
      '0',
      '--min-tests',
      '19',
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Failed: only 16 tests ran, 2 skipped \(min-tests is 19\)/);
  });

  it('an empty report fails: no tests were found', async () => {
    const { code, stdout } = await cli(['gate', join(realWorldReports, 'empty/*.xml')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Failed: no tests were found in 4 report files \(min-tests is 1\)/);
  });

  // Issue 14: a terminal user is told about flags, never about action inputs or a step's 'with:' block.
  it('explains a bad flag value or no matching file in one line, in the words of flags (exit 1)', async () => {
    const badRate = await cli(['gate', join(realWorldReports, 'jest-junit.xml'), '--min-pass-rate', '150']);
    expect(badRate).toMatchObject({
      code: 1,
      stderr: `slipway: --min-pass-rate must be a number from 0 to 100; got "150".\n`,
    });
    const badCoverage = await cli(['gate', join(realWorldReports, 'jest-junit.xml'), '--min-coverage', '80']);
    expect(badCoverage).toMatchObject({
      code: 1,
      stderr: `slipway: --min-coverage 80 needs --coverage with LCOV or Cobertura files.\n`,
    });
    const none = await cli(['gate', join(temp.dir, 'nothing/*.xml')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      `slipway: No test report matched ${JSON.stringify(join(temp.dir, 'nothing/*.xml'))} in ${process.cwd()}.\n`,
    );
    for (const { stderr } of [badRate, badCoverage, none]) expect(stderr).not.toMatch(/Input '|with:|'reports'/);
  });

  it('gate <dir> searches the directory for reports', async () => {
    const dir = join(temp.dir, 'results');
    temp.write(
      'results/unit/junit.xml',
      '<testsuite><testcase name="a"/><testcase name="b"><failure message="no"/></testcase></testsuite>',
    );
    temp.write(
      'results/go/test.jsonl',
      '{"Action":"run","Package":"p","Test":"TestA"}\n{"Action":"pass","Package":"p","Test":"TestA"}\n',
    );
    const { code, stdout } = await cli(['gate', dir, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      totals: Record<string, number>;
      failures: { id: string; reportFile: string }[];
    };
    expect(report.totals).toMatchObject({ total: 3, passed: 2, failed: 1 });
    expect(report.failures).toEqual([expect.objectContaining({ id: 'b', reportFile: join(dir, 'unit/junit.xml') })]);
  });

  it('--format tap on an XML file says the file is not TAP', async () => {
    const file = join(realWorldReports, 'jest-junit.xml');
    const { code, stderr } = await cli(['gate', file, '--format', 'tap']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `slipway: ${file}: is not tap: its content is junit. Name junit as its format, or let the format be detected (auto).\n`,
    );
  });

  it('zero executed tests show "no tests ran", never a pass rate of 100%', async () => {
    const file = temp.write('skipped.xml', '<testsuite><testcase name="a"><skipped/></testcase></testsuite>');
    const { code, stdout } = await cli(['gate', file]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      'Failed: no tests ran (all 1 test skipped; min-tests is 1) — 1 test (0 passed, 1 skipped), no tests ran.\n',
    );
  });

  // Issue 16, finding 9: outside the current directory only when the user typed the absolute path.
  it('a relative path or symlink reaching outside the current directory is refused; a typed absolute path is read', async () => {
    const outside = temp.write('outside/junit.xml', '<testsuite><testcase name="a"/></testsuite>');
    const cwd = join(temp.dir, 'project');
    temp.write('project/keep', '');
    symlinkSync(outside, join(cwd, 'linked.xml'));
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      for (const given of ['../outside/junit.xml', 'linked.xml']) {
        const refused = await cli(['gate', given]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(
          /resolves outside the current directory; give its absolute path to read it anyway\.\n$/,
        );
      }
      expect((await cli(['gate', outside])).code).toBe(0);
    } finally {
      process.chdir(previous);
    }
  });
});
