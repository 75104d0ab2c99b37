import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { Expression, type Value } from './workflow-file.js';

/** What the status functions answer where an expression is evaluated (a job's needs, or the steps so far). */
export interface Status {
  failed: boolean;
  cancelled?: boolean;
}

export type Contexts = Record<string, unknown>;

const toData = (value: unknown): data.ExpressionData =>
  JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;

function statusFunctions(status: Status): FunctionDefinition[] {
  const result = (value: boolean) => () => new data.BooleanData(value);
  return [
    { name: 'success', minArgs: 0, maxArgs: 0, call: result(!status.failed && !status.cancelled) },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: result(status.failed && !status.cancelled) },
    { name: 'cancelled', minArgs: 0, maxArgs: 0, call: result(Boolean(status.cancelled)) },
    { name: 'always', minArgs: 0, maxArgs: 0, call: result(true) },
  ];
}

/** Evaluates one expression with GitHub's engine, the given contexts and the status functions. */
export function evaluate(text: string, contexts: Contexts, status: Status = { failed: false }): data.ExpressionData {
  const functions = statusFunctions(status);
  const lexed = new Lexer(text).lex();
  const parsed = new Parser(lexed.tokens, Object.keys(contexts), functions).parse();
  const dictionary = new data.Dictionary(
    ...Object.entries(contexts).map(([key, value]) => ({ key, value: toData(value) })),
  );
  return new Evaluator(parsed, dictionary, new Map(functions.map((fn) => [fn.name, fn]))).evaluate();
}

/** The plain value of an expression result: objects and arrays as JSON-like values, scalars as they are. */
export function plain(result: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(result, data.replacer)) as unknown;
}

/** A workflow value with its expressions evaluated (objects and arrays kept, for `matrix` and `fromJSON`). */
export function resolve(value: Value | undefined, contexts: Contexts, status?: Status): unknown {
  if (value instanceof Expression) return plain(evaluate(value.text, contexts, status));
  if (Array.isArray(value)) return value.map((item) => resolve(item, contexts, status));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, contexts, status)]));
  return value;
}

/** A value as the runner hands it to a step or an output: a string (objects as JSON). */
export function resolveString(value: Value | undefined, contexts: Contexts): string {
  if (value instanceof Expression) return evaluate(value.text, contexts).coerceString();
  const resolved = resolve(value, contexts);
  if (resolved === null || resolved === undefined) return '';
  return valueText(resolved);
}

/** A scalar as a workflow prints it; an object or array as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function resolveStrings(values: Value | undefined, contexts: Contexts): Record<string, string> {
  if (values === undefined || values === null) return {};
  if (values instanceof Expression)
    return Object.fromEntries(Object.entries(resolve(values, contexts) as object).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(
    Object.entries(values as Record<string, Value>).map(([key, value]) => [key, resolveString(value, contexts)]),
  );
}

/** An `if:` as the runner reads it: without a status function it is `success() && (…)`. */
export function condition(value: Value | undefined, contexts: Contexts, status: Status): boolean {
  if (value === undefined || value === null || value === '')
    return evaluate('success()', contexts, status).coerceString() === 'true';
  if (typeof value === 'boolean') return value && !status.failed;
  const text = (value instanceof Expression ? value.text : valueText(value))
    .replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1')
    .trim();
  const guarded = /\b(success|failure|always|cancelled)\s*\(/.test(text) ? text : `success() && (${text})`;
  return truthy(evaluate(guarded, contexts, status));
}
