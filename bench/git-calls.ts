import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK } from './context.js';
import { runOnce, type Command } from './measure.js';

/** Runs a command with a `git` on PATH that logs each call before running the real one: how many git processes, and which subcommands. */
export async function countGitCalls(command: Command): Promise<string> {
  mkdirSync(WORK, { recursive: true });
  const dir = mkdtempSync(join(WORK, 'git-shim-'));
  const log = join(dir, 'calls.log');
  try {
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${realGit}' "$@"\n`);
    chmodSync(join(dir, 'git'), 0o755);
    writeFileSync(log, '');
    await runOnce({ ...command, env: { ...(command.env ?? process.env), PATH: `${dir}:${process.env.PATH ?? ''}` } });
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const bySubcommand = new Map<string, number>();
    for (const call of calls) bySubcommand.set(call, (bySubcommand.get(call) ?? 0) + 1);
    return `${calls.length} git processes (${[...bySubcommand]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ×${n}`)
      .join(', ')})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
