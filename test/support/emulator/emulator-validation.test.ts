import { afterEach, describe, expect, test } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../../src/runtime/github-client.js';
import { undeclaredFields } from './undeclared-fields.js';
import { startEmulator, type GitHubEmulator } from './index.js';

const SHA = 'a'.repeat(40);
const repo = { owner: 'octo', repo: 'app' };
let gh: GitHubEmulator | undefined;

/** Routes as plain strings, so that the test can send what octokit's types would not let it. */
const CREATE_RELEASE: string = 'POST /repos/{owner}/{repo}/releases';
const GET_RELEASE: string = 'GET /repos/{owner}/{repo}/releases/{release_id}';

async function start(): Promise<{ gh: GitHubEmulator; client: GitHubClient }> {
  gh = await startEmulator();
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
  // Tests that expect violations close the emulator themselves; this only cleans up after a failure.
  await gh?.close({ allowViolations: true }).catch(() => {});
  gh = undefined;
});

describe('requests are checked against GitHub OpenAPI description', () => {
  test('a body of the wrong type is refused with GitHub 422 and fails the test at close()', async () => {
    const { gh, client } = await start();
    const refused = client.request(CREATE_RELEASE, { ...repo, tag_name: 'v1', target_commitish: SHA, draft: 'yes' });
    await expect(refused).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: `Invalid request.\n\nFor 'properties/draft', "yes" is not a boolean.`,
          status: '422',
          documentation_url: expect.stringContaining('docs.github.com'),
        },
      },
    });
    expect(gh.state.releases).toEqual([]);
    expect(gh.violations).toEqual([expect.objectContaining({ kind: 'request', operationId: 'repos/create-release' })]);
    await expect(gh.close()).rejects.toThrow(
      /1 violation.*\n- request: POST \/repos\/octo\/app\/releases \(repos\/create-release\)/,
    );
  });

  test('a missing required field is named the way GitHub names it', async () => {
    const { gh, client } = await start();
    await expect(client.request(CREATE_RELEASE, { ...repo, name: 'no tag' })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: `Invalid request.\n\n"tag_name" wasn't supplied.` } },
    });
    expect(gh.violations).toHaveLength(1);
  });

  test('a route GitHub does not have is 404 and a violation', async () => {
    const { gh, client } = await start();
    await expect(client.request('GET /repos/{owner}/{repo}/no-such-thing', repo)).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found' } },
    });
    await expect(client.request('PUT /repos/{owner}/{repo}/releases', repo)).rejects.toMatchObject({ status: 404 });
    expect(gh.violations.map((v) => v.problems[0])).toEqual([
      expect.stringContaining('no operation'),
      expect.stringContaining('PUT is not an operation'),
    ]);
  });

  test('a malformed path parameter is 404 and a violation', async () => {
    const { gh, client } = await start();
    await expect(client.request(GET_RELEASE, { ...repo, release_id: 'latest-one' })).rejects.toMatchObject({
      status: 404,
    });
    expect(gh.violations).toHaveLength(1);
  });

  test('unknown objects are 404 Not Found without being violations', async () => {
    const { gh, client } = await start();
    await expect(client.rest.repos.getRelease({ ...repo, release_id: 99 })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found', status: '404' } },
    });
    await expect(client.rest.repos.get({ owner: 'octo', repo: 'missing' })).rejects.toMatchObject({ status: 404 });
    expect(gh.violations).toEqual([]);
    await gh.close();
  });

  test('valid requests leave no violations and close() resolves', async () => {
    const { gh, client } = await start();
    const created = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v1.0.0',
      target_commitish: SHA,
      name: 'v1.0.0',
      body: 'notes',
    });
    expect(created.headers['x-ratelimit-limit']).toBe('5000');
    expect(created.headers['x-ratelimit-remaining']).toBe('4999');
    expect((await client.rest.repos.getReleaseByTag({ ...repo, tag: 'v1.0.0' })).data.id).toBe(created.data.id);
    expect(gh.requests.map((r) => [r.method, r.route, r.operationId, r.status])).toEqual([
      ['POST', '/repos/{owner}/{repo}/releases', 'repos/create-release', 201],
      ['GET', '/repos/{owner}/{repo}/releases/tags/{tag}', 'repos/get-release-by-tag', 200],
    ]);
    expect(gh.count('repos/create-release')).toBe(1);
    await gh.close();
  });
});

describe('responses are checked too', () => {
  test('a response missing a required field is recorded', async () => {
    const { gh, client } = await start();
    await client.rest.repos.createRelease({ ...repo, tag_name: 'v1', target_commitish: SHA });
    gh.tamperWithResponses((operationId, body) => {
      if (operationId !== 'repos/list-releases') return body;
      return (body as Array<Record<string, unknown>>).map(({ tag_name: _dropped, ...rest }) => rest);
    });
    await client.rest.repos.listReleases(repo);
    expect(gh.violations).toEqual([
      expect.objectContaining({
        kind: 'response',
        operationId: 'repos/list-releases',
        problems: [expect.stringContaining("must have required property 'tag_name'")],
      }),
    ]);
    await expect(gh.close()).rejects.toThrow(/response: GET \/repos\/octo\/app\/releases/);
  });
});

describe('GraphQL documents are checked against GitHub schema', () => {
  test('an unknown field is answered with GitHub errors and recorded', async () => {
    const { gh, client } = await start();
    const query = 'query { repository(owner: "octo", name: "app") { pullRequest(number: 1) { number mergedBy2 } } }';
    await expect(client.graphql(query)).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          message: "Field 'mergedBy2' doesn't exist on type 'PullRequest'",
          extensions: expect.objectContaining({ code: 'undefinedField' }),
        }),
      ],
    });
    expect(gh.violations).toEqual([expect.objectContaining({ kind: 'graphql', operationId: 'graphql' })]);
    expect(gh.count('graphql')).toBe(1);
  });

  test('a field of the schema the emulator does not model answers null and is recorded', async () => {
    const { gh, client } = await start();
    gh.repo('octo/app').addPullRequest({ number: 1, title: 'One' });
    const result = await client.graphql<{ repository: { pullRequest: { title: string; mergedBy: unknown } } }>(
      'query { repository(owner: "octo", name: "app") { pullRequest(number: 1) { title mergedBy { login } } } }',
    );
    expect(result.repository.pullRequest).toEqual({ title: 'One', mergedBy: null });
    expect(gh.violations).toEqual([
      expect.objectContaining({
        kind: 'graphql',
        problems: ['the emulator does not model PullRequest.mergedBy; it answered null'],
      }),
    ]);
  });

  test('a missing object is a GitHub NOT_FOUND error, not a violation', async () => {
    const { gh, client } = await start();
    await expect(
      client.graphql('query { repository(owner: "octo", name: "app") { pullRequest(number: 42) { title } } }'),
    ).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          type: 'NOT_FOUND',
          message: 'Could not resolve to a PullRequest with the number of 42.',
        }),
      ],
    });
    expect(gh.violations).toEqual([]);
    await gh.close();
  });
});

/** Routes of the strictness tests, as plain strings, so that they can send what octokit's types would not let them. */
const CREATE_CHECK_RUN: string = 'POST /repos/{owner}/{repo}/check-runs';
const UPDATE_CHECK_RUN: string = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';
const CREATE_DEPLOYMENT: string = 'POST /repos/{owner}/{repo}/deployments';
const LIST_RELEASES: string = 'GET /repos/{owner}/{repo}/releases';
const problemsOf = (emulator: GitHubEmulator) => emulator.violations.flatMap((violation) => violation.problems);

describe('a field or parameter GitHub does not know is a violation, though GitHub would ignore it', () => {
  test('a misspelled nested field (output.anotations) is recorded; the request is answered as GitHub would', async () => {
    const { gh, client } = await start();
    const output = { title: 'ok', summary: 'ok', anotations: [] };
    const created = await client.request(CREATE_CHECK_RUN, {
      ...repo,
      name: 'gate',
      head_sha: SHA,
      status: 'completed',
      conclusion: 'success',
      output,
    });
    expect(created.status).toBe(201);
    expect(gh.violations).toEqual([expect.objectContaining({ kind: 'request', operationId: 'checks/create' })]);
    expect(problemsOf(gh)).toEqual([`"output.anotations" is not a field of checks/create's request body`]);
    await expect(gh.close()).rejects.toThrow(
      /1 violation.*\n- request: POST \/repos\/octo\/app\/check-runs \(checks\/create\)/,
    );
  });

  test('inside arrays too: an annotation with `titel`', async () => {
    const { gh, client } = await start();
    const annotation = {
      path: 'a.ts',
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
      message: 'broken',
      titel: 'Broken',
    };
    await client.request(CREATE_CHECK_RUN, {
      ...repo,
      name: 'gate',
      head_sha: SHA,
      output: { title: 't', summary: 's', annotations: [annotation] },
    });
    expect(problemsOf(gh)).toEqual([`"output.annotations[0].titel" is not a field of checks/create's request body`]);
  });

  test('where the schema allows additional properties (a check run update), an undeclared one is still recorded', async () => {
    const { gh, client } = await start();
    const { data } = await client.rest.checks.create({ ...repo, name: 'gate', head_sha: SHA, status: 'queued' });
    await client.request(UPDATE_CHECK_RUN, {
      ...repo,
      check_run_id: data.id,
      status: 'in_progress',
      detials_url: 'https://ci.example.com',
    });
    expect(problemsOf(gh)).toEqual([`"detials_url" is not a field of checks/update's request body`]);
  });

  test('a free-form object (a deployment payload) takes any key; a misspelled field beside it is recorded', async () => {
    const { gh, client } = await start();
    const payload = { anything: { goes: true } };
    await client.request(CREATE_DEPLOYMENT, {
      ...repo,
      ref: SHA,
      environment: 'dev',
      required_contexts: [],
      payload,
      enviroment_url: 'https://x',
    });
    expect(problemsOf(gh)).toEqual([`"enviroment_url" is not a field of repos/create-deployment's request body`]);
  });

  test('an object declared as `properties: {}` with additional properties (an attestation bundle part) takes any key', () => {
    const schema = {
      type: 'object',
      properties: {
        bundle: {
          type: 'object',
          properties: { dsseEnvelope: { type: 'object', properties: {}, additionalProperties: true } },
        },
      },
    };
    const resolve = () => ({});
    expect(undeclaredFields(schema, { bundle: { dsseEnvelope: { payload: 'x', signatures: [] } } }, resolve)).toEqual(
      [],
    );
    expect(undeclaredFields(schema, { bundle: { dsseEnvelop: {} } }, resolve)).toEqual(['bundle.dsseEnvelop']);
  });

  test('an unknown query parameter (per_pgae) is recorded', async () => {
    const { gh, client } = await start();
    const listed = await client.request(LIST_RELEASES, { ...repo, per_pgae: 100 });
    expect(listed.status).toBe(200);
    expect(problemsOf(gh)).toEqual(['"per_pgae" is not a query parameter of repos/list-releases']);
  });

  test('declared fields and parameters leave no violation', async () => {
    const { gh, client } = await start();
    const annotations = [
      { path: 'a.ts', start_line: 1, end_line: 1, annotation_level: 'failure' as const, message: 'm' },
    ];
    await client.rest.checks.create({
      ...repo,
      name: 'gate',
      head_sha: SHA,
      output: { title: 't', summary: 's', annotations },
    });
    await client.rest.repos.listReleases({ ...repo, per_page: 100, page: 1 });
    expect(gh.violations).toEqual([]);
    await gh.close();
  });
});

describe('responses hold only the fields GitHub declares for the operation', () => {
  test('an undeclared field never reaches the client, at the top or nested', async () => {
    const { gh, client } = await start();
    await client.rest.repos.createRelease({ ...repo, tag_name: 'v1', target_commitish: SHA });
    gh.tamperWithResponses((operationId, body) => {
      if (operationId !== 'repos/list-releases') return body;
      return (body as Array<Record<string, unknown>>).map((release) => ({
        ...release,
        mergedBy: 'x',
        author: { ...(release.author as object), karma: 1 },
      }));
    });
    const [release] = (await client.rest.repos.listReleases(repo)).data as unknown as Array<Record<string, unknown>>;
    expect(release).toMatchObject({ tag_name: 'v1', author: expect.objectContaining({ login: expect.any(String) }) });
    expect(release).not.toHaveProperty('mergedBy');
    expect(release!.author).not.toHaveProperty('karma');
    await gh.close();
  });

  test('a repository nested in a pull request is the minimal one GitHub declares there, without a full repository’s counts', async () => {
    const { gh, client } = await start();
    gh.repo('octo/app').addPullRequest({ number: 1, title: 'One', mergeCommitSha: SHA });
    const full = (await client.rest.repos.get(repo)).data as unknown as Record<string, unknown>;
    expect(full).toHaveProperty('subscribers_count');
    const pull = (await client.rest.pulls.get({ ...repo, pull_number: 1 })).data as unknown as {
      base: { repo: Record<string, unknown> };
    };
    expect(pull.base.repo).toMatchObject({ full_name: 'octo/app' });
    expect(pull.base.repo).not.toHaveProperty('subscribers_count');
    await gh.close();
  });
});
