import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { basename } from 'node:path';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';

// The parser imports its JSON schema without `with { type: 'json' }`, which Node refuses without this hook.
register('../../../scripts/json-import-hook.mjs', import.meta.url);
const { isBasicExpression, isMapping, isSequence, NoOperationTraceWriter, parseWorkflow } =
  await import('@actions/workflow-parser');

/** A `${{ }}` as GitHub's parser left it: one expression (`a ${{ b }}` is already `format('a {0}', b)`). */
export class Expression {
  constructor(readonly text: string) {}
}

/** A workflow value: literals as written, expressions still to be evaluated. */
export type Value = string | number | boolean | null | Expression | Value[] | { [key: string]: Value };

export type WorkflowTree = { [key: string]: Value };

function toValue(token: TemplateToken): Value {
  if (isBasicExpression(token)) return new Expression(token.expression);
  if (isMapping(token)) {
    const object: { [key: string]: Value } = {};
    for (let i = 0; i < token.count; i++) {
      const pair = token.get(i);
      object[String(pair.key)] = toValue(pair.value);
    }
    return object;
  }
  if (isSequence(token)) {
    const items: Value[] = [];
    for (let i = 0; i < token.count; i++) items.push(toValue(token.get(i)));
    return items;
  }
  return (token as unknown as { value: string | number | boolean | null }).value ?? null;
}

/**
 * A workflow file read by GitHub's own parser (@actions/workflow-parser): a file GitHub would refuse
 * throws with its errors, and every `${{ }}` arrives as one expression to evaluate.
 */
export function readWorkflowFile(file: string): WorkflowTree {
  const parsed = parseWorkflow(
    { name: basename(file), content: readFileSync(file, 'utf8') },
    new NoOperationTraceWriter(),
  );
  const errors = parsed.context.errors.getErrors();
  if (errors.length > 0 || !parsed.value)
    throw new Error(`${file}: GitHub would not run this workflow:\n${errors.map((e) => `- ${e.message}`).join('\n')}`);
  return toValue(parsed.value) as WorkflowTree;
}
