#!/usr/bin/env node
// Pins Slipway's nested references for a release. A user who pins `deliver.yml@<sha>` still runs whatever
// `slipway-hq/slipway/actions/promote@v1` points at today, unless the released files name commits too.
// Usage (from the repository root):
//   node scripts/pin-nested-refs.mjs --depth                        how many release commits pin every chain
//   node scripts/pin-nested-refs.mjs --code <sha> --workflows <sha>  rewrite the released files in place
// Actions are pinned to the commit holding the code (`--code`); reusable workflows to `--workflows`, the commit
// before the one being made, whose own workflows are pinned already (see .github/workflows/release-slipway.yml).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument, Scalar, visit } from 'yaml';

const OURS = /^slipway-hq\/slipway(\/[^@]*)?@(.+)$/i;
const WORKFLOW_PATH = /^\/(\.github\/workflows\/[^@]+\.ya?ml)$/;
const SHA = /^[0-9a-f]{40}$/;

/** The `uses:` values of a workflow file, with where each sits in the text. */
function usesScalars(text) {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new Error(document.errors[0].message);
  const found = [];
  visit(document, {
    Pair(_, pair) {
      if (
        isScalar(pair.key) &&
        pair.key.value === 'uses' &&
        isScalar(pair.value) &&
        typeof pair.value.value === 'string'
      )
        found.push(pair.value);
    },
  });
  return { document, found };
}

/** What a `uses:` names when it is Slipway's own: `{ workflow: '.github/workflows/x.yml' }` or `{}` for an action. */
export function nestedRef(uses) {
  const match = OURS.exec(uses);
  if (!match) return undefined;
  const workflow = WORKFLOW_PATH.exec(match[1] ?? '');
  return { path: match[1] ?? '', ref: match[2], workflow: workflow?.[1] };
}

/**
 * The text with every `uses: slipway-hq/slipway…@<ref>` pinned: actions to `code`, reusable workflows to
 * `workflows`. Only `uses:` values change (a `run:` script or a description mentioning a ref is left as it is),
 * byte for byte everything else; other repositories' actions are never touched. Running it again changes nothing.
 */
export function pinNestedRefs(text, { code, workflows }) {
  for (const [flag, sha] of [
    ['--code', code],
    ['--workflows', workflows],
  ]) {
    if (!SHA.test(sha ?? '')) throw new Error(`${flag} must be a full 40-character commit SHA, got '${sha ?? ''}'`);
  }
  const edits = [];
  for (const scalar of usesScalars(text).found) {
    const nested = nestedRef(scalar.value);
    if (!nested) continue;
    const pinned = `${scalar.value.slice(0, scalar.value.length - nested.ref.length)}${nested.workflow ? workflows : code}`;
    const quoted =
      scalar.type === Scalar.QUOTE_DOUBLE
        ? JSON.stringify(pinned)
        : scalar.type === Scalar.QUOTE_SINGLE
          ? `'${pinned}'`
          : pinned;
    edits.push({ start: scalar.range[0], end: scalar.range[1], text: quoted });
  }
  return edits
    .sort((a, b) => b.start - a.start)
    .reduce((result, edit) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
}

/** The files a release pins: reusable workflows (`on: workflow_call`) and starter templates, relative to `root`. */
export function releasedFiles(root) {
  const list = (dir) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((name) => /\.ya?ml$/.test(name))
          .sort()
          .map((name) => `${dir}/${name}`)
      : [];
  const reusable = list('.github/workflows').filter((file) => {
    const on = parseDocument(readFileSync(join(root, file), 'utf8')).get('on');
    return isMap(on) && on.has('workflow_call');
  });
  return [...reusable, ...list('.github/workflow-templates')];
}

/**
 * How many release commits it takes until every chain of nested references ends in pinned actions: a file
 * using only actions needs one (they are pinned to the code commit), a file calling a reusable workflow one more
 * than that workflow (it is pinned to the commit before, which must already have pinned its own references).
 */
export function nestingDepth(root, files = releasedFiles(root)) {
  const depths = new Map();
  const depthOf = (file, seen) => {
    if (depths.has(file)) return depths.get(file);
    if (seen.includes(file)) throw new Error(`${file} calls itself through ${seen.join(' → ')}`);
    let depth = 0;
    for (const scalar of usesScalars(readFileSync(join(root, file), 'utf8')).found) {
      const nested = nestedRef(scalar.value);
      if (nested) depth = Math.max(depth, nested.workflow ? 1 + depthOf(nested.workflow, [...seen, file]) : 1);
    }
    depths.set(file, depth);
    return depth;
  };
  return Math.max(0, ...files.map((file) => depthOf(file, [])));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.cwd();
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  try {
    if (args.includes('--depth')) {
      console.log(nestingDepth(root));
    } else {
      const shas = { code: value('--code'), workflows: value('--workflows') };
      for (const file of releasedFiles(root)) {
        const before = readFileSync(join(root, file), 'utf8');
        const after = pinNestedRefs(before, shas);
        if (after !== before) {
          writeFileSync(join(root, file), after);
          console.log(`pinned ${file}`);
        }
      }
    }
  } catch (error) {
    console.error(`pin-nested-refs: ${error.message}`);
    process.exitCode = 1;
  }
}
