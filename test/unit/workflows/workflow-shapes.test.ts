import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expression,
  type Job,
  loadWorkflow,
  needsOf,
  root,
  slipwayWorkflow,
  type Step,
  stepsUsing,
} from './workflow-files.js';

/** The one job of a workflow that has a step using `action`. */
function jobUsing(file: string, action: string): [string, Job] {
  const found = Object.entries(loadWorkflow(file).jobs).filter(([, job]) => stepsUsing(job, action).length > 0);
  expect(
    found.map(([id]) => id),
    `${file}: one job uses ${action}`,
  ).toHaveLength(1);
  return found[0]!;
}

const indexOf = (job: Job, step: Step) => (job.steps ?? []).indexOf(step);

describe("build.yml: checkout, the caller's build and tests, gate, package", () => {
  const workflow = loadWorkflow('.github/workflows/build.yml');
  const [jobId, job] = jobUsing('.github/workflows/build.yml', 'package');
  const call = workflow.on.workflow_call!;

  it('is callable with the build and test commands and the report globs as inputs', () => {
    expect(Object.keys(call.inputs ?? {})).toEqual(
      expect.arrayContaining(['build-command', 'test-command', 'test-reports', 'package-path']),
    );
  });

  it("runs the caller's commands through env:, then gates on the reports, then packages", () => {
    const steps = job.steps!;
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@/);
    const build = steps.find(
      (step) => step.env && Object.values(step.env).some((value) => expression(value) === 'inputs.build-command'),
    )!;
    const test = steps.find(
      (step) => step.env && Object.values(step.env).some((value) => expression(value) === 'inputs.test-command'),
    )!;
    expect(build?.run, 'a step runs the build command').toBeDefined();
    expect(test?.run, 'a step runs the test command').toBeDefined();
    // The gate, not the test command's exit code, decides; so the test step may fail without stopping the job.
    expect(test['continue-on-error']).toBe(true);
    const [gate] = stepsUsing(job, 'gate');
    const [pack] = stepsUsing(job, 'package');
    expect(expression(gate!.with?.reports)).toBe('inputs.test-reports');
    expect(gate!.if ?? '', 'the gate runs whatever the tests did').not.toMatch(/success\(\)/);
    expect(expression(pack!.with?.path)).toBe('inputs.package-path');
    expect(indexOf(job, build)).toBeLessThan(indexOf(job, test));
    expect(indexOf(job, test)).toBeLessThan(indexOf(job, gate!));
    expect(indexOf(job, gate!), 'nothing is packaged before the gate passed').toBeLessThan(indexOf(job, pack!));
    expect(pack!['continue-on-error']).toBeUndefined();
    expect(gate!['continue-on-error']).toBeUndefined();
  });

  it.each(['version', 'digest', 'artifact-name'])('outputs %s, from the package step through the job', (name) => {
    const [pack] = stepsUsing(job, 'package');
    expect(expression(call.outputs?.[name]?.value)).toBe(`jobs.${jobId}.outputs.${name}`);
    expect(expression(job.outputs?.[name])).toBe(`steps.${pack!.id}.outputs.${name}`);
  });
});

describe('promote.yml: one environment, with notifications before and after', () => {
  const [, job] = jobUsing('.github/workflows/promote.yml', 'promote');
  const call = loadWorkflow('.github/workflows/promote.yml').on.workflow_call!;
  const [promote] = stepsUsing(job, 'promote');
  const notifies = stepsUsing(job, 'notify');

  it('passes the promotion inputs through to promote', () => {
    for (const input of ['environment', 'from', 'digest', 'strategy', 'deploy-command', 'verify-url', 'soak']) {
      expect(Object.keys(call.inputs ?? {})).toContain(input);
      expect(expression(promote!.with?.[input]), `promote.with.${input}`).toBe(`inputs.${input}`);
    }
  });

  it('announces the start, then the outcome by updating the same message', () => {
    expect(notifies).toHaveLength(2);
    const [started, finished] = notifies as [Step, Step];
    expect(started.with?.event).toBe('deployment-started');
    expect(started.id).toBeTruthy();
    expect(indexOf(job, started)).toBeLessThan(indexOf(job, promote!));
    expect(indexOf(job, finished)).toBeGreaterThan(indexOf(job, promote!));
    // Told whether promote succeeded or failed, so it must run in both cases.
    expect(finished.if).toMatch(/always\(\)/);
    const event = expression(finished.with?.event);
    expect(event).toContain(`steps.${promote!.id}.outcome == 'success'`);
    expect(event).toContain("'deployment-succeeded'");
    expect(event).toContain("'deployment-failed'");
    expect(expression(finished.with?.update)).toBe(`steps.${started.id}.outputs.message-ids`);
    expect(expression(finished.with?.environment)).toBe('inputs.environment');
    expect(expression(started.with?.environment)).toBe('inputs.environment');
  });

  it('uses the GitHub Environment for approvals without a second Deployment record', () => {
    // `deployment: false` (a boolean of job-environment-mapping in GitHub's workflow schema): the
    // environment's protection rules and secrets apply, but Slipway's own Deployment is the only one.
    expect(job.environment).toMatchObject({ deployment: false });
    expect(expression((job.environment as { name: string }).name)).toBe('inputs.environment');
  });

  it('runs one promotion per environment at a time, never cancelling one midway', () => {
    const concurrency = job.concurrency as { 'group': string; 'cancel-in-progress'?: boolean };
    expect(typeof concurrency).toBe('object');
    expect(concurrency.group).toMatch(/\$\{\{\s*inputs\.environment\s*\}\}/);
    expect(concurrency['cancel-in-progress']).not.toBe(true);
  });

  it('outputs what was deployed', () => {
    for (const name of ['deployment-id', 'version', 'digest'])
      expect(expression(job.outputs?.[name])).toBe(`steps.${promote!.id}.outputs.${name}`);
  });
});

describe('release.yml: release notes with the packaged artefact attached, then an announcement', () => {
  const [, job] = jobUsing('.github/workflows/release.yml', 'release-notes');
  const [notes] = stepsUsing(job, 'release-notes');
  const [announce] = stepsUsing(job, 'notify');

  it('downloads the artifact build.yml uploaded and attaches what it downloaded', () => {
    const download = job.steps!.find((step) => step.uses?.startsWith('actions/download-artifact@'))!;
    expect(download, 'a download-artifact step').toBeDefined();
    expect(expression(download.with?.name)).toBe('inputs.artifact-name');
    expect(indexOf(job, download)).toBeLessThan(indexOf(job, notes!));
    const folder = String(download.with?.path).split('/').at(-1)!;
    expect(folder.length).toBeGreaterThan(0);
    expect(String(notes!.with?.assets)).toContain(`${folder}/*`);
  });

  it('announces release-published with what the release notes step produced', () => {
    expect(announce!.with?.event).toBe('release-published');
    expect(indexOf(job, announce!)).toBeGreaterThan(indexOf(job, notes!));
    expect(expression(announce!.with?.['release-url'])).toBe(`steps.${notes!.id}.outputs.release-url`);
    expect(expression(announce!.with?.version)).toBe(`steps.${notes!.id}.outputs.version`);
  });
});

describe('deliver.yml: build once, then dev → staging → production through promote.yml', () => {
  const workflow = loadWorkflow('.github/workflows/deliver.yml');
  const jobs = workflow.jobs;
  const builds = Object.entries(jobs).filter(([, job]) => slipwayWorkflow(job.uses) === '.github/workflows/build.yml');
  const promotions = Object.entries(jobs).filter(
    ([, job]) => slipwayWorkflow(job.uses) === '.github/workflows/promote.yml',
  );

  it('builds once and promotes to exactly dev, staging and production', () => {
    expect(builds).toHaveLength(1);
    expect(promotions.map(([, job]) => job.with?.environment).sort()).toEqual(['dev', 'production', 'staging']);
  });

  it("chains each environment after the one before, promoting the build's digest from it", () => {
    const [buildId] = builds[0]!;
    const byEnvironment = Object.fromEntries(
      promotions.map(([id, job]) => [String(job.with?.environment), [id, job] as const]),
    );
    const order = ['dev', 'staging', 'production'];
    for (const [index, environment] of order.entries()) {
      const [, job] = byEnvironment[environment]!;
      const upstream = order[index - 1];
      expect(needsOf(job)).toContain(index === 0 ? buildId : byEnvironment[upstream!]![0]);
      expect(job.with?.from ?? '', `${environment}: from`).toBe(upstream ?? '');
      expect(expression(job.with?.digest), `${environment}: the digest built once`).toBe(
        `needs.${buildId}.outputs.digest`,
      );
      expect(expression(job.with?.artifact), `${environment}: the artifact built once`).toBe(
        `needs.${buildId}.outputs.artifact-name`,
      );
    }
  });

  it('puts production behind its GitHub Environment (and marks it production)', () => {
    const [, production] = promotions.find(([, job]) => job.with?.environment === 'production')!;
    expect(production.with?.production).toBe(true);
    // The environment: key lives in promote.yml's job, named after the environment input: its required reviewers gate the job.
    const [, promoteJob] = jobUsing('.github/workflows/promote.yml', 'promote');
    expect(expression((promoteJob.environment as { name: string }).name)).toBe('inputs.environment');
  });
});

describe('chatops.yml: /deploy <environment> [version]', () => {
  const workflow = loadWorkflow('.github/workflows/chatops.yml');
  const jobs = Object.entries(workflow.jobs);
  const [deployId, deploy] = jobs.find(([, job]) => slipwayWorkflow(job.uses) === '.github/workflows/promote.yml')!;

  it('reacts only to comments that start with /deploy', () => {
    const [, parse] = jobs.find(([id]) => needsOf(deploy).includes(id))!;
    expect(parse.if).toMatch(/github\.event_name == 'issue_comment'/);
    expect(parse.if).toMatch(/startsWith\(github\.event\.comment\.body, '\/deploy'\)/);
  });

  it("checks the commenter's permission through the API before promoting", () => {
    const [parseId, parse] = jobs.find(([id]) => needsOf(deploy).includes(id))!;
    const script = (parse.steps ?? []).map((step) => step.run ?? '').join('\n');
    expect(script).toMatch(/gh api "repos\/\$REPO\/collaborators\/\$COMMENTER\/permission"/);
    expect(expression(deploy.if)).toBe(
      `needs.${parseId}.outputs.allowed == 'true' && needs.${parseId}.outputs.kind == 'deploy'`,
    );
    expect(expression(deploy.with?.environment)).toBe(`needs.${parseId}.outputs.environment`);
    expect(expression(deploy.with?.version)).toBe(`needs.${parseId}.outputs.version`);
  });

  it('answers in the thread whatever happened', () => {
    const [, answer] = jobs.find(([, job]) => needsOf(job).includes(deployId))!;
    expect(answer.if).toMatch(/always\(\)/);
    expect((answer.steps ?? []).map((step) => step.run ?? '').join('\n')).toMatch(
      /gh api "repos\/\$REPO\/issues\/\$NUMBER\/comments"/,
    );
  });
});

describe('chatops.yml: /flag <flag> on|off|<variant> <environment>', () => {
  const workflow = loadWorkflow('.github/workflows/chatops.yml');
  const jobs = Object.entries(workflow.jobs);
  const [flagId, flag] = jobs.find(([, job]) =>
    (job.steps ?? []).some((step) => step.uses === 'slipway-hq/slipway/actions/flags@v1'),
  )!;

  it('runs the flags action only for an allowed /flag, after the same permission check as /deploy', () => {
    const [parseId, parse] = jobs.find(([id]) => needsOf(flag).includes(id))!;
    expect(parse.if).toMatch(/startsWith\(github\.event\.comment\.body, '\/flag'\)/);
    expect(expression(flag.if)).toBe(
      `needs.${parseId}.outputs.allowed == 'true' && needs.${parseId}.outputs.kind == 'flag'`,
    );
    const step = flag.steps!.find((s) => s.uses === 'slipway-hq/slipway/actions/flags@v1')!;
    expect(expression(step.with?.actor)).toBe('github.event.sender.login');
    expect(jobs.find(([, job]) => needsOf(job).includes(flagId))).toBeDefined();
  });
});

describe('starter templates', () => {
  const dir = join(root, '.github/workflow-templates');
  const templates = readdirSync(dir).filter((name) => name.endsWith('.yml'));
  const load = (name: string) => loadWorkflow(`.github/workflow-templates/${name}`);
  const jobsCalling = (name: string, file: string) =>
    Object.entries(load(name).jobs).filter(([, job]) => slipwayWorkflow(job.uses) === file);

  it('has one per kind the issue lists, each with its properties file', () => {
    expect(templates.sort()).toEqual([
      'slipway-deliver.yml',
      'slipway-notify.yml',
      'slipway-promote.yml',
      'slipway-release-notes.yml',
    ]);
    for (const template of templates) {
      const properties = join(dir, template.replace(/\.yml$/, '.properties.json'));
      expect(existsSync(properties), `${template}: properties`).toBe(true);
      const json = JSON.parse(readFileSync(properties, 'utf8')) as Record<string, unknown>;
      const kinds = Object.fromEntries(
        ['name', 'description', 'iconName', 'categories'].map((key) => [
          key,
          Array.isArray(json[key]) ? 'array' : typeof json[key],
        ]),
      );
      expect(kinds).toEqual({ name: 'string', description: 'string', iconName: 'string', categories: 'array' });
      expect((json.name as string).length).toBeGreaterThan(0);
    }
  });

  it('promote on demand: workflow_dispatch choosing environment and version, handed to promote.yml', () => {
    const workflow = load('slipway-promote.yml');
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    const inputs = workflow.on.workflow_dispatch!.inputs!;
    expect(['choice', 'environment']).toContain(inputs.environment!.type);
    if (inputs.environment!.type === 'choice') expect(inputs.environment!.options!.length).toBeGreaterThan(0);
    expect(inputs.version).toBeDefined();
    const [[, job]] = jobsCalling('slipway-promote.yml', '.github/workflows/promote.yml') as [[string, Job]];
    expect(expression(job.with?.environment)).toBe('inputs.environment');
    expect(expression(job.with?.version)).toBe('inputs.version');
  });

  it('release notes: on version tags only, running the release-notes action on the full history', () => {
    const workflow = load('slipway-release-notes.yml');
    expect(Object.keys(workflow.on)).toEqual(['push']);
    expect(workflow.on.push!.tags!.length).toBeGreaterThan(0);
    expect(workflow.on.push!.branches).toBeUndefined();
    const jobs = Object.values(workflow.jobs);
    const job = jobs.find((candidate) => stepsUsing(candidate, 'release-notes').length > 0)!;
    expect(job).toBeDefined();
    const checkout = job.steps!.find((step) => step.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with?.['fetch-depth']).toBe(0);
  });
  // deliver and notify are run, not read: test/e2e/workflows/templates.test.ts.
});
