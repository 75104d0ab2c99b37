import type { GitHubApi, Repo } from '../github-api.js';
import { type DeploymentNodeFields, parsePayload, type StatusState } from '../deployment-history.js';
import type { DeploymentRecord } from './record.js';

/** GitHub's largest page; a deployment rarely has more than a handful of statuses (queued, in_progress, success, inactive). */
const PAGE = 100;
const STATUSES = 10;

const QUERY = `query SlipwayMetrics($owner: String!, $name: String!, $environments: [String!], $first: Int!, $statuses: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    deployments(environments: $environments, first: $first, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
      nodes { databaseId environment task payload commitOid createdAt statuses(first: $statuses) { nodes { state createdAt description } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

interface Node extends DeploymentNodeFields {
  statuses: { nodes: ({ state: string; createdAt: string; description: string | null } | null)[] } | null;
}

interface Page {
  repository: {
    deployments: { nodes: (Node | null)[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
}

function toRecord(node: Node): DeploymentRecord {
  const statuses = (node.statuses?.nodes ?? [])
    .filter((s): s is NonNullable<typeof s> => s !== null)
    .map((s) => ({
      state: s.state.toLowerCase() as StatusState,
      at: Date.parse(s.createdAt),
      description: s.description ?? '',
    }))
    .sort((a, b) => a.at - b.at);
  return {
    id: node.databaseId ?? 0,
    environment: node.environment ?? '',
    task: node.task ?? 'deploy',
    sha: node.commitOid,
    createdAt: Date.parse(node.createdAt),
    statuses,
    payload: parsePayload(node.payload),
  };
}

/**
 * The deployments created since `since` (of `environments`, or of every environment), with all their
 * statuses, newest first: one GraphQL request per 100 deployments. Paging stops at the first page
 * reaching back before `since`, which also brings the deployment before the window (lead time needs
 * the release each change replaced).
 */
export async function readDeployments(
  gh: GitHubApi,
  repo: Repo,
  since: number,
  environments?: readonly string[],
): Promise<DeploymentRecord[]> {
  const records: DeploymentRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const variables = {
      owner: repo.owner,
      name: repo.name,
      environments: environments ?? null,
      first: PAGE,
      statuses: STATUSES,
      after,
    };
    const page: Page = await gh.graphql<Page>(QUERY, variables);
    const connection = page.repository?.deployments;
    const nodes = (connection?.nodes ?? []).filter((n): n is Node => n !== null);
    records.push(...nodes.map(toRecord));
    const oldest = records[records.length - 1];
    if (!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor || (oldest && oldest.createdAt < since))
      return records;
    after = connection.pageInfo.endCursor;
  }
}
