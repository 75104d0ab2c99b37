import { runCli } from '../../../src/cli/program.js';
import type { Bed } from '../promote/bed.js';

/** Runs `slipway flags …` in-process in the bed's workspace with its token; returns the exit code and what it printed. */
export async function flagsCli(bed: Bed, args: string[]): Promise<{ code: number; out: string; errors: string }> {
  const out: string[] = [];
  const errors: string[] = [];
  const [write, writeError] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  process.stdout.write = (chunk: string) => out.push(chunk) > 0;
  process.stderr.write = (chunk: string) => errors.push(chunk) > 0;
  const saved = { token: process.env.GITHUB_TOKEN, cwd: process.cwd() };
  process.env.GITHUB_TOKEN = bed.gh.token;
  process.chdir(bed.work);
  try {
    const code = await runCli(['flags', ...args, '--repo', 'octo/app', '--api-url', bed.gh.url]);
    return { code, out: out.join(''), errors: errors.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeError;
    process.chdir(saved.cwd);
    if (saved.token === undefined) delete process.env.GITHUB_TOKEN;
    else process.env.GITHUB_TOKEN = saved.token;
  }
}
