import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { UserError } from '../../runtime/errors.js';
import { createGit } from '../../git/runner.js';
import type { Exec } from '../../promotion/deploy-command.js';
import { splitCommand } from '../../promotion/deploy-command.js';
import { readFileSync } from 'node:fs';
import { DirTarget } from '../../promotion/dir-target.js';
import { parseHostKeyPin } from '../../promotion/host-key.js';
import { parseTarget, type ReleaseTarget, type TargetSpec } from '../../promotion/release-target.js';
import { SshTarget } from '../../promotion/ssh-target.js';
import type { FlagsDestination } from '../../flags/apply-flags.js';
import { repositoryFlags } from '../../flags/environment-flags.js';
import {
  type ChangeContext,
  diffEnvironments,
  type FlagsContext,
  getFlags,
  promoteFlags,
  setFlagIn,
} from '../../flags/flag-operations.js';
import { servedVariants, type FlagChange } from '../../flags/set-flag.js';
import { gitHubAccess } from './github-access.js';
import { EXIT_OK } from '../exit-codes.js';

export interface FlagsOptions {
  environment?: string;
  from?: string;
  to?: string;
  flagsFile: string;
  repo?: string;
  apiUrl?: string;
  trustedCreators?: string;
  json?: boolean;
  target?: string;
  sshKeyFile?: string;
  knownHostsFile?: string;
  flagsCommand?: string;
  reason?: string;
  actor?: string;
  sha?: string;
}

const ENVIRONMENT = /^[^\s/][^/]{0,254}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function check(flag: string, value: string | undefined, pattern: RegExp, accepted: string): string {
  if (value === undefined || !pattern.test(value))
    throw new UserError(`${flag} must be ${accepted}; got ${JSON.stringify(value ?? '')}.`);
  return value;
}
const environment = (flag: string, value: string | undefined) =>
  check(flag, value, ENVIRONMENT, "a GitHub environment name (no '/')");

/** The CLI's Exec: the command's output goes to the terminal. */
const exec: Exec = (program, args, { env }) =>
  new Promise((done, fail) => {
    const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });

function destination(options: FlagsOptions): FlagsDestination {
  if (options.target && options.flagsCommand) throw new UserError('Give --target or --flags-command, not both.');
  if (options.flagsCommand) {
    let words: string[];
    try {
      words = splitCommand(options.flagsCommand);
    } catch (error) {
      throw new UserError(`--flags-command cannot be split into words: ${(error as Error).message}.`);
    }
    return { kind: 'command', words, exec, tempDir: tmpdir() };
  }
  let parsed: TargetSpec | undefined;
  let why = '';
  try {
    parsed = parseTarget(options.target);
  } catch (error) {
    why = (error as Error).message;
  }
  if (!parsed)
    throw new UserError(
      `--target must be dir:<path> or ssh://user@host[:port]/path (or give --flags-command)${why && !why.startsWith('expected') ? `; ${why}` : ''}; got ${JSON.stringify((options.target ?? '').replace(/^(ssh:\/\/[^:@/]*):[^@/]*@/, '$1:***@'))}.`,
    );
  if (parsed.kind === 'dir') {
    for (const [flag, given] of [
      ['--ssh-key-file', options.sshKeyFile],
      ['--known-hosts-file', options.knownHostsFile],
    ] as const)
      if (given)
        throw new UserError(`${flag} is for an ssh:// --target; --target is ${JSON.stringify(options.target)}.`);
    return { kind: 'target', target: new DirTarget(parsed.path) };
  }
  return { kind: 'target', target: sshTarget(parsed, options) };
}

/** Reads a file a flag names; the error names the flag and the path, never the content. */
function fileOf(flag: string, path: string | undefined, what: string): string {
  if (!path) throw new UserError(`${flag} <path> is required with an ssh:// --target: ${what}.`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(
      `${flag} cannot be read: ${JSON.stringify(path)} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
    );
  }
}

/** `ssh://…` with the key and the pinned host key read from the files the flags name. */
function sshTarget(spec: TargetSpec & { kind: 'ssh' }, options: FlagsOptions): ReleaseTarget {
  const where = `${spec.user}@${spec.host}:${spec.port}`;
  const knownHosts = fileOf(
    '--known-hosts-file',
    options.knownHostsFile,
    `known_hosts lines or SHA256:… fingerprints pinning ${where}'s host key`,
  );
  let pin;
  try {
    pin = parseHostKeyPin(knownHosts, spec.host, spec.port);
  } catch (error) {
    throw new UserError(
      `--known-hosts-file must hold known_hosts lines or SHA256:… fingerprints pinning ${where}: ${(error as Error).message}; got ${JSON.stringify(options.knownHostsFile)}.`,
    );
  }
  const key = fileOf('--ssh-key-file', options.sshKeyFile, `the private key that logs in to ${where}`);
  if (!/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(key))
    throw new UserError(
      `--ssh-key-file must be a private key (OpenSSH or PEM) that logs in to ${where}; ${JSON.stringify(options.sshKeyFile)} is not one.`,
    );
  return new SshTarget(
    {
      user: spec.user,
      host: spec.host,
      port: spec.port,
      privateKey: key,
      passphrase: process.env.SLIPWAY_SSH_KEY_PASSPHRASE,
      pin,
    },
    spec.path,
  );
}

const print = (text: string) => process.stdout.write(`${text}\n`);
const changesText = (changes: FlagChange[], [a, b]: [string, string]) =>
  changes.length === 0
    ? 'no flags differ'
    : [`FLAG ${a} ${b}`, ...changes.map((c) => `${c.flag} ${c.from ?? '-'} ${c.to ?? '-'}`)].join('\n');

/** `slipway flags get|set|diff|promote`. */
export async function runFlags(command: 'get' | 'set' | 'diff' | 'promote', args: string[], options: FlagsOptions) {
  // Every flag is checked before anything is read or written.
  const [a, b] = args;
  if (command === 'get' || command === 'set') environment('--environment', options.environment);
  if (command === 'set') {
    check('<flag>', a, NAME, "a flag name of letters, digits, '.', '_', ':' and '-'");
    check('<value>', b, NAME, 'on, off or a variant name');
  }
  if (command === 'diff') [a, b].forEach((name, i) => environment(i ? '<to>' : '<from>', name));
  if (command === 'promote') {
    environment('--from', options.from);
    environment('--to', options.to);
  }
  const where = command === 'set' || command === 'promote' ? destination(options) : undefined;
  const { repo, gh } = gitHubAccess('--repo', options.repo, options.apiUrl);
  const file = resolve(options.flagsFile);
  const ctx: FlagsContext = {
    gh,
    repo,
    fromRepository: (env) => repositoryFlags(file, env, options.flagsFile),
    trustedCreators: (options.trustedCreators ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
  if (command === 'get') {
    const served = servedVariants(await getFlags(ctx, options.environment as string));
    print(
      options.json
        ? JSON.stringify(served, null, 2)
        : Object.entries(served)
            .map(([flag, variant]) => `${flag} ${variant}`)
            .join('\n'),
    );
    return EXIT_OK;
  }
  if (command === 'diff') {
    const changes = await diffEnvironments(ctx, a as string, b as string);
    print(options.json ? JSON.stringify(changes, null, 2) : changesText(changes, [a as string, b as string]));
    return EXIT_OK;
  }
  const git = createGit(process.cwd());
  const sha =
    options.sha ??
    process.env.GITHUB_SHA ??
    (await git.run(['rev-parse', 'HEAD']).catch(() => {
      throw new UserError(
        '--sha is needed outside a git checkout (the commit the flags record names), or set GITHUB_SHA.',
      );
    }));
  const actor =
    options.actor ?? process.env.GITHUB_ACTOR ?? (await git.run(['config', 'user.name']).catch(() => '')).trim();
  const change: ChangeContext = {
    ...ctx,
    destination: where as FlagsDestination,
    actor,
    runUrl: '',
    sha: sha.trim(),
    production: (env) => /^prod(uction)?$/i.test(env),
  };
  try {
    const applied =
      command === 'set'
        ? await setFlagIn(change, options.environment as string, a as string, b as string, options.reason ?? '')
        : await promoteFlags(change, options.from as string, options.to as string, options.reason ?? '');
    print(
      options.json
        ? JSON.stringify({ ...applied, flags: servedVariants(applied.set), set: undefined }, null, 2)
        : applied.outcome === 'unchanged'
          ? 'already serving these flags; nothing written'
          : `${changesText(applied.changed, ['before', 'now'])}\nrecorded as deployment ${applied.deploymentId}`,
    );
  } finally {
    if (where?.kind === 'target') await where.target.close();
  }
  return EXIT_OK;
}
