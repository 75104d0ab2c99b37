import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run demo`, as a person runs it: the whole pipeline against local services. */
function runDemo(): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', ['scripts/demo.ts'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Generous, and only against a hang: the demo must end by itself, having closed every server.
    const guard = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, output });
    });
  });
}

describe('npm run demo', () => {
  it('delivers through every stage, rolls back the bad release and leaves nothing running', async () => {
    const { code, signal, output } = await runDemo();
    expect(signal, output).toBeNull();
    expect(code, output).toBe(0);
    for (const stage of [
      '✅ Gate passed',
      '📦 Packaged hello-slipway 1.0.0',
      '✅ Promoted 1.0.0 to dev',
      '✅ Promoted 1.0.0 to staging',
      '✅ Promoted 1.0.0 to production',
      'Deployed 1.0.0 to production',
      '📝 Release v1.0.0 created',
      'Released 1.0.0',
      '↩️ Rolled back a failed promotion of 1.1.0 to dev',
      'dev still serves 1.0.0',
      'releases: v1.0.0 (2 assets',
    ]) {
      expect(output).toContain(stage);
    }
    expect(output).toMatch(/production {2}· {2}1\.0\.0 {2}·/);
    const leftovers = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes('slipway-demo-'));
    expect(leftovers).toEqual([]);
  }, 240_000);
});
