import type { Command } from 'commander';
import type { StatusOptions } from '../run/status.js';

export function registerStatus(program: Command, exit: (code: number) => void): void {
  program
    .command('status')
    .description(
      'Print the environment × version matrix from GitHub Deployments: what runs where, and how far each environment is behind the one before it.',
    )
    .argument('<environments...>', 'environments in promotion order, e.g. dev staging production')
    .option('--repo <owner/name>', 'repository; default GITHUB_REPOSITORY')
    .option('--api-url <url>', 'GitHub REST API root; default GITHUB_API_URL or https://api.github.com')
    .option('--json', 'print the matrix as JSON')
    .action(async (environments: string[], options: StatusOptions) =>
      exit(await (await import('../run/status.js')).runStatus(environments, options)),
    );
}
