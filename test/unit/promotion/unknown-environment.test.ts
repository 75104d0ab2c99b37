import { describe, expect, it } from 'vitest';
import type { GitHubApi } from '../../../src/promotion/github-api.js';
import { restless } from './restless.js';
import { type History, readHistory, readHistoryAndEnvironments } from '../../../src/promotion/deployment-history.js';
import { nameList } from '../../../src/promotion/name-list.js';
import { noSlipwayDeployments } from '../../../src/promotion/rollback.js';
import { matrixMarkdown, neverDeployed, statusMatrix } from '../../../src/promotion/status-matrix.js';
import { DIGEST_A, entry } from './entries.js';

const repo = { owner: 'octo', name: 'app' };
const slipway = (environment: string) => ({
  environment,
  payload: JSON.stringify({ slipway: 1, version: '1.0.0', digest: DIGEST_A }),
});

/** A GitHubApi answering GraphQL with `data`, recording each query and its variables. */
function graphqlApi(data: unknown) {
  const queries: { query: string; variables: Record<string, unknown> }[] = [];
  const gh: GitHubApi = {
    ...restless,
    graphql: async <T>(query: string, variables: Record<string, unknown> = {}) => {
      queries.push({ query, variables });
      return data as T;
    },
  };
  return { gh, queries };
}

describe('where else Slipway has deployed, read with the history', () => {
  it('asks for the newest deployments of any environment in the same request, and keeps Slipway ones, newest first', async () => {
    const { gh, queries } = graphqlApi({
      repository: {
        e0: { nodes: [] },
        recent: {
          nodes: [
            slipway('staging'),
            { environment: 'preview', payload: '{"other":"tool"}' },
            slipway('dev'),
            slipway('staging'),
            null,
          ],
        },
      },
    });
    const read = await readHistoryAndEnvironments(gh, repo, ['nowhere']);
    expect(read.history.get('nowhere')).toEqual([]);
    expect(read.deployedEnvironments).toEqual(['staging', 'dev']);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.query).toContain('recent: deployments(first: $recent');
    expect(queries[0]!.variables).toMatchObject({ recent: 50, e0: ['nowhere'] });
  });

  it('leaves the plain history read as it was', async () => {
    const { gh, queries } = graphqlApi({ repository: { e0: { nodes: [] } } });
    expect((await readHistory(gh, repo, ['dev'])).get('dev')).toEqual([]);
    expect(queries[0]!.query).not.toContain('recent');
    expect(queries[0]!.variables).not.toHaveProperty('recent');
  });
});

describe('rollback of an environment Slipway never deployed to', () => {
  it.each([
    [
      0,
      ['staging', 'nowhere', 'production'],
      "Input 'environment': cannot roll back 'nowhere': it has no deployments (Slipway has deployed to staging, production); check the name against the promote step's 'environment'.",
    ],
    [
      2,
      [],
      "Input 'environment': cannot roll back 'nowhere': none of its latest 2 deployments was made by Slipway (this repository has no Slipway deployments yet); check the name against the promote step's 'environment'.",
    ],
  ])(
    'names the input, what it found, and the names that could be meant (%i deployments)',
    (deployments, elsewhere, message) => {
      expect(noSlipwayDeployments('nowhere', deployments, elsewhere)).toBe(message);
    },
  );

  it('caps a long list of names', () => {
    expect(nameList(['a', 'b'])).toBe('a, b');
    expect(nameList(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e and 2 more');
    expect(nameList([])).toBe('');
  });
});

describe('status of environments with no deployment', () => {
  const history: History = new Map([
    [
      'dev',
      [entry({ environment: 'dev', version: '1.0.0', digest: DIGEST_A, state: 'success', at: '2026-06-01T09:00:00Z' })],
    ],
    ['production', []],
  ]);

  it('finds the environments with no deployment at all, and shows them as never deployed', () => {
    expect(neverDeployed(['dev', 'production'], history)).toEqual(['production']);
    expect(neverDeployed(['nowhere'], history)).toEqual(['nowhere']);
    expect(matrixMarkdown(statusMatrix(['dev', 'production'], history))).toContain(
      '| production | — | — | — | — | — | — | never deployed | — | 1 behind dev |',
    );
  });
});
