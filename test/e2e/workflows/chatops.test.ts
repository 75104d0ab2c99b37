import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ArtifactService, startArtifactService } from '../../support/artifact-service.js';
import { type Emulator, startEmulator } from '../../support/emulator/index.js';
import { examplePayload } from '../../support/examples.js';
import { runWorkflow } from '../../support/workflow-runner/run-workflow.js';
import {
  createTestRepository,
  deployUpstream,
  type TestRepository,
} from '../../support/workflow-runner/test-repository.js';

// chatops.yml run as GitHub runs it, from issue_comment events: the parse job's script asks the emulator
// for the sender's permission, the deploy job calls the real promote.yml (checkout, promote action, deploy
// command), and the answer is a real comment. Upstream, 'dev' runs 1.4.0, deployed by the promote action.

const ISSUE = 42;
/** How a repository calls chatops.yml: on every issue_comment (the reusable workflow picks what it acts on). */
const CALLER = `name: ChatOps
on: issue_comment
permissions: {}
jobs:
  chatops:
    uses: slipway-hq/slipway/.github/workflows/chatops.yml@v1
    permissions:
      contents: read
      deployments: write
      actions: read
      issues: write
      pull-requests: write
    with:
      deploy-command: ./scripts/deploy.sh
      flags-command: bash ./scripts/flags.sh
`;
const FLAGS = {
  flags: { 'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' } },
};
let github: Emulator;
let artifacts: ArtifactService;
let repo: TestRepository;
let scratch: string;
let devDigest: string;
/** Where the repository's flags command puts each environment's flags (`<environment>.json`). */
let flagsOut: string;

beforeAll(async () => {
  artifacts = await startArtifactService();
  github = await startEmulator({ artifacts });
  flagsOut = await mkdtemp(join(tmpdir(), 'chatops-flags-'));
  repo = await createTestRepository({
    'flags.json': JSON.stringify(FLAGS),
    'scripts/flags.sh': `set -eu\ncp "$SLIPWAY_FLAGS_FILE" '${flagsOut}'/"$SLIPWAY_ENVIRONMENT.json"\n`,
  });
  const handle = github.repo('octo/app', { gitDir: repo.dir });
  for (const [login, permission] of [
    ['ada', 'write'],
    ['root', 'admin'],
    ['mai', 'maintain'],
    ['bob', 'read'],
    ['tri', 'triage'],
  ] as const)
    handle.setPermission(login, permission);
  // mallory is not a collaborator at all: GitHub answers 404.

  scratch = await mkdtemp(join(tmpdir(), 'chatops-'));
  await writeFile(join(scratch, 'caller.yml'), CALLER);
  // What runs in dev: 1.4.0, packaged and deployed by a build run.
  devDigest = await deployUpstream({ github, artifacts, repo, environment: 'dev', version: '1.4.0', runId: 500 });
});

afterEach(() => {
  github.state.issueComments.length = 0;
  github.requests.length = 0;
});

afterAll(async () => {
  await github.close();
  await artifacts.close();
  await repo.close();
  await rm(scratch, { recursive: true, force: true });
  await rm(flagsOut, { recursive: true, force: true });
});

/** Someone (`sender`) causes an issue_comment event on #42; the comment says `body` and was written by `author`. */
async function comment(
  body: string,
  sender: string,
  options: { action?: 'created' | 'edited' | 'deleted'; author?: string } = {},
) {
  const event = examplePayload(`issue_comment.${options.action ?? 'created'}`, (payload) => {
    payload.comment.body = body;
    payload.comment.user.login = options.author ?? sender;
    payload.sender.login = sender;
    payload.issue.number = ISSUE;
  });
  const deploysBefore = repo.deploys().length;
  const run = await runWorkflow({
    workflow: join(scratch, 'caller.yml'),
    github,
    artifacts,
    gitDir: repo.dir,
    sha: repo.sha,
    ref: 'refs/heads/main',
    event: { name: 'issue_comment', payload: event },
    runId: 777,
  });
  const permissionChecks = github.requests.filter(
    (request) => request.operationId === 'repos/get-collaborator-permission-level',
  );
  const comments = github.state.issueComments
    .filter((c) => c.repository === 'octo/app' && c.issue_number === ISSUE)
    .map((c) => c.body);
  const jobs = run.jobs.chatops?.called?.jobs ?? {};
  return { run, jobs, permissionChecks, comments, deployed: repo.deploys().slice(deploysBefore) };
}

const deployed = (environment: string) => `${environment} 1.4.0 ${devDigest}`;

describe('chatops.yml: /deploy from someone allowed to deploy', () => {
  it('/deploy staging 1.4.0 deploys what succeeded in dev, with no artefact input anywhere', async () => {
    const { jobs, permissionChecks, comments, deployed: made } = await comment('/deploy staging 1.4.0', 'ada');
    expect(permissionChecks.map((request) => [request.path, request.status])).toEqual([
      ['/repos/octo/app/collaborators/ada/permission', 200],
    ]);
    expect(made).toEqual([deployed('staging')]);
    expect(jobs.deploy!.result).toBe('success');
    expect(jobs.deploy!.outputs).toMatchObject({ version: '1.4.0', digest: devDigest });
    expect(github.state.deployments.at(-1)).toMatchObject({
      environment: 'staging',
      payload: expect.objectContaining({ digest: devDigest }),
    });
    expect(comments).toEqual([
      'Deployed `1.4.0` to **staging** ([run](https://github.com/octo/app/actions/runs/777)).',
    ]);
  });

  it('/deploy production (no version) promotes what runs in staging', async () => {
    const { comments, deployed: made } = await comment('/deploy production', 'root');
    expect(made).toEqual([deployed('production')]);
    expect(comments).toEqual([
      'Deployed `1.4.0` to **production** ([run](https://github.com/octo/app/actions/runs/777)).',
    ]);
  });

  it('a version upstream never ran is refused by promote, and the thread says the deploy failed', async () => {
    const { jobs, comments, deployed: made } = await comment('/deploy staging 9.9.9', 'mai');
    expect(made).toEqual([]);
    expect(jobs.deploy!.result).toBe('failure');
    expect(comments).toEqual([
      'Deploying to **staging** did not succeed (failure); see the [run](https://github.com/octo/app/actions/runs/777).',
    ]);
  });
});

describe('chatops.yml: anyone else gets a polite refusal', () => {
  it.each([
    ['bob', 'read', 200],
    ['tri', 'triage', 200],
    ['mallory', 'not a collaborator', 404],
  ])('%s (%s): nothing is promoted, the answer says why', async (login, _role, status) => {
    const { jobs, permissionChecks, comments, deployed: made } = await comment('/deploy production 1.4.0', login);
    expect(permissionChecks.map((request) => request.status)).toEqual([status]);
    expect(made).toEqual([]);
    expect(jobs.deploy!.result).toBe('skipped');
    expect(comments).toEqual([
      `Sorry @${login}, deploying needs write access to this repository. A maintainer can run it for you.`,
    ]);
    // An answer that GitHub refused would be a failed job, not a refusal.
    expect(jobs.answer!.result).toBe('success');
  });

  it("the permission checked is the sender's: editing a maintainer's comment deploys nothing", async () => {
    // mallory edits ada's comment into a command; even had it been a new comment, ada's rights are not mallory's.
    const {
      permissionChecks,
      comments,
      deployed: made,
    } = await comment('/deploy production', 'mallory', { author: 'ada' });
    expect(permissionChecks.map((request) => request.path)).toEqual([
      '/repos/octo/app/collaborators/mallory/permission',
    ]);
    expect(made).toEqual([]);
    expect(comments).toEqual([
      'Sorry @mallory, deploying needs write access to this repository. A maintainer can run it for you.',
    ]);
  });

  it.each(['edited', 'deleted'] as const)(
    'an %s comment is not a command: nothing runs, nobody is asked',
    async (action) => {
      const {
        jobs,
        permissionChecks,
        comments,
        deployed: made,
      } = await comment('/deploy production', 'ada', { action });
      expect(Object.values(jobs).map((job) => job.result)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
      expect(permissionChecks).toEqual([]);
      expect(made).toEqual([]);
      expect(comments).toEqual([]);
    },
  );

  it('a permission it cannot read is a refusal, not a deploy', async () => {
    github.setFaults({ rate: 1, kinds: ['500'], routes: ['repos/get-collaborator-permission-level'] });
    try {
      const { comments, deployed: made } = await comment('/deploy staging', 'ada');
      expect(made).toEqual([]);
      expect(comments).toEqual([
        'Sorry @ada, deploying needs write access to this repository. A maintainer can run it for you.',
      ]);
    } finally {
      github.setFaults(undefined);
    }
  });
});

describe('chatops.yml: a command it cannot read gets the usage', () => {
  it.each(['/deploy', '/deploy   ', '/deploy staging 1.4.0 please', '/deploy st@ging', '/deployment staging'])(
    "%j → usage, without asking for anyone's permission",
    async (body) => {
      const { permissionChecks, comments, deployed: made } = await comment(body, 'ada');
      expect(made).toEqual([]);
      expect(permissionChecks).toEqual([]);
      expect(comments).toEqual(['Usage: `/deploy <environment> [version]`.']);
    },
  );

  it('an unknown environment gets the list of known ones', async () => {
    const { comments, deployed: made } = await comment('/deploy qa 1.0.0', 'ada');
    expect(made).toEqual([]);
    expect(comments).toEqual(['Unknown environment `qa`; choose one of: dev,staging,production.']);
  });

  it('shell in the comment stays text', async () => {
    const marker = join(scratch, 'pwned');
    const { comments, deployed: made } = await comment(`/deploy staging $(touch ${marker})`, 'ada');
    expect(existsSync(marker)).toBe(false);
    expect(made).toEqual([]);
    expect(comments).toEqual(['Usage: `/deploy <environment> [version]`.']);
  });

  it('other comments are left alone', async () => {
    const { jobs, permissionChecks, comments } = await comment('LGTM, /deploy staging when ready', 'ada');
    expect(Object.values(jobs).map((job) => job.result)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(permissionChecks).toEqual([]);
    expect(comments).toEqual([]);
  });
});

describe('chatops.yml: /flag changes a feature flag without a release, with the same permission rules', () => {
  const flagRecords = () => github.state.deployments.filter((d) => d.repository === 'octo/app' && d.task === 'flags');
  const served = async (environment: string) =>
    (JSON.parse(await readFile(join(flagsOut, `${environment}.json`), 'utf8')) as typeof FLAGS).flags['checkout-v2']
      .defaultVariant;

  it('/flag checkout-v2 off production from someone with write access: flags written, recorded, answered', async () => {
    const before = flagRecords().length;
    const {
      jobs,
      permissionChecks,
      comments,
      deployed: made,
    } = await comment('/flag checkout-v2 off production', 'ada');
    expect(permissionChecks.map((request) => request.path)).toEqual(['/repos/octo/app/collaborators/ada/permission']);
    expect(jobs.flag!.result).toBe('success');
    expect(jobs.deploy!.result).toBe('skipped');
    expect(made).toEqual([]);
    expect(await served('production')).toBe('off');
    expect(flagRecords()).toHaveLength(before + 1);
    expect(flagRecords().at(-1)).toMatchObject({
      environment: 'production',
      payload: expect.objectContaining({
        actor: 'ada',
        changed: [{ flag: 'checkout-v2', from: 'on', to: 'off' }],
        reason: expect.stringMatching(/^ChatOps https:\/\/github\.com\//),
      }),
    });
    expect(comments).toEqual([
      'Flag `checkout-v2` set to `off` in **production**, without a release ([run](https://github.com/octo/app/actions/runs/777)).',
    ]);
  });

  it.each([
    ['bob', 'read'],
    ['mallory', 'not a collaborator'],
  ])('%s (%s) is refused: nothing written or recorded', async (login) => {
    const before = flagRecords().length;
    const { jobs, comments } = await comment('/flag checkout-v2 on staging', login);
    expect(jobs.flag!.result).toBe('skipped');
    expect(flagRecords()).toHaveLength(before);
    expect(existsSync(join(flagsOut, 'staging.json'))).toBe(false);
    expect(comments).toEqual([
      `Sorry @${login}, changing flags needs write access to this repository. A maintainer can run it for you.`,
    ]);
  });

  it.each(['/flag checkout-v2 production', '/flag checkout-v2 off production now', '/flag $(id) off production'])(
    "%j → the /flag usage, without asking for anyone's permission",
    async (body) => {
      const { permissionChecks, comments } = await comment(body, 'ada');
      expect(permissionChecks).toEqual([]);
      expect(comments).toEqual(['Usage: `/flag <flag> on|off|<variant> <environment>`.']);
    },
  );

  it('a variant the flag does not have fails the job, writes nothing, and the thread says so', async () => {
    const before = flagRecords().length;
    const { jobs, comments } = await comment('/flag checkout-v2 maybe staging', 'root');
    expect(jobs.flag!.result).toBe('failure');
    expect(flagRecords()).toHaveLength(before);
    expect(existsSync(join(flagsOut, 'staging.json'))).toBe(false);
    expect(comments).toEqual([
      'Setting flag `checkout-v2` in **staging** did not succeed (failure); see the [run](https://github.com/octo/app/actions/runs/777).',
    ]);
  });
});
