import type { Git } from './runner.js';

/** Whether the checkout is a shallow clone (actions/checkout makes one by default). */
export async function isShallow(git: Git): Promise<boolean> {
  return (await git.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

/**
 * Fetches just enough history for `base..tag`: everything reachable from `tag` but not from `base`
 * (`--shallow-exclude`), then one more generation (`--deepen=1`) so the boundary meets `base`.
 */
export async function deepenTo(git: Git, tag: string, base: string, remote = 'origin'): Promise<void> {
  const tagRef = `+refs/tags/${tag}:refs/tags/${tag}`;
  // Separate fetches: excluding `base`'s history and fetching `base` in one command makes the server hang up.
  await git.run(['fetch', '--no-tags', `--shallow-exclude=refs/tags/${base}`, remote, tagRef]);
  await git.run(['fetch', '--no-tags', '--deepen=1', remote, tagRef]);
  await git.run(['fetch', '--no-tags', remote, `+refs/tags/${base}:refs/tags/${base}`]);
}

/** Fetches the whole history and every tag. */
export async function unshallow(git: Git, remote = 'origin'): Promise<void> {
  await git.run(['fetch', '--unshallow', '--tags', '--force', remote]);
}
