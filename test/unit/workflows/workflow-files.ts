import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The parts of a workflow file the workflow tests read. */
export interface Step {
  'id'?: string;
  'name'?: string;
  'if'?: string;
  'uses'?: string;
  'run'?: string;
  'env'?: Record<string, string>;
  'with'?: Record<string, string | number | boolean>;
  'continue-on-error'?: boolean;
}

export type Permissions = Record<string, 'read' | 'write' | 'none'>;

export interface Job {
  if?: string;
  uses?: string;
  needs?: string | string[];
  with?: Record<string, string | number | boolean>;
  secrets?: Record<string, string> | 'inherit';
  permissions?: Permissions | 'read-all' | 'write-all';
  environment?: string | { name: string; url?: string; deployment?: boolean };
  concurrency?: string | { 'group': string; 'cancel-in-progress'?: boolean | string };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps?: Step[];
}

export interface Io {
  description?: string;
  type?: string;
  required?: boolean;
  default?: unknown;
  options?: string[];
  value?: string;
}

export interface Workflow {
  name?: string;
  on: Record<
    string,
    {
      inputs?: Record<string, Io>;
      outputs?: Record<string, Io>;
      secrets?: Record<string, Io>;
      tags?: string[];
      branches?: string[];
    } | null
  >;
  permissions?: Permissions;
  jobs: Record<string, Job>;
}

export const root = process.cwd();

export function loadWorkflow(relative: string): Workflow {
  return parse(readFileSync(join(root, relative), 'utf8')) as Workflow;
}

/**
 * `slipway-hq/slipway/actions/<name>@v1` → name; `slipway-hq/slipway@v1` → 'release-notes' (the root action), and
 * so is `./` in this repository's own workflows (its release uses what it ships).
 */
export function slipwayAction(uses: string | undefined): string | undefined {
  if (uses === './') return 'release-notes';
  const match = /^slipway-hq\/slipway(?:\/actions\/([a-z-]+))?@v1$/.exec(uses ?? '');
  return match ? (match[1] ?? 'release-notes') : undefined;
}

/** `slipway-hq/slipway/.github/workflows/<file>@v1` → `.github/workflows/<file>`. */
export function slipwayWorkflow(uses: string | undefined): string | undefined {
  const match = /^slipway-hq\/slipway\/(\.github\/workflows\/[a-z-]+\.yml)@v1$/.exec(uses ?? '');
  return match?.[1];
}

export const needsOf = (job: Job): string[] => [job.needs ?? []].flat();

/** The steps of a job that use a given Slipway action. */
export const stepsUsing = (job: Job, action: string): Step[] =>
  (job.steps ?? []).filter((step) => slipwayAction(step.uses) === action);

/** Removes `${{ }}` and whitespace, so expressions compare by content. */
export const expression = (value: unknown): string =>
  (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value))
    .replace(/^\$\{\{\s*|\s*\}\}$/g, '')
    .trim();
