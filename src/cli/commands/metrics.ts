import type { Command } from 'commander';
import type { MetricsOptions } from '../run/metrics.js';

export function registerMetrics(program: Command, exit: (code: number) => void): void {
  program
    .command('metrics')
    .description(
      'Print the four DORA keys per environment from GitHub Deployments: deployment frequency, lead time for changes, change failure rate and ' +
        'failed-deployment recovery time, each with its DORA performance level. Commit times come from the git checkout in the current directory.',
    )
    .option('--repository <owner/name>', 'repository; default GITHUB_REPOSITORY')
    .option(
      '--environment <names>',
      'environments, comma-separated; default every environment deployed to in the window',
    )
    .option('--window <duration>', 'how far back to look, e.g. 30d or 90d', '30d')
    .option(
      '--fix-window <duration>',
      'a deploy followed by another within this time counts as fixed forward (a failed change)',
      '1h',
    )
    .option('--api-url <url>', 'GitHub REST API root; default GITHUB_API_URL or https://api.github.com')
    .option('--json', 'print the metrics as JSON, for dashboards')
    .action(async (options: MetricsOptions) => exit(await (await import('../run/metrics.js')).runMetrics(options)));
}
