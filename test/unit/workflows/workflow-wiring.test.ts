import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workflowFiles } from '../../../scripts/workflow-lint.mjs';

type Io = Record<string, { required?: boolean; default?: unknown } | null>;
interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
}
interface Job {
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on?: { workflow_call?: { inputs?: Io; outputs?: Record<string, { value: string }>; secrets?: Io } };
  jobs: Record<string, Job>;
}
interface Interface {
  inputs: Io;
  outputs: string[];
  secrets?: Io;
}

const root = process.cwd();
const files: string[] = workflowFiles(root);
const load = <T>(file: string) => parse(readFileSync(file, 'utf8')) as T;

/** The inputs and outputs of what a `uses:` names, when it is one of Slipway's own. */
function slipwayInterface(uses: string): Interface | undefined {
  // `./`: this repository's root action, which Slipway's own release runs.
  const action = /^slipway-hq\/slipway(?:\/actions\/([a-z-]+))?@v1$/.exec(uses) ?? (uses === './' ? [uses] : null);
  if (action) {
    const file = action[1] ? join(root, 'actions', action[1], 'action.yml') : join(root, 'action.yml');
    expect(existsSync(file), `${uses} exists`).toBe(true);
    const meta = load<{ inputs?: Io; outputs?: Io }>(file);
    return { inputs: meta.inputs ?? {}, outputs: Object.keys(meta.outputs ?? {}) };
  }
  const workflow = /^slipway-hq\/slipway\/\.github\/workflows\/([a-z-]+\.yml)@v1$/.exec(uses);
  if (workflow) {
    const call = load<Workflow>(join(root, '.github/workflows', workflow[1]!)).on?.workflow_call;
    expect(call, `${uses} is callable`).toBeDefined();
    return { inputs: call?.inputs ?? {}, outputs: Object.keys(call?.outputs ?? {}), secrets: call?.secrets ?? {} };
  }
  expect(
    uses.startsWith('slipway-hq/') || uses.startsWith('./'),
    `${uses}: Slipway is referenced as slipway-hq/slipway/...@v1`,
  ).toBe(false);
  return undefined;
}

function checkCall(where: string, target: Interface, given: Record<string, unknown> = {}) {
  for (const key of Object.keys(given))
    expect(Object.keys(target.inputs), `${where}: with.${key} is an input`).toContain(key);
  for (const [name, input] of Object.entries(target.inputs)) {
    if (input?.required && input.default === undefined)
      expect(Object.keys(given), `${where}: required input ${name}`).toContain(name);
  }
}

/** Outputs a run: script writes to $GITHUB_OUTPUT (`echo "name=value"`). */
const scriptOutputs = (script = '') =>
  script.includes('GITHUB_OUTPUT') ? [...script.matchAll(/echo "([A-Za-z0-9_-]+)=/g)].map((m) => m[1]!) : [];

const references = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => [m[1]!, m[2]!] as const);

describe.each(files.map((file) => [basename(file), file]))('%s', (_name, file) => {
  const workflow = load<Workflow>(file);
  const jobs = workflow.jobs;

  it('passes Slipway steps and workflows only inputs they declare, and every required one', () => {
    for (const [jobId, job] of Object.entries(jobs)) {
      if (job.uses) {
        const target = slipwayInterface(job.uses);
        if (!target) continue;
        checkCall(`job ${jobId}`, target, job.with);
        if (job.secrets && job.secrets !== 'inherit') {
          for (const key of Object.keys(job.secrets))
            expect(Object.keys(target.secrets ?? {}), `job ${jobId}: secret ${key}`).toContain(key);
        }
      }
      for (const step of job.steps ?? []) {
        const target = step.uses ? slipwayInterface(step.uses) : undefined;
        if (target) checkCall(`job ${jobId} step ${step.id ?? step.uses}`, target, step.with);
      }
    }
  });

  it('reads only outputs that exist', () => {
    for (const [jobId, job] of Object.entries(jobs)) {
      const text = JSON.stringify(job);
      const stepOutputs = new Map(
        (job.steps ?? [])
          .filter((s) => s.id)
          .map((s) => [s.id!, s.uses ? slipwayInterface(s.uses)?.outputs : scriptOutputs(s.run)]),
      );
      for (const [stepId, output] of references(text, /steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        expect([...stepOutputs.keys()], `job ${jobId}: step ${stepId}`).toContain(stepId);
        expect(stepOutputs.get(stepId), `job ${jobId}: steps.${stepId}.outputs.${output}`).toContain(output);
      }
      const needs = [job.needs ?? []].flat();
      for (const [needed, output] of references(text, /needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        expect(needs, `job ${jobId} reads needs.${needed} without needing it`).toContain(needed);
        const upstream = jobs[needed]!;
        const outputs = upstream.uses ? slipwayInterface(upstream.uses)?.outputs : Object.keys(upstream.outputs ?? {});
        expect(outputs, `job ${jobId}: needs.${needed}.outputs.${output}`).toContain(output);
      }
    }
    for (const [name, output] of Object.entries(workflow.on?.workflow_call?.outputs ?? {})) {
      for (const [jobId, jobOutput] of references(output.value, /jobs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        const job = jobs[jobId]!;
        const outputs = job.uses ? slipwayInterface(job.uses)?.outputs : Object.keys(job.outputs ?? {});
        expect(outputs, `output ${name}: jobs.${jobId}.outputs.${jobOutput}`).toContain(jobOutput);
      }
    }
  });

  it('never expands an expression inside a run: script (pass values through env:)', () => {
    for (const [jobId, job] of Object.entries(jobs)) {
      for (const step of job.steps ?? []) {
        if (step.run) expect(step.run, `job ${jobId}: run script`).not.toContain('${{');
      }
    }
  });

  it('grants no permissions at the top and pins third-party actions to a full SHA', () => {
    expect((workflow as { permissions?: unknown }).permissions).toEqual({});
    for (const job of Object.values(jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses && !step.uses.startsWith('slipway-hq/slipway') && step.uses !== './')
          expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      }
    }
  });
});

describe('starter templates', () => {
  it("each has a properties file in GitHub's starter-workflow format", () => {
    const templates = files.filter((file) => file.includes('workflow-templates'));
    expect(templates.length).toBeGreaterThanOrEqual(4);
    for (const template of templates) {
      const properties = JSON.parse(readFileSync(template.replace(/\.ya?ml$/, '.properties.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(typeof properties.name).toBe('string');
      expect(typeof properties.description).toBe('string');
      expect(Array.isArray(properties.categories)).toBe(true);
    }
  });
});
