import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { REPO_ROOT } from '../action-metadata.js';
import type { ArtifactService } from '../artifact-service.js';
import type { Emulator } from '../emulator/index.js';
import { parseKeyValueFile } from '../github-output.js';
import { githubContext, runAction, runnerVariables, type ActionRun, type GitHubContext } from '../harness.js';
import {
  condition,
  resolve,
  resolveString,
  resolveStrings,
  valueText,
  type Contexts,
  type Status,
} from './expressions.js';
import { expandMatrix } from './matrix.js';
import { capPermissions, type Levels, permissionsOf } from './permissions.js';
import { readWorkflowFile, type Value, type WorkflowTree } from './workflow-file.js';

/**
 * Runs a workflow file the way GitHub does, as far as Slipway's workflows depend on it: GitHub's parser reads it,
 * GitHub's expression engine evaluates every `${{ }}`, jobs run in `needs` order (matrix expanded), `run:` steps in
 * bash, Slipway's actions from this checkout and third-party actions as local stand-ins through the harness, and
 * reusable workflows are called with their inputs, secrets and outputs. Each job's GITHUB_TOKEN is an emulator
 * token holding exactly the job's permissions.
 */

export interface WorkflowRunOptions {
  /** The workflow file: absolute, or relative to this checkout. */
  workflow: string;
  event: { name: string; payload: object };
  github: Emulator;
  artifacts?: ArtifactService;
  /** The test's git repository: what actions/checkout fetches. */
  gitDir?: string;
  repository?: string;
  sha?: string;
  ref?: string;
  /** `inputs` of a workflow_dispatch (or of a called workflow). */
  inputs?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** Added to every step's environment (e.g. a PATH holding the test's deploy script). */
  env?: Record<string, string>;
  runId?: number;
  actor?: string;
  /** Where `uses: ./.github/workflows/x.yml` is found (default: gitDir, else this checkout). */
  localRoot?: string;
}

export type Result = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface StepRun {
  id: string;
  name: string;
  uses?: string;
  outcome: Result;
  conclusion: Result;
  outputs: Record<string, string>;
  /** What the step printed: a run: step's stdout and stderr, an action's log. */
  log: string;
  /** The action's run, for uses: steps. */
  action?: ActionRun;
}

export interface JobRun {
  /** `id`, `id (matrix values)` for a matrix leg, `caller/id` inside a called workflow. */
  name: string;
  result: Result;
  outputs: Record<string, string>;
  /** The scopes its GITHUB_TOKEN held. */
  permissions?: Levels;
  environment?: string;
  steps: StepRun[];
  summary: string;
  /** For a job calling a reusable workflow: its evaluated `with:` and the called run. */
  with?: Record<string, unknown>;
  called?: WorkflowRun;
}

export interface WorkflowRun {
  /** False when the workflow's `on:` filters (types, branches, tags) leave this event out: no job ran. */
  triggered: boolean;
  conclusion: 'success' | 'failure';
  jobs: Record<string, JobRun>;
  /** Every job run, matrix legs and called workflows' jobs included, in the order they ran. */
  all: JobRun[];
  /** A called workflow's `on.workflow_call.outputs`. */
  outputs: Record<string, string>;
}

const STAND_INS = fileURLToPath(new URL('./stand-ins/', import.meta.url));
const GH_STAND_IN = fileURLToPath(new URL('./gh-stand-in.mjs', import.meta.url));
const THIRD_PARTY: Record<string, string> = {
  'actions/checkout': 'checkout',
  'actions/upload-artifact': 'upload-artifact',
  'actions/download-artifact': 'download-artifact',
  'actions/setup-node': 'setup-node',
};
let runCounter = 0;

/** What one workflow run shares across its jobs and the workflows it calls. */
interface RunScope {
  options: WorkflowRunOptions;
  github: GitHubContext;
  work: string;
  eventPath: string;
  all: JobRun[];
}

interface CallScope {
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
  /** The caller job's permissions: a called workflow's jobs get no more. */
  cap?: Levels;
  prefix: string;
}

export async function runWorkflow(options: WorkflowRunOptions): Promise<WorkflowRun> {
  const work = mkdtempSync(join(tmpdir(), 'workflow-run-'));
  try {
    mkdirSync(join(work, 'bin'));
    writeFileSync(join(work, 'bin', 'gh'), `#!/bin/sh\nexec '${process.execPath}' '${GH_STAND_IN}' "$@"\n`);
    chmodSync(join(work, 'bin', 'gh'), 0o755);
    const eventPath = join(work, 'event.json');
    writeFileSync(eventPath, JSON.stringify(options.event.payload));
    const runId = options.runId ?? 7_100_000_000 + ++runCounter;
    const github = githubContext(
      {
        action: '',
        github: options.github,
        artifacts: options.artifacts,
        repository: options.repository,
        sha: options.sha,
        ref: options.ref,
        runId,
        actor: options.actor,
      },
      options.event,
      '',
      '',
    );
    const scope: RunScope = { options, github: { ...github, token: '' }, work, eventPath, all: [] };
    const tree = readWorkflowFile(workflowPath(options.workflow));
    if (!triggers(tree, options.event.name, options.event.payload as Record<string, unknown>, github.ref))
      return { triggered: false, conclusion: 'success', jobs: {}, all: [], outputs: {} };
    const dispatched =
      options.event.name === 'workflow_dispatch' ? typedInputs(tree, 'workflow_dispatch', options.inputs ?? {}) : {};
    return await runJobs(scope, tree, { inputs: dispatched, secrets: options.secrets ?? {}, prefix: '' });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Whether GitHub starts the workflow for this event: it must be declared in `on:` (else the test is wrong: it
 * throws), and pass the `types`, `branches` and `tags` filters.
 */
function triggers(tree: WorkflowTree, name: string, payload: Record<string, unknown>, ref: string): boolean {
  const on = tree.on;
  const events =
    typeof on === 'string'
      ? { [on]: null }
      : Array.isArray(on)
        ? Object.fromEntries(on.map((event) => [valueText(event), null]))
        : (on as Record<string, Value>);
  if (!(name in events))
    throw new Error(`the workflow is not triggered by ${name}; it declares ${Object.keys(events).join(', ')}`);
  const filters = (events[name] ?? {}) as Record<string, Value>;
  const list = (key: string) => (filters[key] === undefined ? undefined : [filters[key]].flat().map(String));
  const types = list('types');
  if (types && !types.includes(String(payload.action))) return false;
  const workflows = list('workflows');
  if (
    name === 'workflow_run' &&
    workflows &&
    !workflows.includes(String((payload.workflow_run as { name?: string } | undefined)?.name))
  )
    return false;
  const matches = (patterns: string[] | undefined, value: string) =>
    patterns === undefined || patterns.some((pattern) => picomatch(pattern)(value));
  if (name === 'push' || name.startsWith('pull_request')) {
    const branches = list('branches');
    const tags = list('tags');
    if (ref.startsWith('refs/tags/')) return tags !== undefined ? matches(tags, ref.slice(10)) : branches === undefined;
    const branch =
      name === 'push'
        ? ref.replace(/^refs\/heads\//, '')
        : String((payload.pull_request as { base?: { ref?: string } } | undefined)?.base?.ref ?? '');
    return branches !== undefined ? matches(branches, branch) : tags === undefined;
  }
  return true;
}

function workflowPath(file: string): string {
  return isAbsolute(file) ? file : resolvePath(REPO_ROOT, file);
}

/** Declared inputs with the caller's values typed as declared and the defaults for the rest. */
function typedInputs(
  tree: WorkflowTree,
  trigger: 'workflow_dispatch' | 'workflow_call',
  given: Record<string, unknown>,
): Record<string, unknown> {
  const on = tree.on as Record<string, Record<string, Record<string, Record<string, Value>>> | null>;
  const declared = on?.[trigger]?.inputs ?? {};
  const inputs: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(declared)) {
    const value = given[name] ?? definition.default;
    if (value === undefined && definition.required) throw new Error(`input '${name}' is required but was not given`);
    const type = definition.type ?? 'string';
    inputs[name] =
      type === 'boolean'
        ? value === true || value === 'true'
        : type === 'number'
          ? Number(value ?? 0)
          : valueText(value);
  }
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length > 0)
    throw new Error(`Invalid input, ${unknown.join(', ')} is not defined in the referenced workflow.`);
  return inputs;
}

async function runJobs(scope: RunScope, tree: WorkflowTree, call: CallScope): Promise<WorkflowRun> {
  const jobs = tree.jobs as Record<string, Record<string, Value>>;
  const defaultPermissions = tree.permissions;
  const workflowEnv = tree.env;
  const done: Record<string, JobRun> = {};
  const pending = Object.keys(jobs);
  while (pending.length > 0) {
    const index = pending.findIndex((id) => needsOf(jobs[id]!).every((need) => done[need]));
    if (index < 0) throw new Error(`jobs ${pending.join(', ')} wait on each other or on jobs that do not exist`);
    const id = pending.splice(index, 1)[0]!;
    const job = jobs[id]!;
    const needs = Object.fromEntries(
      needsOf(job).map((need) => [need, { result: done[need]!.result, outputs: done[need]!.outputs }]),
    );
    const status: Status = { failed: Object.values(needs).some((need) => need.result !== 'success') };
    const base: Contexts = { github: scope.github, inputs: call.inputs, vars: scope.options.vars ?? {}, needs };
    const name = `${call.prefix}${id}`;
    if (!condition(job.if, base, status)) {
      done[id] = record(scope, { name, result: 'skipped', outputs: {}, steps: [], summary: '' });
      continue;
    }
    const permissions = capPermissions(
      permissionsOf(job.permissions ?? defaultPermissions ?? call.cap),
      call.cap,
      name,
    );
    const legs = expandMatrix(resolve((job.strategy as Record<string, Value> | undefined)?.matrix, base));
    const runs: JobRun[] = [];
    for (const matrix of legs) {
      const legName = matrix ? `${name} (${Object.values(matrix).join(', ')})` : name;
      const contexts: Contexts = {
        ...base,
        matrix: matrix ?? {},
        strategy: { 'fail-fast': true, 'job-index': runs.length, 'job-total': legs.length },
      };
      const run = job.uses
        ? await callWorkflow(scope, job, contexts, { ...call, cap: permissions, prefix: `${legName}/` }, legName)
        : await runJob(scope, job, contexts, { secrets: call.secrets, permissions, workflowEnv, name: legName, id });
      runs.push(record(scope, run));
    }
    // A matrix job fails when any leg fails; its outputs are those of the last leg that set them.
    done[id] =
      runs.length === 1
        ? runs[0]!
        : {
            name,
            result: runs.some((run) => run.result === 'failure') ? 'failure' : 'success',
            outputs: Object.assign({}, ...runs.map((run) => run.outputs)),
            steps: [],
            summary: '',
          };
  }
  const failed = Object.values(done).some((run) => run.result === 'failure');
  const declaredOutputs =
    (tree.on as Record<string, Record<string, Record<string, Record<string, Value>>> | null>)?.workflow_call?.outputs ??
    {};
  const jobsContext = {
    jobs: Object.fromEntries(
      Object.entries(done).map(([id, run]) => [id, { result: run.result, outputs: run.outputs }]),
    ),
  };
  const outputContexts = { ...jobsContext, github: scope.github, inputs: call.inputs };
  const outputs = Object.fromEntries(
    Object.entries(declaredOutputs).map(([key, output]) => [key, resolveString(output.value, outputContexts)]),
  );
  return { triggered: true, conclusion: failed ? 'failure' : 'success', jobs: done, all: scope.all, outputs };
}

function record(scope: RunScope, run: JobRun): JobRun {
  scope.all.push(run);
  return run;
}

const needsOf = (job: Record<string, Value>): string[] => [job.needs ?? []].flat().map(String);

/** A job that calls a reusable workflow: `with:` typed by the called workflow, secrets given or inherited. */
async function callWorkflow(
  scope: RunScope,
  job: Record<string, Value>,
  contexts: Contexts,
  call: CallScope,
  name: string,
): Promise<JobRun> {
  const file = calledWorkflowFile(valueText(job.uses), scope.options.localRoot ?? scope.options.gitDir ?? REPO_ROOT);
  const tree = readWorkflowFile(file);
  const given = resolve(job.with ?? {}, contexts) as Record<string, unknown>;
  const secrets =
    job.secrets === 'inherit'
      ? { ...scope.options.secrets }
      : resolveStrings(job.secrets, { ...contexts, secrets: call.secrets });
  const declaredSecrets = Object.keys(
    (tree.on as Record<string, Record<string, Record<string, unknown>>>).workflow_call?.secrets ?? {},
  );
  if (job.secrets !== 'inherit') {
    const undeclared = Object.keys(secrets).filter((secret) => !declaredSecrets.includes(secret));
    if (undeclared.length > 0)
      throw new Error(`${name}: secret ${undeclared.join(', ')} is not defined in the referenced workflow`);
  }
  const called = await runJobs(scope, tree, {
    ...call,
    inputs: typedInputs(tree, 'workflow_call', given),
    secrets: { GITHUB_TOKEN: '', ...secrets },
  });
  return {
    name,
    result: called.conclusion,
    outputs: called.outputs,
    steps: [],
    summary: '',
    with: given,
    called,
    permissions: call.cap,
  };
}

function calledWorkflowFile(uses: string, localRoot: string): string {
  if (/^\.\/\.github\/workflows\/[\w.-]+\.ya?ml$/.test(uses)) return resolvePath(localRoot, uses);
  const ours = /^slipway-hq\/slipway\/(\.github\/workflows\/[\w.-]+\.ya?ml)@v1$/.exec(uses);
  if (ours) return resolvePath(REPO_ROOT, ours[1]!);
  throw new Error(`uses: ${uses}: the workflow runner knows no such reusable workflow`);
}

interface JobSetup {
  secrets: Record<string, string>;
  permissions: Levels;
  workflowEnv: Value | undefined;
  name: string;
  id: string;
}

async function runJob(
  scope: RunScope,
  job: Record<string, Value>,
  contexts: Contexts,
  setup: JobSetup,
): Promise<JobRun> {
  const { options } = scope;
  const jobDir = mkdtempSync(join(scope.work, 'job-'));
  const workspace = join(jobDir, 'workspace');
  const runnerTemp = join(jobDir, 'temp');
  mkdirSync(workspace);
  mkdirSync(runnerTemp);
  const token = options.github.createToken(setup.permissions);
  const github = { ...scope.github, token, job: setup.id, workspace };
  const runner = {
    os: 'Linux',
    arch: 'X64',
    name: 'GitHub Actions 1',
    temp: runnerTemp,
    tool_cache: join(jobDir, 'tool-cache'),
    debug: '',
    environment: 'github-hosted',
  };
  const secrets = { ...setup.secrets, GITHUB_TOKEN: token };
  const jobContexts: Contexts = { ...contexts, github, secrets, runner, job: { status: 'success' } };
  const env: Record<string, string> = resolveStrings(setup.workflowEnv, jobContexts);
  Object.assign(env, resolveStrings(job.env, { ...jobContexts, env }));
  const environment = job.environment === undefined ? undefined : resolve(job.environment, jobContexts);
  const steps: Record<string, { outputs: Record<string, string>; outcome: Result; conclusion: Result }> = {};
  const stepRuns: StepRun[] = [];
  const exported: Record<string, string> = {};
  const paths: string[] = [];
  let summary = '';
  let failed = false;
  for (const [index, step] of ((job.steps ?? []) as Array<Record<string, Value>>).entries()) {
    const id = step.id ? valueText(step.id) : `__${index}`;
    const stepContexts: Contexts = {
      ...jobContexts,
      job: { status: failed ? 'failure' : 'success' },
      steps,
      env: { ...env, ...exported },
    };
    const stepEnv = { ...env, ...exported, ...resolveStrings(step.env, stepContexts) };
    const name = valueText(step.name ?? step.uses ?? step.run ?? id).split('\n')[0]!;
    const onSummary = (text: string) => (summary += text);
    let run: StepRun;
    const contexts = { ...stepContexts, env: stepEnv };
    if (!condition(step.if, contexts, { failed })) {
      run = { id, name, outcome: 'skipped', conclusion: 'skipped', outputs: {}, log: '' };
    } else if (step.run !== undefined) {
      run = await runScript(scope, step, contexts, {
        id,
        name,
        env: stepEnv,
        paths,
        workspace,
        github,
        runnerTemp,
        exported,
        onSummary,
      });
    } else {
      run = await runUses(scope, step, contexts, {
        id,
        name,
        env: stepEnv,
        workspace,
        github,
        runnerTemp,
        exported,
        secrets,
        onSummary,
      });
    }
    if (run.outcome === 'failure' && resolve(step['continue-on-error'] ?? false, stepContexts) === true)
      run.conclusion = 'success';
    if (run.conclusion === 'failure') failed = true;
    steps[id] = { outputs: run.outputs, outcome: run.outcome, conclusion: run.conclusion };
    stepRuns.push(run);
  }
  const outputs = resolveStrings(job.outputs, { ...jobContexts, steps });
  return {
    name: setup.name,
    result: failed ? 'failure' : 'success',
    outputs,
    permissions: setup.permissions,
    environment:
      typeof environment === 'object' && environment !== null
        ? String((environment as { name?: unknown }).name)
        : (environment as string | undefined),
    steps: stepRuns,
    summary,
  };
}

interface StepSetup {
  id: string;
  name: string;
  env: Record<string, string>;
  workspace: string;
  github: GitHubContext;
  runnerTemp: string;
  exported: Record<string, string>;
  onSummary: (text: string) => void;
}

async function runScript(
  scope: RunScope,
  step: Record<string, Value>,
  contexts: Contexts,
  setup: StepSetup & { paths: string[] },
): Promise<StepRun> {
  const script = resolveString(step.run, contexts);
  const files = Object.fromEntries(
    ['output', 'env', 'summary', 'path'].map((kind) => [kind, join(setup.runnerTemp, `_${kind}_${setup.id}`)]),
  ) as Record<'output' | 'env' | 'summary' | 'path', string>;
  for (const file of Object.values(files)) writeFileSync(file, '');
  const scriptFile = join(setup.runnerTemp, `_script_${setup.id}.sh`);
  writeFileSync(scriptFile, script);
  const cwd = step['working-directory']
    ? resolvePath(setup.workspace, resolveString(step['working-directory'], contexts))
    : setup.workspace;
  const variables = runnerVariables(
    { ...setup.github, workspace: setup.workspace },
    { os: 'Linux', arch: 'X64', name: 'GitHub Actions 1', temp: setup.runnerTemp, debug: '' },
    scope.eventPath,
    { action: '' },
  );
  const path = [...setup.paths, join(scope.work, 'bin'), scope.options.env?.PATH ?? process.env.PATH ?? ''].join(':');
  const shell = step.shell ? resolveString(step.shell, contexts) : 'bash';
  const [command, ...args] =
    shell === 'bash' ? ['bash', '--noprofile', '--norc', '-eo', 'pipefail'] : shell === 'sh' ? ['sh', '-e'] : [];
  if (!command) throw new Error(`step ${setup.name}: shell ${shell} is not modelled`);
  const child = spawn(command, [...args, scriptFile], {
    cwd,
    env: {
      HOME: process.env.HOME ?? scope.work,
      LANG: 'C.UTF-8',
      ...variables,
      ...scope.options.env,
      ...setup.env,
      PATH: path,
      GITHUB_OUTPUT: files.output,
      GITHUB_ENV: files.env,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_PATH: files.path,
      GH_STAND_IN_API_URL: scope.options.github.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const code = await new Promise<number>((done, reject) => {
    child.once('error', reject);
    child.once('close', (exit) => done(exit ?? 1));
  });
  Object.assign(setup.exported, parseKeyValueFile(readFileSync(files.env, 'utf8')));
  setup.paths.unshift(...readFileSync(files.path, 'utf8').split('\n').filter(Boolean).reverse());
  setup.onSummary(readFileSync(files.summary, 'utf8'));
  const outcome: Result = code === 0 ? 'success' : 'failure';
  return {
    id: setup.id,
    name: setup.name,
    outcome,
    conclusion: outcome,
    outputs: parseKeyValueFile(readFileSync(files.output, 'utf8')),
    log,
  };
}

/**
 * Which action directory a `uses:` runs: Slipway's own from this checkout, a local action (`./`, `./path`) from
 * the job's workspace as the runner reads it, a stand-in, or none (the test fails).
 */
function actionFor(uses: string, workspace: string): string {
  if (uses === './' || uses.startsWith('./')) return resolvePath(workspace, uses);
  if (uses === 'slipway-hq/slipway@v1') return 'root';
  const ours = /^slipway-hq\/slipway\/actions\/([a-z-]+)@v1$/.exec(uses);
  if (ours && existsSync(join(REPO_ROOT, 'actions', ours[1]!, 'action.yml'))) return ours[1]!;
  const standIn = THIRD_PARTY[uses.split('@')[0]!];
  if (standIn) return join(STAND_INS, standIn);
  throw new Error(`uses: ${uses}: the workflow runner has no action or stand-in for it`);
}

async function runUses(
  scope: RunScope,
  step: Record<string, Value>,
  contexts: Contexts,
  setup: StepSetup & { secrets: Record<string, string> },
): Promise<StepRun> {
  const uses = valueText(step.uses);
  const action = actionFor(uses, setup.workspace);
  const { options } = scope;
  const run = await runAction({
    action,
    inputs: resolveStrings(step.with, contexts),
    github: options.github,
    artifacts: options.artifacts,
    token: setup.github.token,
    repository: setup.github.repository,
    event: options.event,
    sha: setup.github.sha,
    ref: setup.github.ref,
    workspace: setup.workspace,
    runnerTemp: setup.runnerTemp,
    env: { ...options.env, ...setup.env, ...(options.gitDir ? { WORKFLOW_RUNNER_GIT_DIR: options.gitDir } : {}) },
    runId: setup.github.run_id,
    job: setup.github.job,
    actor: setup.github.actor,
    secrets: Object.values(setup.secrets).filter((secret) => secret.length >= 8),
  });
  Object.assign(setup.exported, run.env);
  setup.onSummary(run.summary);
  const outcome: Result = run.conclusion === 'success' ? 'success' : 'failure';
  return {
    id: setup.id,
    name: setup.name,
    uses,
    outcome,
    conclusion: outcome,
    outputs: run.outputs,
    log: run.log.join('\n'),
    action: run,
  };
}
