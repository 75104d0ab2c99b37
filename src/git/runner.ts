import { execFile, spawn } from 'node:child_process';
import { LineSplitter } from './line-splitter.js';

/** Runs `git` with arguments in one working directory and returns its standard output. */
export interface Git {
  readonly cwd: string;
  run(args: string[]): Promise<string>;
  /**
   * Runs git and hands its output to `onLine` line by line; when `onLine` returns true, git is
   * stopped there (its remaining output is not wanted) and the promise resolves. With `ready`, git
   * starts at once but its output is read only once `ready` settles (until then git waits on the
   * full pipe), so it can start while the caller is still working out what it is looking for.
   */
  lines(args: string[], onLine: (line: string) => boolean, ready?: Promise<unknown>): Promise<void>;
}

/** A git failure: the command and git's own message, on one line. */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly exitCode: number | undefined,
  ) {
    const lines = stderr.trim().split('\n');
    super(
      `git ${args.join(' ')} failed: ${lines.find((line) => /^(fatal|error):/.test(line)) ?? lines.pop() ?? 'no message'}`,
    );
  }
}

/** Git through `execFile` (never a shell), so tag names and paths are never interpreted; `timeoutMs` 0 waits for ever. */
export function createGit(cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 0): Git {
  const gitEnv = { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  return {
    cwd,
    lines: (args, onLine, ready) =>
      new Promise((resolve, reject) => {
        const child = spawn('git', args, { cwd, env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
        let stopped = false;
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const lines = new LineSplitter((line) => {
          if (stopped || !onLine(line)) return;
          stopped = true;
          child.stdout.destroy();
          child.kill();
        });
        // Until `ready` settles, output is held (and the stream paused, so git waits once the pipe is full).
        let held: string[] | undefined = ready ? [] : undefined;
        let ended = false;
        let exitCode: number | null | undefined;
        const settle = () => {
          if (held || exitCode === undefined) return;
          if (stopped || exitCode === 0) resolve();
          else reject(new GitError(args, stderr || `exit code ${exitCode}`, exitCode ?? undefined));
        };
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (held ? held.push(chunk) : lines.push(chunk)));
        child.stdout.once('end', () => {
          ended = true;
          if (!held) lines.end();
        });
        if (ready) {
          child.stdout.pause();
          // Whether `ready` succeeds or fails, the output is read (or git stopped): git must not be left waiting.
          const start = () => {
            const chunks = held!;
            held = undefined;
            for (const chunk of chunks) lines.push(chunk);
            if (ended) lines.end();
            if (!stopped) child.stdout.resume();
            settle();
          };
          void ready.then(start, start);
        }
        child.once('error', reject);
        child.once('close', (code) => {
          exitCode = code;
          settle();
        });
      }),
    run: (args) =>
      new Promise((resolve, reject) => {
        const options = {
          cwd,
          env: gitEnv,
          maxBuffer: 256 * 1024 * 1024,
          timeout: timeoutMs,
        };
        execFile('git', args, options, (error, stdout, stderr) => {
          if (error)
            reject(
              new GitError(
                args,
                String(stderr || error.message),
                typeof error.code === 'number' ? error.code : undefined,
              ),
            );
          else resolve(String(stdout));
        });
      }),
  };
}

/** Runs git and answers whether it exited 0 (for yes/no questions such as `merge-base --is-ancestor`). */
export async function gitSucceeds(git: Git, args: string[]): Promise<boolean> {
  try {
    await git.run(args);
    return true;
  } catch (error) {
    if (error instanceof GitError && error.exitCode === 1) return false;
    throw error;
  }
}
