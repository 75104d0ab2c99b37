import { type Command, Option } from 'commander';
import { FORMAT_CHOICES } from '../../actions/gate/inputs.js';
import type { GateOptions } from '../run/gate.js';

export function registerGate(program: Command): void {
  program
    .command('gate')
    .description('Read test reports (any supported format, any size) and pass or fail them on the gate action\'s rules; exit 1 when the gate fails.')
    .argument('<globs...>', 'test report files or globs, relative to the current directory')
    .option('--max-failures <n>', 'failed plus errored tests allowed', '0')
    .option('--min-pass-rate <percent>', 'percent of executed tests that must pass', '100')
    .option('--min-tests <n>', 'fewest tests the reports must hold', '1')
    .addOption(new Option('--format <format>', 'report format; auto detects each file by content').choices([...FORMAT_CHOICES]).default('auto'))
    .option('--quarantine <ids...>', 'test ids or globs allowed to fail')
    .option('--coverage <globs...>', 'LCOV or Cobertura files')
    .option('--min-coverage <percent>', 'line coverage percent to reach')
    .option('--json', 'print the verdict, totals and listed failures as JSON')
    .action(async (globs: string[], options: GateOptions) => (await import('../run/gate.js')).runGate(globs, options));
}
