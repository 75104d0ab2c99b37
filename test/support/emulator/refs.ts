import type { GitRef } from './git-source.js';
import type { Repository } from './state.js';

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** The repository's refs: the git repository's, with what the API created, moved or deleted on top. */
export async function listRefs(repo: Repository): Promise<GitRef[]> {
  const refs = new Map<string, GitRef>();
  for (const ref of (await repo.git?.refs()) ?? []) refs.set(ref.ref, ref);
  for (const [name, sha] of repo.refOverlay) {
    if (sha === null) refs.delete(name);
    else refs.set(name, { ref: name, sha, type: (await repo.git?.objectType(sha)) === 'tag' ? 'tag' : 'commit' });
  }
  return [...refs.values()].sort((a, b) => a.ref.localeCompare(b.ref));
}

export async function findRef(repo: Repository, fullName: string): Promise<GitRef | undefined> {
  return (await listRefs(repo)).find((ref) => ref.ref === fullName);
}

/**
 * The commit a branch, tag or SHA names, as GitHub resolves `ref`/`sha` parameters: the API's ref
 * changes first, then the git repository. Without a git repository only full SHAs and API refs resolve.
 */
export async function resolveCommitish(repo: Repository, name: string): Promise<string | undefined> {
  const candidates = name.startsWith('refs/') ? [name] : [`refs/heads/${name}`, `refs/tags/${name}`];
  for (const candidate of candidates) {
    const sha = repo.refOverlay.get(candidate);
    if (sha) return repo.git ? repo.git.resolveCommit(sha) : sha;
  }
  if (!repo.git) return FULL_SHA.test(name) ? name.toLowerCase() : undefined;
  for (const candidate of candidates) {
    if (repo.refOverlay.get(candidate) === null) continue;
    const sha = await repo.git.resolveCommit(candidate);
    if (sha) return sha;
  }
  // Full or abbreviated SHAs, as GitHub accepts them.
  return /^[0-9a-f]{7,40}$/i.test(name) ? repo.git.resolveCommit(name) : undefined;
}

/** Whether `ancestor` is reachable from `descendant` (a fast-forward from one to the other). */
export async function isAncestor(repo: Repository, ancestor: string, descendant: string): Promise<boolean> {
  if (ancestor === descendant) return true;
  if (!repo.git) return false;
  return (await repo.git.mergeBase(ancestor, descendant)) === ancestor;
}
