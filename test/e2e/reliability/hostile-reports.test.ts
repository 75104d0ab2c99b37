import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startEmulator } from '../../support/emulator/index.js';
import { type ActionRun, runAction } from '../../support/harness.js';
import { expectNoSecrets } from '../../support/secret-scan.js';
import { memoryProbe, MiB } from './memory-probe.js';

/**
 * Hostile test reports given to the bundled gate action, run as the runner runs it. Each is
 * refused with a one-line error or read in bounded memory: peak RSS of the action's process is
 * measured and held to a fixed bound over a run on a two-test report.
 */
const SHA = '5f2c1e0a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e';
/** A hostile report may cost at most this much more peak memory than a two-test one. */
const GROWTH_BOUND = 64 * MiB;

let gh: GitHubEmulator;
let scratch: string;
let baselineRss = 0;

beforeAll(async () => {
  gh = await startEmulator();
  gh.repo('octo/app');
  scratch = mkdtempSync(join(tmpdir(), 'slipway-hostile-reports-'));
});
afterAll(async () => {
  await gh.close();
  rmSync(scratch, { recursive: true, force: true });
});

function workspaceWith(name: string, content?: string): string {
  const workspace = mkdtempSync(join(scratch, 'ws-'));
  mkdirSync(join(workspace, 'reports'));
  if (content !== undefined) writeFileSync(join(workspace, 'reports', name), content);
  return workspace;
}

async function gate(workspace: string, inputs: Record<string, string> = {}): Promise<{ run: ActionRun; peak: number }> {
  const probe = memoryProbe();
  try {
    const run = await runAction({
      action: 'gate',
      github: gh,
      workspace,
      sha: SHA,
      inputs: { reports: 'reports/*.xml', ...inputs },
      env: { ...probe.env, SLIPWAY_RETRY_BASE_MS: '10' },
    });
    expectNoSecrets(run, [gh.token]);
    const peak = probe.peakBytes();
    console.log(`gate on ${workspace.split('/').pop()}: exit ${run.exitCode}, peak RSS ${(peak / MiB).toFixed(0)} MiB`);
    return { run, peak };
  } finally {
    probe.remove();
  }
}

/** A refusal as the user should see it: exit 1, one error line naming the file, no stack trace. */
function expectRefused(run: ActionRun, file: string, reason: RegExp): void {
  expect(run.exitCode).toBe(1);
  expect(run.errors).toHaveLength(1);
  expect(run.errors[0]).toContain(file);
  expect(run.errors[0]).toMatch(reason);
  expect(run.errors[0]).not.toContain('\n');
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

const PASSWD_MARKERS = /root:[^:\n]*:0:0:|\/bin\/(ba)?sh|nologin/;

describe('the gate given hostile XML reports', () => {
  // The baseline every bound is measured from: the same action on a two-test report.
  beforeAll(async () => {
    const { run, peak } = await gate(
      workspaceWith(
        'ok.xml',
        '<testsuite name="ok"><testcase classname="a" name="one"/><testcase classname="a" name="two"/></testsuite>',
      ),
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', total: '2' });
    expect(peak).toBeGreaterThan(10 * MiB);
    baselineRss = peak;
  });

  it('an external entity (file:///etc/passwd) is refused and the file is never read into anything', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE testsuite [\n  <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n<testsuite name="x"><testcase classname="c" name="&secret;"><failure message="&secret;">&secret;</failure></testcase></testsuite>\n`;
    const { run } = await gate(workspaceWith('xxe.xml', xxe), { 'check-run': 'Tests' });
    expectRefused(run, 'xxe.xml', /DOCTYPE with entity declarations/);
    for (const text of [run.stdout, run.stderr, run.summary, ...Object.values(run.outputs)])
      expect(text).not.toMatch(PASSWD_MARKERS);
    for (const checkRun of gh.state.checkRuns) expect(JSON.stringify(checkRun)).not.toMatch(PASSWD_MARKERS);
  });

  it('a parameter entity pulling a remote DTD is refused too, without any request', async () => {
    let fetched = 0;
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      fetched += 1;
      res.end('<!ENTITY % x "boom">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const report = `<?xml version="1.0"?>\n<!DOCTYPE testsuite [ <!ENTITY % remote SYSTEM "http://127.0.0.1:${port}/evil.dtd"> %remote; ]>\n<testsuite name="x"><testcase classname="c" name="n"/></testsuite>\n`;
      const { run } = await gate(workspaceWith('remote-dtd.xml', report));
      expectRefused(run, 'remote-dtd.xml', /DOCTYPE/);
      expect(fetched).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('billion laughs is refused before any expansion, in bounded memory', async () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
    );
    const report = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n${levels.join('\n')}\n]>\n<testsuites><testsuite name="lolz"><testcase classname="c" name="&lol9;"/></testsuite></testsuites>\n`;
    const { run, peak } = await gate(workspaceWith('lolz.xml', report));
    expectRefused(run, 'lolz.xml', /DOCTYPE with entity declarations/);
    expect(run.stdout).not.toContain('lollollol');
    expect(
      peak - baselineRss,
      `peak RSS ${(peak / MiB).toFixed(0)} MiB vs baseline ${(baselineRss / MiB).toFixed(0)} MiB`,
    ).toBeLessThan(GROWTH_BOUND);
  });

  /** Writes a report whose failing test carries about 100 MB of text, streamed to disk in 63 KiB chunks. */
  async function hugeReport(open: string, close: string): Promise<string> {
    const workspace = workspaceWith('huge.xml');
    const file = join(workspace, 'reports', 'huge.xml');
    const out = createWriteStream(file);
    out.write(
      `<?xml version="1.0"?>\n<testsuite name="huge"><testcase classname="app.Ok" name="passes"/><testcase classname="app.Big" name="fails"><failure message="boom">${open}`,
    );
    const chunk = 'stack frame line that goes on and on and on; '.repeat(1_400) + '\n';
    for (let written = 0; written < 100 * 1_000_000; written += chunk.length) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end(`${close}</failure></testcase></testsuite>\n`);
    await once(out, 'finish');
    expect(statSync(file).size).toBeGreaterThan(100 * 1_000_000);
    return workspace;
  }

  it.each([
    ['a 100 MB CDATA section', '<![CDATA[', ']]>'],
    ['100 MB of plain text', '', ''],
  ])('%s in a failure is read in bounded memory, and what is shown is capped', async (_name, open, close) => {
    const workspace = await hugeReport(open, close);
    const { run, peak } = await gate(workspace, { 'max-failures': '1', 'min-pass-rate': '0' });
    rmSync(workspace, { recursive: true, force: true });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', total: '2', failed: '1' });
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1 * MiB);
    expect(run.stdout.length).toBeLessThan(1 * MiB);
    expect(
      peak - baselineRss,
      `peak RSS ${(peak / MiB).toFixed(0)} MiB vs baseline ${(baselineRss / MiB).toFixed(0)} MiB`,
    ).toBeLessThan(GROWTH_BOUND);
  });

  // Nesting costs memory in proportion to depth (the parser keeps the open-tag stack): 100,000
  // levels must be read without a crash, and a million (a 7 MB file) must stay within the bound.
  const nested = (depth: number) =>
    `<testsuite name="deep"><testcase classname="app.Deep" name="nested"><system-out>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</system-out></testcase><testcase classname="app.Deep" name="after"/></testsuite>`;
  const nestedSuites = (depth: number) =>
    `<testsuites>${'<testsuite name="s">'.repeat(depth)}<testcase classname="app.Deep" name="inner"/><testcase classname="app.Deep" name="after"/>${'</testsuite>'.repeat(depth)}</testsuites>`;

  it.each([
    ['elements inside a test case', nested],
    ['test suites', nestedSuites],
  ])('100,000 nested %s are read without a crash or a stack trace', async (_name, make) => {
    const { run } = await gate(workspaceWith('deep.xml', make(100_000)));
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', total: '2' });
    expect(run.stderr).not.toMatch(/RangeError|Maximum call stack|heap out of memory/);
  });

  it.each([
    ['elements inside a test case', nested],
    ['test suites', nestedSuites],
  ])('1,000,000 nested %s (a 7 MB file) are read or refused within the memory bound', async (_name, make) => {
    const { run, peak } = await gate(workspaceWith('deeper.xml', make(1_000_000)));
    if (run.exitCode === 0) expect(run.outputs).toMatchObject({ passed: 'true', total: '2' });
    else expectRefused(run, 'deeper.xml', /deep|nest|depth/i);
    expect(run.stderr).not.toMatch(/RangeError|Maximum call stack|heap out of memory/);
    expect(
      peak - baselineRss,
      `peak RSS ${(peak / MiB).toFixed(0)} MiB vs baseline ${(baselineRss / MiB).toFixed(0)} MiB`,
    ).toBeLessThan(GROWTH_BOUND);
  });

  it('leaves nothing behind in the workspace but the reports', () => {
    for (const workspace of readdirSync(scratch))
      expect(readdirSync(join(scratch, workspace)).sort()).toEqual(['reports']);
  });
});
