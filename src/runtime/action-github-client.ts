import * as core from '@actions/core';
import { createGitHubClient, type GitHubClient, RequestCounter } from './github-client.js';
import type { ActionContext } from './action-context.js';

/** A GitHub client for the running workflow, honouring GITHUB_API_URL, GITHUB_GRAPHQL_URL and the tuning. */
export function actionGitHubClient(
  token: string,
  context: ActionContext,
  counter = new RequestCounter(),
): GitHubClient {
  return createGitHubClient({
    token,
    apiUrl: context.apiUrl,
    graphqlUrl: context.graphqlUrl,
    retryBaseMs: context.tuning.retryBaseMs,
    writeIntervalMs: context.tuning.writeIntervalMs,
    counter,
    log: (message) => core.info(message),
  });
}
