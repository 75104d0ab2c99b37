import { json, type Routes } from '../context.js';
import { notFound } from '../errors.js';
import { pagedReply } from '../pagination.js';
import { fullPullRequestJson, pullRequestJson, repositoryJson, userJson } from '../representations.js';

export const repositoryRoutes: Routes = {
  'repos/get': (context) => json(repositoryJson(context.core, context.repo)),

  'rate-limit/get': () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const rate = { limit: 5000, used: 0, remaining: 5000, reset };
    return json({ resources: { core: rate, graphql: rate, search: { ...rate, limit: 30, remaining: 30 } }, rate });
  },

  'repos/get-collaborator-permission-level': (context) => {
    const username = String(context.params.username);
    const permission = context.repo.collaborators.get(username.toLowerCase());
    if (!permission) throw notFound();
    // The legacy `permission` field folds maintain into write and triage into read.
    const legacy = permission === 'maintain' ? 'write' : permission === 'triage' ? 'read' : permission;
    const user = userJson(context.core, { login: username, type: username.endsWith('[bot]') ? 'Bot' : 'User' });
    const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(permission);
    return json({
      permission: legacy,
      role_name: permission,
      user: {
        ...user,
        role_name: permission,
        permissions: { pull: rank >= 1, triage: rank >= 2, push: rank >= 3, maintain: rank >= 4, admin: rank >= 5 },
      },
    });
  },

  'pulls/get': (context) => {
    const pull = context.core.state.pullRequests.find(
      (candidate) => candidate.repository === context.repo.fullName && candidate.number === context.params.pull_number,
    );
    if (!pull) throw notFound();
    return json(fullPullRequestJson(context.core, context.repo, pull));
  },

  'pulls/list': (context) => {
    const { state = 'open', head, base, direction } = context.params;
    const pulls = context.core.state.pullRequests
      .filter((pull) => pull.repository === context.repo.fullName)
      .filter((pull) => state === 'all' || pull.state === state)
      .filter((pull) => head === undefined || `${context.repo.owner}:${pull.head.ref}` === head)
      .filter((pull) => base === undefined || pull.base.ref === base)
      .sort((a, b) => (direction === 'asc' ? a.id - b.id : b.id - a.id));
    return pagedReply(pulls, context.params, context.url, (pull) => pullRequestJson(context.core, context.repo, pull));
  },
};
