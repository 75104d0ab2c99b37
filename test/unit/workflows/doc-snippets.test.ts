import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintWorkflows } from '../../../scripts/workflow-lint.mjs';
import { documentationPages, expressionsInRun, snippetsOf, unsafeUses } from './doc-snippets.js';

// Every YAML snippet users may copy from the documentation is held to what the workflows are held to:
// clean under actionlint and GitHub's parser, no expression inside `run:`, third-party actions pinned
// to a commit, and checkout without persisted credentials.

type Finding = { file: string; line: number; message: string; source: string };
const root = process.cwd();
const snippets = documentationPages(root).flatMap((page) => snippetsOf(root, page));
const workflows = snippets.filter((snippet) => snippet.workflow !== undefined);
const scratch = mkdtempSync(join(tmpdir(), 'snippets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('documentation snippets', () => {
  it('finds the snippets of README.md and the action pages, and reads most as workflows', () => {
    expect(snippets.filter((snippet) => snippet.name.startsWith('README.md#')).length).toBeGreaterThanOrEqual(3);
    expect(new Set(workflows.map((snippet) => snippet.name.split('#')[0])).size).toBeGreaterThanOrEqual(7);
  });

  it.each(workflows.map((snippet) => [snippet.name, snippet.workflow!]))(
    "%s lints clean under actionlint and GitHub's parser",
    async (name, workflow) => {
      const file = join(scratch, `${name.replace(/[^\w]+/g, '-')}.yml`);
      writeFileSync(file, workflow);
      const findings: Finding[] = await lintWorkflows([file], scratch);
      expect(
        findings.map((f) => `${f.line}: ${f.message} (${f.source})`),
        workflow,
      ).toEqual([]);
    },
  );

  it.each(workflows.map((snippet) => [snippet.name, snippet.workflow!]))(
    '%s puts no expression inside run: and pins what it uses',
    (_name, workflow) => {
      expect(expressionsInRun(workflow)).toEqual([]);
      expect(unsafeUses(workflow)).toEqual([]);
    },
  );

  it('would catch each habit it forbids', () => {
    const bad =
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - run: echo "${{ github.event.head_commit.message }}"\n';
    expect(expressionsInRun(bad)).toHaveLength(1);
    expect(unsafeUses(bad)).toEqual([
      'actions/checkout@v5 is not pinned to a full commit SHA',
      'actions/checkout@v5 without persist-credentials: false',
    ]);
  });
});
