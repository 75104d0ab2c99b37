import * as core from '@actions/core';
import { createGitHubClient, type GitHubClient, RequestCounter } from './github-client.js';
import { millisecondsFromEnv } from './toolkit.js';

/** A GitHub client for the running workflow, honouring GITHUB_API_URL and GITHUB_GRAPHQL_URL. */
export function actionGitHubClient(token: string, counter = new RequestCounter()): GitHubClient {
  return createGitHubClient({
    token,
    apiUrl: process.env.GITHUB_API_URL,
    graphqlUrl: process.env.GITHUB_GRAPHQL_URL,
    retryBaseMs: millisecondsFromEnv('SLIPWAY_RETRY_BASE_MS'),
    writeIntervalMs: millisecondsFromEnv('SLIPWAY_WRITE_INTERVAL_MS'),
    counter,
    log: (message) => core.info(message),
  });
}
