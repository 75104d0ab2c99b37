import { type Command, Option } from 'commander';
import { FLAKY_MODES } from '../../gating/collector.js';
import { DEFAULT_LIMITS, TEST_FORMATS } from '../../gating/test-results.js';
import type { GateFlags } from '../run/gate.js';

export function registerGate(program: Command, exit: (code: number) => void): void {
  program
    .command('gate')
    .description(
      "Read test reports (any supported format, any size) and pass or fail them on the gate action's rules; exit 1 when the gate fails.",
    )
    .argument(
      '<paths...>',
      'test report files, globs or directories (searched for reports), relative to the current directory',
    )
    .option('--max-failures <n>', 'failed plus errored tests allowed', '0')
    .option('--min-pass-rate <percent>', 'percent of executed tests that must pass', '100')
    .option('--min-tests <n>', 'fewest executed (not skipped) tests the reports must hold', '1')
    .addOption(
      new Option('--format <format>', 'report format; auto detects each file by content')
        .choices(['auto', ...TEST_FORMATS])
        .default('auto'),
    )
    .option('--quarantine <ids...>', 'test ids or globs allowed to fail')
    .option('--coverage <globs...>', 'LCOV or Cobertura files')
    .option('--min-coverage <percent>', 'line coverage percent to reach')
    .addOption(
      new Option(
        '--flaky <mode>',
        'detect: a test that failed then passed on a retry the report records is flaky; off: every failed attempt fails',
      )
        .choices([...FLAKY_MODES])
        .default('detect'),
    )
    .option(
      '--retry-reports <globs...>',
      'reports of reruns: a pass there of a test that failed in the reports is flaky',
    )
    .option('--max-xml-attributes <n>', 'most attributes on one XML element', String(DEFAULT_LIMITS.maxAttributes))
    .option(
      '--max-string-length <n>',
      'longest JSON string (bytes) or report line (characters)',
      String(DEFAULT_LIMITS.maxStringLength),
    )
    .option('--json', 'print the verdict, totals and listed failures as JSON')
    .action(async (paths: string[], flags: GateFlags) =>
      exit(await (await import('../run/gate.js')).runGate(paths, flags)),
    );
}
