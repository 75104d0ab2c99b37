#!/usr/bin/env node
// Writes the inputs/outputs tables of each actions/<name>/README.md from its action.yml, between
// `<!-- slipway:reference -->` markers; the rest of the page is written by people.
// Usage: node scripts/action-docs.mjs [--check]   (--check: exit 1 when a page is out of date)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const START = '<!-- slipway:reference -->';
const END = '<!-- /slipway:reference -->';

const cell = (text) =>
  String(text ?? '')
    .trim()
    .replace(/\|/g, '\\|')
    .replace(/\r?\n+/g, ' ');
const code = (text) => (text === undefined || text === '' ? '' : `\`${cell(text)}\``);

/** The generated Markdown for one action.yml. */
export function referenceFor(meta) {
  const inputs = Object.entries(meta.inputs ?? {});
  const outputs = Object.entries(meta.outputs ?? {});
  const lines = ['## Inputs', ''];
  if (inputs.length === 0) lines.push('None.');
  else {
    lines.push('| name | description | required | default |', '| --- | --- | --- | --- |');
    for (const [name, input] of inputs)
      lines.push(
        `| \`${name}\` | ${cell(input.description)} | ${input.required ? 'yes' : 'no'} | ${code(input.default)} |`,
      );
  }
  lines.push('', '## Outputs', '');
  if (outputs.length === 0) lines.push('None.');
  else {
    lines.push('| name | description |', '| --- | --- |');
    for (const [name, output] of outputs) lines.push(`| \`${name}\` | ${cell(output.description)} |`);
  }
  return `${START}\n${lines.join('\n')}\n${END}`;
}

/** The page with its reference section replaced (or appended, for a new page). */
export function updatedPage(page, meta, name) {
  const reference = referenceFor(meta);
  if (page === undefined) {
    return `# ${meta.name ?? name}\n\n${cell(meta.description)}\n\n\`\`\`yaml\n- uses: slipway-hq/slipway/actions/${name}@v1\n\`\`\`\n\n${reference}\n`;
  }
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start) return `${page.trimEnd()}\n\n${reference}\n`;
  return page.slice(0, start) + reference + page.slice(end + END.length);
}

/** Pages that are out of date (and, unless `check`, rewrites them). */
export function syncActionDocs(root, { check = false } = {}) {
  const stale = [];
  for (const name of readdirSync(join(root, 'actions')).sort()) {
    // GitHub reads action.yml, or action.yaml when there is none.
    const metaFile = ['action.yml', 'action.yaml'].map((file) => join(root, 'actions', name, file)).find(existsSync);
    if (!metaFile) continue;
    const pageFile = join(root, 'actions', name, 'README.md');
    const page = existsSync(pageFile) ? readFileSync(pageFile, 'utf8') : undefined;
    const next = updatedPage(page, parse(readFileSync(metaFile, 'utf8')), name);
    if (next === page) continue;
    stale.push(`actions/${name}/README.md`);
    if (!check) writeFileSync(pageFile, next);
  }
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const check = process.argv.includes('--check');
  const stale = syncActionDocs(root, { check });
  for (const file of stale) console.log(`${check ? 'out of date' : 'updated'}: ${file}`);
  if (check && stale.length > 0) {
    console.error('Run `npm run docs` and commit the pages.');
    process.exitCode = 1;
  }
}
