import { createGit } from '../git/runner.js';

/** Git's answer at `cwd`, or undefined when it has none (no checkout, no such setting). */
async function git(cwd: string, args: string[]): Promise<string | undefined> {
  return createGit(cwd, undefined, 30_000)
    .run(args)
    .then(
      (stdout) => stdout.trim(),
      () => undefined,
    );
}

/** The committer time of `rev` in the repository at `cwd`, or undefined when git cannot tell (no checkout). */
export async function commitTime(cwd: string, rev = 'HEAD'): Promise<number | undefined> {
  const seconds = Number(await git(cwd, ['show', '-s', '--format=%ct', rev, '--']));
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}

/** The commit checked out at `cwd`, or undefined outside a repository. */
export async function headCommit(cwd: string): Promise<string | undefined> {
  const sha = await git(cwd, ['rev-parse', 'HEAD']);
  return sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/** `Name <email>` from git's configuration at `cwd`, for a Maintainer field; undefined when unset. */
export async function gitIdentity(cwd: string): Promise<string | undefined> {
  const [name, email] = await Promise.all([git(cwd, ['config', 'user.name']), git(cwd, ['config', 'user.email'])]);
  return name && email ? `${name} <${email}>` : undefined;
}
