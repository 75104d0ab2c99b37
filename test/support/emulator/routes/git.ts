import { json, type RouteContext, type Routes } from '../context.js';
import { HttpError, notFound } from '../errors.js';
import { pagedReply } from '../pagination.js';
import { findRef, isAncestor, listRefs, resolveCommitish } from '../refs.js';
import { nodeId, repoApiUrl } from '../representations.js';
import type { GitRef } from '../git-source.js';

function refJson(context: RouteContext, ref: GitRef): Record<string, unknown> {
  const api = repoApiUrl(context.core, context.repo);
  return {
    ref: ref.ref,
    node_id: nodeId('Ref', parseInt(ref.sha.slice(0, 7), 16)),
    url: `${api}/git/${ref.ref}`,
    object: { type: ref.type, sha: ref.sha, url: `${api}/git/${ref.type === 'tag' ? 'tags' : 'commits'}/${ref.sha}` },
  };
}

async function existingObject(context: RouteContext, sha: string): Promise<string> {
  const git = context.repo.git;
  const known = git ? await git.objectType(sha) : /^[0-9a-f]{40}$/i.test(sha) ? 'commit' : undefined;
  if (!known) throw new HttpError(422, 'Object does not exist');
  return sha;
}

export const gitRoutes: Routes = {
  'git/get-ref': async (context) => {
    const ref = await findRef(context.repo, `refs/${context.params.ref as string}`);
    if (!ref) throw notFound();
    return json(refJson(context, ref));
  },

  'git/list-matching-refs': async (context) => {
    const prefix = `refs/${context.params.ref as string}`;
    return json(
      (await listRefs(context.repo)).filter((ref) => ref.ref.startsWith(prefix)).map((ref) => refJson(context, ref)),
    );
  },

  'git/create-ref': async (context) => {
    const name = String(context.body.ref);
    if (!/^refs\/[^/]+\/.+/.test(name)) throw new HttpError(422, `${name} is not a valid ref name.`);
    if (await findRef(context.repo, name)) throw new HttpError(422, 'Reference already exists');
    const sha = await existingObject(context, String(context.body.sha));
    context.repo.refOverlay.set(name, sha);
    return json(refJson(context, (await findRef(context.repo, name))!), 201);
  },

  'git/update-ref': async (context) => {
    const name = `refs/${context.params.ref as string}`;
    const current = await findRef(context.repo, name);
    if (!current) throw new HttpError(422, 'Reference does not exist');
    const sha = await existingObject(context, String(context.body.sha));
    const currentCommit = await resolveCommitish(context.repo, current.sha);
    if (context.body.force !== true && currentCommit && !(await isAncestor(context.repo, currentCommit, sha))) {
      throw new HttpError(422, 'Update is not a fast forward');
    }
    context.repo.refOverlay.set(name, sha);
    return json(refJson(context, (await findRef(context.repo, name))!));
  },

  'git/delete-ref': async (context) => {
    const name = `refs/${context.params.ref as string}`;
    if (!(await findRef(context.repo, name))) throw new HttpError(422, 'Reference does not exist');
    context.repo.refOverlay.set(name, null);
    return { status: 204 };
  },

  'repos/list-tags': async (context) => {
    const tags = (await listRefs(context.repo)).filter((ref) => ref.ref.startsWith('refs/tags/'));
    const withCommits = await Promise.all(
      tags.map(async (ref) => ({
        name: ref.ref.slice('refs/tags/'.length),
        sha: (await resolveCommitish(context.repo, ref.sha)) ?? ref.sha,
      })),
    );
    // GitHub lists tags by name, newest-looking first.
    withCommits.sort((a, b) => b.name.localeCompare(a.name, 'en', { numeric: true }));
    const api = repoApiUrl(context.core, context.repo);
    return pagedReply(withCommits, context.params, context.url, (tag) => ({
      name: tag.name,
      commit: { sha: tag.sha, url: `${api}/commits/${tag.sha}` },
      zipball_url: `${api}/zipball/refs/tags/${encodeURIComponent(tag.name)}`,
      tarball_url: `${api}/tarball/refs/tags/${encodeURIComponent(tag.name)}`,
      node_id: nodeId('Ref', parseInt(tag.sha.slice(0, 7), 16)),
    }));
  },
};
