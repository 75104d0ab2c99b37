import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** A ```yaml block of a Markdown page, and the workflow it is linted as. */
export interface Snippet {
  /** `README.md#2`: the page and the block's number on it. */
  name: string;
  text: string;
  /** The snippet as a whole workflow (fragments wrapped in a job), or undefined when it is no workflow part. */
  workflow?: string;
}

/** Every page whose YAML the tests hold to: README.md, each action's README.md, and docs/. */
export function documentationPages(root: string): string[] {
  const actions = readdirSync(join(root, 'actions')).map((name) => join('actions', name, 'README.md'));
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', ...actions, ...docs].filter((page) => {
    try {
      readFileSync(join(root, page));
      return true;
    } catch {
      return false;
    }
  });
}

const dedent = (text: string): string => {
  const indent = Math.min(
    ...text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => /^ */.exec(line)![0].length),
  );
  return text
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n');
};
const indented = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => (line.trim() ? `${' '.repeat(spaces)}${line}` : line))
    .join('\n');

/**
 * Jobs standing in for the `needs.<job>.outputs.<name>` a fragment reads, so that actionlint checks the
 * fragment as it would run in a workflow that has them.
 */
function neededJobs(text: string): { ids: string[]; yaml: string } {
  const outputs = new Map<string, Set<string>>();
  for (const [, job, output] of text.matchAll(/needs\.([\w-]+)\.outputs\.([\w-]+)/g))
    outputs.set(job!, (outputs.get(job!) ?? new Set()).add(output!));
  const yaml = [...outputs].map(([job, names]) =>
    [
      `  ${job}:`,
      '    runs-on: ubuntu-latest',
      '    outputs:',
      ...[...names].map((name) => `      ${name}: \${{ steps.made.outputs.${name} }}`),
      '    steps:',
      '      - id: made',
      '        run: "true"',
    ].join('\n'),
  );
  return { ids: [...outputs.keys()], yaml: yaml.join('\n') };
}

/** A fragment as the workflow it belongs in: steps in a job, a job body in a job, jobs under `on: push`. */
function asWorkflow(text: string): string | undefined {
  const body = dedent(text);
  const value = parse(body) as unknown;
  const needed = neededJobs(body);
  const job = (content: string) =>
    [
      'on: push',
      'jobs:',
      needed.yaml,
      '  snippet:',
      '    runs-on: ubuntu-latest',
      needed.ids.length ? `    needs: [${needed.ids.join(', ')}]` : '',
      content,
    ]
      .filter(Boolean)
      .join('\n');
  if (Array.isArray(value)) {
    if (!value.every((item) => item && typeof item === 'object' && ('uses' in item || 'run' in item))) return undefined;
    return job(`    steps:\n${indented(body, 6)}`);
  }
  if (!value || typeof value !== 'object') return undefined;
  if ('jobs' in value) return 'on' in value ? body : `on: push\n${body}`;
  if ('steps' in value) return job(indented(body, 4));
  return undefined;
}

export function snippetsOf(root: string, page: string): Snippet[] {
  const markdown = readFileSync(join(root, page), 'utf8');
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((match, index) => ({
    name: `${page}#${index + 1}`,
    text: match[1]!,
    workflow: asWorkflow(match[1]!),
  }));
}

/** Every `run:` of the workflow that holds an expression: the runner pastes it into the script (injection). */
export function expressionsInRun(workflow: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'run' && typeof item === 'string' && item.includes('${{')) found.push(item);
        else walk(item);
      }
    }
  };
  walk(parse(workflow));
  return found;
}

/** Third-party actions not pinned to a full commit SHA, and checkouts that leave the token in .git/config. */
export function unsafeUses(workflow: string): string[] {
  const problems: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const step = value as { uses?: unknown; with?: Record<string, unknown> };
      if (typeof step.uses === 'string' && !step.uses.startsWith('slipway-hq/slipway') && !step.uses.startsWith('./')) {
        if (!/@[0-9a-f]{40}$/.test(step.uses)) problems.push(`${step.uses} is not pinned to a full commit SHA`);
        if (step.uses.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false)
          problems.push(`${step.uses} without persist-credentials: false`);
      }
      Object.values(value).forEach(walk);
    }
  };
  walk(parse(workflow));
  return problems;
}
