import type { GitHubApi } from '../../../src/promotion/github-api.js';

const unexpected = (port: string) => async (): Promise<never> => {
  throw new Error(`unexpected REST call: ${port}`);
};

/** The REST ports of a GitHubApi fake that only answers GraphQL: any REST call fails the test. */
export const restless: Omit<GitHubApi, 'graphql'> = {
  deployments: {
    list: unexpected('deployments.list'),
    create: unexpected('deployments.create'),
    createStatus: unexpected('deployments.createStatus'),
    latestStatus: unexpected('deployments.latestStatus'),
  },
  runs: { exists: unexpected('runs.exists') },
  releases: {
    recentTags: unexpected('releases.recentTags'),
    byTag: unexpected('releases.byTag'),
    downloadAsset: unexpected('releases.downloadAsset'),
  },
  attestations: { bundles: unexpected('attestations.bundles') },
};
