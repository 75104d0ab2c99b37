import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { GitHubEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { runAction } from '../../support/harness.js';

/** What actions/checkout leaves on a tag push: a depth-1 clone of the tag, no other tags, in a new folder of `scratch`. */
export function checkout(origin: string, tag: string, scratch: string): string {
  const workspace = mkdtempSync(path.join(scratch, 'workspace-'));
  execFileSync('git', [
    '-c',
    'advice.detachedHead=false',
    'clone',
    '-q',
    '--depth',
    '1',
    '--no-tags',
    '--branch',
    tag,
    `file://${origin}`,
    workspace,
  ]);
  return workspace;
}

/** The `push` event of a new tag. */
export function tagPush(tag: string, sha: string) {
  return {
    name: 'push',
    payload: examplePayload('push', (payload) => ({
      ...payload,
      ref: `refs/tags/${tag}`,
      after: sha,
      base_ref: null,
      created: true,
    })),
  };
}

/** The release-notes action run on the push of `tag` in `origin`, in `workspace` (default: a fresh checkout). */
export function releaseOnTagPush(
  gh: GitHubEmulator,
  origin: string,
  tag: string,
  options: {
    inputs?: Record<string, string>;
    scratch: string;
    workspace?: string;
    action?: string;
    env?: Record<string, string>;
  },
) {
  const sha = execFileSync('git', ['rev-parse', `${tag}^{commit}`], { cwd: origin, encoding: 'utf8' }).trim();
  const workspace = options.workspace ?? checkout(origin, tag, options.scratch);
  return runAction({
    action: options.action ?? 'release-notes',
    github: gh,
    inputs: options.inputs,
    event: tagPush(tag, sha),
    ref: `refs/tags/${tag}`,
    sha,
    workspace,
    ...(options.env ? { env: options.env } : {}),
  });
}
