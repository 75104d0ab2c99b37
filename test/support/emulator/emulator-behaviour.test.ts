import { afterEach, describe, expect, test } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../../src/runtime/github-client.js';
import { startEmulator, type EmulatorOptions, type GitHubEmulator } from './index.js';

const SHA = 'd'.repeat(40);
const repo = { owner: 'octo', repo: 'app' };
let gh: GitHubEmulator | undefined;

async function start(options: EmulatorOptions = {}): Promise<{ gh: GitHubEmulator; client: GitHubClient }> {
  gh = await startEmulator(options);
  gh.repo('octo/app');
  return {
    gh,
    client: createGitHubClient({
      token: gh.token,
      apiUrl: gh.url,
      graphqlUrl: gh.graphqlUrl,
      retries: 0,
      writeIntervalMs: 0,
    }),
  };
}

afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

describe('releases', () => {
  test('a second release with the same tag is 422 already_exists', async () => {
    const { client } = await start();
    await client.rest.repos.createRelease({ ...repo, tag_name: 'v1.0.0', target_commitish: SHA });
    await expect(
      client.rest.repos.createRelease({ ...repo, tag_name: 'v1.0.0', target_commitish: SHA }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
        },
      },
    });
  });

  test('a body over 125,000 characters is refused; exactly 125,000 is accepted', async () => {
    const { gh, client } = await start();
    await expect(
      client.rest.repos.createRelease({ ...repo, tag_name: 'v1', target_commitish: SHA, body: 'x'.repeat(125_001) }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [expect.objectContaining({ resource: 'Release', field: 'body', code: 'custom' })] } },
    });
    expect(gh.state.releases).toEqual([]);
    const created = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v1',
      target_commitish: SHA,
      body: 'x'.repeat(125_000),
    });
    expect(created.data.body).toHaveLength(125_000);
  });

  test('publishing creates the tag; assets upload to upload_url and download from browser_download_url', async () => {
    const { gh, client } = await start();
    const draft = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v2.0.0',
      target_commitish: SHA,
      draft: true,
    });
    await expect(client.rest.git.getRef({ ...repo, ref: 'tags/v2.0.0' })).rejects.toMatchObject({ status: 404 });
    expect(
      draft.data.upload_url.startsWith(`${gh.url}/repos/octo/app/releases/${draft.data.id}/assets{?name,label}`),
    ).toBe(true);
    const asset = await client.rest.repos.uploadReleaseAsset({
      ...repo,
      release_id: draft.data.id,
      name: 'app.tgz',
      data: 'bytes' as unknown as string,
      url: draft.data.upload_url,
      headers: { 'content-type': 'application/gzip' },
    });
    expect(asset.data).toMatchObject({ name: 'app.tgz', size: 5, content_type: 'application/gzip', state: 'uploaded' });
    await expect(
      client.rest.repos.uploadReleaseAsset({
        ...repo,
        release_id: draft.data.id,
        name: 'app.tgz',
        data: 'again' as unknown as string,
        baseUrl: gh.url,
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [expect.objectContaining({ code: 'already_exists', field: 'name' })] } },
    });
    await client.rest.repos.updateRelease({ ...repo, release_id: draft.data.id, draft: false });
    expect((await client.rest.git.getRef({ ...repo, ref: 'tags/v2.0.0' })).data.object.sha).toBe(SHA);
    const download = await fetch(asset.data.browser_download_url);
    expect(await download.text()).toBe('bytes');
    const viaApi = await client.rest.repos.getReleaseAsset({
      ...repo,
      asset_id: asset.data.id,
      headers: { accept: 'application/octet-stream' },
    });
    expect(Buffer.from(viaApi.data as unknown as ArrayBuffer).toString()).toBe('bytes');
    expect((await client.rest.repos.getLatestRelease(repo)).data.tag_name).toBe('v2.0.0');
  });
});

describe('deployments', () => {
  test('auto_inactive: a success status makes prior non-transient, non-production successful deployments inactive', async () => {
    const { gh, client } = await start();
    const deploy = async (
      environment: string,
      extra: { production_environment?: boolean; transient_environment?: boolean } = {},
    ) =>
      (
        await client.rest.repos.createDeployment({
          ...repo,
          ref: SHA,
          environment,
          auto_merge: false,
          required_contexts: [],
          ...extra,
        })
      ).data as { id: number };
    const succeed = (id: number, auto_inactive?: boolean) =>
      client.rest.repos.createDeploymentStatus({
        ...repo,
        deployment_id: id,
        state: 'success',
        ...(auto_inactive === undefined ? {} : { auto_inactive }),
      });
    const latest = async (id: number) =>
      (await client.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id })).data[0]?.state;

    const first = await deploy('staging');
    const failed = await deploy('staging');
    const transient = await deploy('staging', { transient_environment: true });
    const otherEnvironment = await deploy('qa');
    const production = await deploy('production');
    await succeed(first.id);
    await client.rest.repos.createDeploymentStatus({ ...repo, deployment_id: failed.id, state: 'failure' });
    await succeed(transient.id, false);
    await succeed(otherEnvironment.id);
    await succeed(production.id);

    const second = await deploy('staging');
    await succeed(second.id, false);
    expect(await latest(first.id)).toBe('success');

    const third = await deploy('staging');
    await succeed(third.id);
    expect(await latest(first.id)).toBe('inactive');
    expect(await latest(second.id)).toBe('inactive');
    expect(await latest(failed.id)).toBe('failure');
    expect(await latest(transient.id)).toBe('success');
    expect(await latest(otherEnvironment.id)).toBe('success');
    expect(await latest(third.id)).toBe('success');

    const productionNext = await deploy('production');
    await succeed(productionNext.id);
    // Production deployments are excluded, as the REST description of auto_inactive says.
    expect(await latest(production.id)).toBe('success');
    expect(gh.state.environments.map((e) => e.name).sort()).toEqual(['production', 'qa', 'staging']);

    const filtered = await client.rest.repos.listDeployments({ ...repo, environment: 'staging' });
    expect(filtered.data.map((d) => d.id)).toEqual([third.id, second.id, transient.id, failed.id, first.id]);
  });

  test('required contexts that have not passed refuse the deployment with 409', async () => {
    const { client } = await start();
    await client.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'pending', context: 'ci/test' });
    await expect(client.rest.repos.createDeployment({ ...repo, ref: SHA, auto_merge: false })).rejects.toMatchObject({
      status: 409,
    });
    await client.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'success', context: 'ci/test' });
    const combined = await client.rest.repos.getCombinedStatusForRef({ ...repo, ref: SHA });
    expect(combined.data).toMatchObject({ state: 'success', total_count: 1 });
    expect((await client.rest.repos.createDeployment({ ...repo, ref: SHA, auto_merge: false })).status).toBe(201);
  });

  test('GraphQL pages deployments of an environment with their latest status', async () => {
    const { client } = await start();
    for (const environment of ['staging', 'production', 'staging']) {
      const { data } = await client.rest.repos.createDeployment({
        ...repo,
        ref: SHA,
        environment,
        auto_merge: false,
        required_contexts: [],
        payload: { version: environment },
      });
      await client.rest.repos.createDeploymentStatus({
        ...repo,
        deployment_id: (data as { id: number }).id,
        state: 'success',
        environment_url: `https://${environment}.example.com`,
      });
    }
    const query = `query($after: String) { repository(owner: "octo", name: "app") {
      deployments(environments: ["staging"], first: 1, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
        nodes { databaseId environment state payload commitOid creator { login } latestStatus { state environmentUrl } statuses(first: 5) { nodes { state } } }
        pageInfo { hasNextPage endCursor } } } }`;
    type Page = {
      repository: {
        deployments: { nodes: Array<Record<string, unknown>>; pageInfo: { hasNextPage: boolean; endCursor: string } };
      };
    };
    const first = await client.graphql<Page>(query);
    expect(first.repository.deployments.nodes).toEqual([
      expect.objectContaining({
        environment: 'staging',
        state: 'ACTIVE',
        commitOid: SHA,
        payload: '{"version":"staging"}',
        latestStatus: { state: 'SUCCESS', environmentUrl: 'https://staging.example.com' },
      }),
    ]);
    expect(first.repository.deployments.pageInfo.hasNextPage).toBe(true);
    const second = await client.graphql<Page>(query, { after: first.repository.deployments.pageInfo.endCursor });
    // The older staging deployment was made inactive by the newer one's success.
    expect(second.repository.deployments.nodes).toEqual([
      expect.objectContaining({ state: 'INACTIVE', latestStatus: expect.objectContaining({ state: 'INACTIVE' }) }),
    ]);
    // Every status, newest first: when it succeeded stays readable after it was replaced.
    expect(second.repository.deployments.nodes[0]!.statuses).toEqual({
      nodes: [{ state: 'INACTIVE' }, { state: 'SUCCESS' }],
    });
    expect(second.repository.deployments.pageInfo.hasNextPage).toBe(false);
  });
});

describe('permissions', () => {
  test('a withheld permission refuses writes with "Resource not accessible by integration"', async () => {
    const { gh, client } = await start();
    gh.restrictPermission('contents');
    await expect(
      client.rest.repos.createRelease({ ...repo, tag_name: 'v1', target_commitish: SHA }),
    ).rejects.toMatchObject({
      status: 403,
      response: {
        data: { message: 'Resource not accessible by integration' },
        headers: { 'x-accepted-github-permissions': 'contents=write' },
      },
    });
    expect((await client.rest.repos.listReleases(repo)).status).toBe(200);
    expect((await client.rest.checks.create({ ...repo, name: 'build', head_sha: SHA })).status).toBe(201);
    gh.restrictPermission('checks', 'none');
    await expect(client.rest.checks.listForRef({ ...repo, ref: SHA })).rejects.toMatchObject({ status: 403 });
    expect(gh.state.releases).toEqual([]);
  });

  test('collaborator permission is what the test set', async () => {
    const { gh, client } = await start();
    gh.repo('octo/app').setPermission('alice', 'maintain');
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'alice' });
    expect(data).toMatchObject({ permission: 'write', role_name: 'maintain', user: { login: 'alice' } });
    await expect(
      client.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'mallory' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('check runs', () => {
  test('annotations accumulate across updates, and more than 50 in one request is 422', async () => {
    const { gh, client } = await start();
    const annotations = (count: number, from = 0) =>
      Array.from({ length: count }, (_, i) => ({
        path: 'src/a.ts',
        start_line: from + i + 1,
        end_line: from + i + 1,
        annotation_level: 'warning' as const,
        message: `problem ${from + i}`,
      }));
    const run = await client.rest.checks.create({
      ...repo,
      name: 'lint',
      head_sha: SHA,
      status: 'in_progress',
      output: { title: 'Lint', summary: 'first batch', annotations: annotations(50) },
    });
    await expect(
      client.rest.checks.update({
        ...repo,
        check_run_id: run.data.id,
        output: { title: 'Lint', summary: 'too many', annotations: annotations(51, 50) },
      }),
    ).rejects.toMatchObject({ status: 422 });
    // GitHub's description caps annotations at 50 (maxItems), so the refused request is also a violation.
    expect(gh.violations).toEqual([
      expect.objectContaining({
        kind: 'request',
        operationId: 'checks/update',
        problems: [expect.stringContaining('must NOT have more than 50 items')],
      }),
    ]);
    gh.violations.length = 0;
    const updated = await client.rest.checks.update({
      ...repo,
      check_run_id: run.data.id,
      conclusion: 'failure',
      output: { title: 'Lint', summary: 'second batch', annotations: annotations(30, 50) },
    });
    expect(updated.data).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { summary: 'second batch', annotations_count: 80 },
    });
    const listed = await client.paginate(client.rest.checks.listAnnotations, {
      ...repo,
      check_run_id: run.data.id,
      per_page: 50,
    });
    expect(listed.map((a) => a.message)).toEqual(annotations(80).map((a) => a.message));
    const forRef = await client.rest.checks.listForRef({ ...repo, ref: SHA });
    expect(forRef.data).toMatchObject({ total_count: 1, check_runs: [{ id: run.data.id, conclusion: 'failure' }] });
  });
});

describe('artifacts, comments and aliased GraphQL', () => {
  test('workflow artifacts come from the artifact service and download by redirect', async () => {
    const artifacts = {
      list: () => [
        {
          id: 5,
          name: 'dist',
          runId: 77,
          size: 1234,
          digest: 'sha256:abc',
          createdAt: '2026-01-01T00:00:00Z',
          downloadUrl: 'http://127.0.0.1:9/blob/5',
        },
      ],
    };
    const { client } = await start({ artifacts });
    const listed = await client.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: 77 });
    expect(listed.data).toMatchObject({
      total_count: 1,
      artifacts: [{ id: 5, name: 'dist', size_in_bytes: 1234, workflow_run: { id: 77 } }],
    });
    expect((await client.rest.actions.listArtifactsForRepo({ ...repo, name: 'other' })).data.total_count).toBe(0);
    const raw = await fetch(`${gh!.url}/repos/octo/app/actions/artifacts/5/zip`, {
      redirect: 'manual',
      headers: { authorization: `token ${gh!.token}` },
    });
    expect(raw.status).toBe(302);
    expect(raw.headers.get('location')).toBe('http://127.0.0.1:9/blob/5');
  });

  test('issue comments are created, listed and updated', async () => {
    const { client } = await start();
    const comment = await client.rest.issues.createComment({ ...repo, issue_number: 3, body: 'Deployed' });
    await client.rest.issues.updateComment({ ...repo, comment_id: comment.data.id, body: 'Deployed again' });
    const listed = await client.rest.issues.listComments({ ...repo, issue_number: 3 });
    expect(listed.data.map((c) => [c.body, c.user?.login])).toEqual([['Deployed again', 'github-actions[bot]']]);
  });

  test('aliased pull requests in one GraphQL document', async () => {
    const { gh, client } = await start();
    const handle = gh.repo('octo/app');
    handle.addPullRequest({ number: 1, title: 'Fix bug', labels: ['bug'], author: 'alice', mergeCommitSha: SHA });
    handle.addPullRequest({
      number: 2,
      title: 'Bump deps',
      labels: ['dependencies', 'skip-changelog'],
      author: { login: 'renovate[bot]', type: 'Bot' },
    });
    const result = await client.graphql<Record<string, Record<string, unknown>>>(`query {
      repository(owner: "octo", name: "app") {
        pr1: pullRequest(number: 1) { number title mergedAt url labels(first: 10) { nodes { name } } author { login __typename ... on Bot { id } } }
        pr2: pullRequest(number: 2) { number title mergedAt labels(first: 10) { nodes { name } } author { login __typename } }
      } }`);
    expect(result.repository!.pr1).toMatchObject({
      number: 1,
      title: 'Fix bug',
      url: `${gh.serverUrl}/octo/app/pull/1`,
      labels: { nodes: [{ name: 'bug' }] },
      author: { login: 'alice', __typename: 'User' },
    });
    expect(typeof (result.repository!.pr1 as { mergedAt?: unknown }).mergedAt).toBe('string');
    expect(result.repository!.pr2).toMatchObject({
      mergedAt: null,
      labels: { nodes: [{ name: 'dependencies' }, { name: 'skip-changelog' }] },
      author: { login: 'renovate[bot]', __typename: 'Bot' },
    });
  });
});
