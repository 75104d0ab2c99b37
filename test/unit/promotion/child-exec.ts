import { execFile } from 'node:child_process';
import type { Exec } from '../../../src/promotion/deploy-command.js';

/** A real Exec (no shell), as the action's actionExec, collecting stdout. */
export function childExec(out: string[] = []): Exec {
  return (program, args, { env }) =>
    new Promise((resolve) => {
      const child = execFile(program, args, { env: { ...process.env, ...env } }, (error, stdout) => {
        out.push(stdout);
        resolve(error ? ((error as { code?: number }).code ?? 1) : 0);
      });
      child.stdin?.end();
    });
}
