import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string | number | boolean;
}

export interface ActionMetadata {
  /** Directory of action.yml: GITHUB_ACTION_PATH, and the base of `main`/`post`. */
  directory: string;
  file: string;
  name: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string }>;
  using: string;
  main: string;
  post?: string;
  postIf?: string;
}

/**
 * Finds an action's metadata: `'root'` is ./action.yml, a plain name is actions/<name>/action.yml,
 * and anything with a slash is a directory (absolute, or relative to the repository root).
 */
export function actionMetadataFile(action: string): string {
  if (action === 'root') return resolve(REPO_ROOT, 'action.yml');
  if (!action.includes('/')) return resolve(REPO_ROOT, 'actions', action, 'action.yml');
  return resolve(isAbsolute(action) ? action : resolve(REPO_ROOT, action), 'action.yml');
}

export function readActionMetadata(action: string): ActionMetadata {
  const file = actionMetadataFile(action);
  const directory = dirname(file);
  const document = parse(readFileSync(file, 'utf8')) as {
    name?: string;
    inputs?: Record<string, ActionInput | null>;
    outputs?: Record<string, { description?: string } | null>;
    runs?: { 'using'?: string; 'main'?: string; 'pre'?: string; 'post'?: string; 'post-if'?: string };
  };
  const runs = document.runs ?? {};
  if (!runs.using || !/^node\d+$/.test(runs.using) || !runs.main) {
    throw new Error(`${file}: the harness runs JavaScript actions only (runs.using nodeNN with runs.main)`);
  }
  if (runs.pre) throw new Error(`${file}: runs.pre is declared but the harness does not run pre steps`);
  return {
    directory,
    file,
    name: document.name ?? action,
    inputs: Object.fromEntries(Object.entries(document.inputs ?? {}).map(([name, input]) => [name, input ?? {}])),
    outputs: Object.fromEntries(Object.entries(document.outputs ?? {}).map(([name, output]) => [name, output ?? {}])),
    using: runs.using,
    main: resolve(directory, runs.main),
    post: runs.post ? resolve(directory, runs.post) : undefined,
    postIf: runs['post-if'],
  };
}

/** The variable the runner passes an input in: INPUT_ + upper-cased name, spaces to `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Evaluates the `${{ ... }}` parts of an input default. Supports what action defaults use: context
 * paths (`github.token`, `github.event.pull_request.number`, `runner.temp`, `env.NAME`), string,
 * number and boolean literals, and `a || b`.
 */
export function evaluateDefault(template: string, contexts: Record<string, unknown>): string {
  return template.replace(/\$\{\{(.*?)\}\}/g, (_match, expression: string) => {
    const value = expression
      .split('||')
      .map((alternative) => evaluateOperand(alternative.trim(), contexts, expression))
      .find((candidate) => candidate !== undefined && candidate !== null && candidate !== '' && candidate !== false);
    return value === undefined || value === null
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : (value as string | number | boolean).toString();
  });
}

function evaluateOperand(operand: string, contexts: Record<string, unknown>, expression: string): unknown {
  if (/^'.*'$/.test(operand)) return operand.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(operand)) return Number(operand);
  if (operand === 'true' || operand === 'false') return operand === 'true';
  if (!/^[A-Za-z_][\w-]*(\.[\w-]+|\[\d+\])*$/.test(operand)) {
    throw new Error(`The harness cannot evaluate the input default expression '\${{${expression}}}'`);
  }
  const [contextName, ...path] = operand.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '');
  if (!contextName || !(contextName in contexts)) {
    throw new Error(`Unknown context '${contextName}' in input default '\${{${expression}}}'`);
  }
  return path.reduce<unknown>(
    (value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    contexts[contextName],
  );
}
