import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import type { Emulator } from '../../support/emulator/index.js';
import { parseKeyValueFile } from '../../support/github-output.js';
import type { Job, Workflow } from './workflow-files.js';

/**
 * Runs a workflow's jobs the way the runner would, as far as scripts are concerned: job `if:`
 * conditions and every `${{ }}` are evaluated by GitHub's own expression engine (@actions/expressions),
 * `run:` steps run with `bash -e` (the default shell) and the step's evaluated `env:`, their
 * GITHUB_OUTPUT becomes `steps.<id>.outputs` and then the job's `outputs:`. GITHUB_TOKEN holds only
 * the permissions the job declares (the emulator refuses the rest), and `gh` is a stand-in that sends
 * `gh api` to the emulator. A job that calls a reusable workflow is answered by `call`.
 */

export interface CalledJob {
  result: 'success' | 'failure';
  outputs?: Record<string, string>;
}

export interface WorkflowRunOptions {
  github: Emulator;
  /** The `github` context: event_name, event (payload), repository, token, server_url, run_id, ... */
  context: Record<string, unknown>;
  /** `with:` of the caller; declared defaults fill the rest. */
  inputs?: Record<string, string | boolean>;
  call?: (jobId: string, job: Job, evaluatedWith: Record<string, string>) => CalledJob;
}

export interface JobRun {
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  /** For a called workflow: its `with:` as evaluated. */
  with?: Record<string, string>;
  /** For steps: what each printed on stderr. */
  stderr?: string;
}

const PERMISSIONS = ['contents', 'deployments', 'checks', 'statuses', 'actions', 'issues', 'pull-requests', 'administration'];
const STAND_IN = fileURLToPath(new URL('./gh-stand-in.mjs', import.meta.url));

const asData = (value: unknown): data.Dictionary => JSON.parse(JSON.stringify(value ?? {}), data.reviver) as data.Dictionary;

function evaluate(text: string, context: Record<string, unknown>): data.ExpressionData {
  const lexed = new Lexer(text).lex();
  const always = { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) };
  const expr = new Parser(lexed.tokens, Object.keys(context), [always]).parse();
  const dictionary = new data.Dictionary(...Object.entries(context).map(([key, value]) => ({ key, value: asData(value) })));
  return new Evaluator(expr, dictionary, new Map([['always', always]])).evaluate();
}

/** A value with `${{ }}` templates, evaluated to a string as the runner does. */
export function interpolate(value: unknown, context: Record<string, unknown>): string {
  return (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)).replace(/\$\{\{([\s\S]*?)\}\}/g, (_, inner: string) => evaluate(inner.trim(), context).coerceString());
}

/** A job's `if:`; without a status function it also needs every job it needs to have succeeded. */
function shouldRun(job: Job, context: Record<string, unknown>, needs: Record<string, JobRun>): boolean {
  const condition = String(job.if ?? '').replace(/^\$\{\{|\}\}$/g, '').trim();
  if (!/\b(always|failure|cancelled|success)\(\)/.test(condition) && Object.values(needs).some((run) => run.result !== 'success')) return false;
  return condition === '' || truthy(evaluate(condition, context));
}

function runScript(script: string, env: Record<string, string>, work: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(work, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Gives GITHUB_TOKEN exactly the job's `permissions:` on the emulator (metadata is always readable). */
function grant(github: Emulator, job: Job): void {
  const permissions = typeof job.permissions === 'object' ? job.permissions : {};
  for (const scope of PERMISSIONS) {
    const level = permissions[scope];
    github.restrictPermission(scope, level === 'write' ? false : level === 'read' ? 'read' : 'none');
  }
}

export async function runWorkflow(workflow: Workflow, options: WorkflowRunOptions): Promise<Record<string, JobRun>> {
  const declared = workflow.on.workflow_call?.inputs ?? {};
  const inputs = Object.fromEntries(Object.entries(declared).map(([name, io]) => [name, options.inputs?.[name] ?? io.default ?? '']));
  const work = mkdtempSync(join(tmpdir(), 'workflow-run-'));
  writeFileSync(join(work, 'gh'), `#!/bin/sh\nexec '${process.execPath}' '${STAND_IN}' "$@"\n`);
  chmodSync(join(work, 'gh'), 0o755);
  const runs: Record<string, JobRun> = {};
  try {
    const pending = Object.entries(workflow.jobs);
    while (pending.length > 0) {
      const index = pending.findIndex(([, job]) => [job.needs ?? []].flat().every((id) => runs[id]));
      if (index < 0) throw new Error('jobs wait on each other');
      const [jobId, job] = pending.splice(index, 1)[0]!;
      const needs = Object.fromEntries([job.needs ?? []].flat().map((id) => [id, runs[id]!]));
      const jobContext = { github: options.context, inputs, needs };
      if (!shouldRun(job, jobContext, needs)) {
        runs[jobId] = { result: 'skipped', outputs: {} };
        continue;
      }
      if (job.uses) {
        const evaluatedWith = Object.fromEntries(Object.entries(job.with ?? {}).map(([key, value]) => [key, interpolate(value, jobContext)]));
        const called = options.call?.(jobId, job, evaluatedWith) ?? { result: 'success' };
        runs[jobId] = { result: called.result, outputs: called.outputs ?? {}, with: evaluatedWith };
        continue;
      }
      grant(options.github, job);
      const steps: Record<string, { outputs: Record<string, string> }> = {};
      let result: JobRun['result'] = 'success';
      let stderr = '';
      for (const step of job.steps ?? []) {
        if (!step.run) throw new Error(`job ${jobId}: only run: steps are modelled`);
        const context = { ...jobContext, steps };
        const outputFile = join(work, `output-${jobId}-${step.id ?? 'step'}`);
        writeFileSync(outputFile, '');
        const env = Object.fromEntries(Object.entries({ ...job.env, ...step.env }).map(([key, value]) => [key, interpolate(value, context)]));
        const ran = await runScript(step.run, {
          PATH: `${work}:${process.env.PATH ?? ''}`,
          HOME: process.env.HOME ?? work,
          LANG: 'C.UTF-8',
          GITHUB_OUTPUT: outputFile,
          GH_STAND_IN_API_URL: options.github.url,
          ...env,
        }, work);
        stderr += ran.stderr;
        if (step.id) steps[step.id] = { outputs: parseKeyValueFile(readFileSync(outputFile, 'utf8')) };
        if (ran.code !== 0) {
          result = 'failure';
          break;
        }
      }
      const outputs = Object.fromEntries(Object.entries(job.outputs ?? {}).map(([key, value]) => [key, interpolate(value, { ...jobContext, steps })]));
      runs[jobId] = { result, outputs, stderr };
    }
    return runs;
  } finally {
    for (const scope of PERMISSIONS) options.github.restrictPermission(scope, false);
    rmSync(work, { recursive: true, force: true });
  }
}
