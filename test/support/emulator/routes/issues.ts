import { json, type RouteContext, type Routes } from '../context.js';
import { notFound } from '../errors.js';
import { pagedReply } from '../pagination.js';
import { issueCommentJson } from '../representations.js';
import type { IssueComment } from '../state.js';

function findComment(context: RouteContext): IssueComment {
  const comment = context.core.state.issueComments.find(
    (candidate) => candidate.repository === context.repo.fullName && candidate.id === context.params.comment_id,
  );
  if (!comment) throw notFound();
  return comment;
}

// Issues themselves are not modelled: comments can go on any issue or pull request number.
export const issueRoutes: Routes = {
  'issues/list-comments': (context) => {
    const since = typeof context.params.since === 'string' ? context.params.since : undefined;
    const comments = context.core.state.issueComments
      .filter(
        (comment) =>
          comment.repository === context.repo.fullName && comment.issue_number === context.params.issue_number,
      )
      .filter((comment) => since === undefined || comment.updated_at >= since)
      .sort((a, b) => a.id - b.id);
    return pagedReply(comments, context.params, context.url, (comment) =>
      issueCommentJson(context.core, context.repo, comment),
    );
  },

  'issues/create-comment': (context) => {
    const now = context.core.now();
    const comment: IssueComment = {
      id: context.core.state.nextId(),
      repository: context.repo.fullName,
      issue_number: Number(context.params.issue_number),
      body: String(context.body.body),
      user: context.core.state.actor,
      created_at: now,
      updated_at: now,
    };
    context.core.state.issueComments.push(comment);
    return json(issueCommentJson(context.core, context.repo, comment), 201);
  },

  'issues/get-comment': (context) => json(issueCommentJson(context.core, context.repo, findComment(context))),

  'issues/update-comment': (context) => {
    const comment = findComment(context);
    comment.body = String(context.body.body);
    comment.updated_at = context.core.now();
    return json(issueCommentJson(context.core, context.repo, comment));
  },
};
