import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSampleRepo } from '../../../scripts/demo/sample-app.js';
import { sshdAvailable } from '../../support/openssh-server.js';

/** A listening TCP socket from /proc/net/tcp{,6}. */
interface Listener {
  address: string;
  port: number;
  inode: string;
}

/** Every listening TCP socket on the machine (state 0A), IPv4 and IPv6. */
function listeners(): Listener[] {
  const found: Listener[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A') continue;
      const [hexAddress, hexPort] = fields[1]!.split(':') as [string, string];
      const address =
        hexAddress.length === 8
          ? (hexAddress.match(/../g) ?? [])
              .reverse()
              .map((byte) => parseInt(byte, 16))
              .join('.')
          : `[${hexAddress}]`;
      found.push({ address, port: parseInt(hexPort, 16), inode: fields[9]! });
    }
  }
  return found;
}

/** A process as /proc knows it: its state, its parent and its start time (which tells a reused pid apart). */
type ProcessTable = Map<number, { state: string; ppid: number; started: string }>;

function processTable(): ProcessTable {
  const table: ProcessTable = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { state: fields[0]!, ppid: Number(fields[1]), started: fields[19]! });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

function descendants(root: number, table: ProcessTable): number[] {
  const found = [root];
  for (let i = 0; i < found.length; i++)
    for (const [pid, info] of table) if (info.ppid === found[i] && !found.includes(pid)) found.push(pid);
  return found;
}

function socketInodes(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        return target.startsWith('socket:[') ? [target.slice(8, -1)] : [];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

interface DemoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  seconds: number;
  /** `pid:start time` of every process of the demo's tree seen while it ran. */
  processes: Set<string>;
  /** The listening sockets those processes held. */
  listened: Map<string, Listener>;
  commands: Map<string, string>;
}

/** `npm run demo`, as a person runs it, watched from /proc: its processes and the ports they listen on. */
function runDemo(report: string): Promise<DemoRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('node_modules/.bin/tsx', ['scripts/demo.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SLIPWAY_DEMO_REPORT: report },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const processes = new Set<string>();
    const commands = new Map<string, string>();
    const listened = new Map<string, Listener>();
    const watch = () => {
      const table = processTable();
      const tree = descendants(child.pid!, table);
      const inodes = new Set(tree.flatMap(socketInodes));
      for (const pid of tree) {
        const key = `${pid}:${table.get(pid)?.started}`;
        if (!processes.has(key)) {
          processes.add(key);
          try {
            commands.set(key, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
          } catch {
            /* gone */
          }
        }
      }
      for (const listener of listeners()) if (inodes.has(listener.inode)) listened.set(listener.inode, listener);
    };
    const watcher = setInterval(watch, 100);
    // Generous, and only against a hang: the demo must end by itself, having closed every server.
    const guard = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code, signal) => {
      clearInterval(watcher);
      clearTimeout(guard);
      resolve({ code, signal, output, seconds: (performance.now() - started) / 1000, processes, listened, commands });
    });
  });
}

/**
 * Processes of the demo's tree still running. An orphan's exit is only noticed by whoever adopts it, so
 * allow a moment for that; a zombie is dead already (its parent, not the demo, has yet to reap it).
 */
async function survivors(run: DemoRun): Promise<string[]> {
  let left: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const table = processTable();
    left = [...run.processes].filter((entry) => {
      const [pid, started] = entry.split(':');
      const now = table.get(Number(pid));
      return now !== undefined && now.started === started && now.state !== 'Z';
    });
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return left;
}

/** How many tests the sample app really has, counted by running them here with node's TAP reporter. */
function sampleTestCount(): number {
  const dir = mkdtempSync(join(tmpdir(), 'sample-count-'));
  try {
    const repo = createSampleRepo(dir);
    const tap = execFileSync(process.execPath, ['--test', '--test-reporter=tap', 'test/page.test.mjs'], {
      cwd: repo.dir,
      encoding: 'utf8',
    });
    return Number(/^# tests (\d+)$/m.exec(tap)?.[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Report {
  headSha: string;
  outputs: Record<'gate' | 'package' | 'broken' | 'release' | 'flags', Record<string, string>>;
  served: { path: string; release: string | null; status: number }[];
  links: Record<string, Record<'current' | 'preview' | 'blue' | 'green', string | null>>;
  live: Record<string, { health: { version?: string }; page: string }>;
  checkRuns: { name: string; head_sha: string; status: string; conclusion: string | null }[];
  deployments: {
    id: number;
    environment: string;
    sha: string;
    payload: {
      version: string;
      digest: string;
      slot: string;
      upstream: { environment: string; deployment_id: number } | null;
    };
  }[];
  deploymentStatuses: { deploymentId: number; state: string }[];
  releases: { tag: string; draft: boolean; body: string; assets: { name: string; digest: string }[] }[];
  slack: { ts: string; text: string; edited: boolean }[];
  emails: { subject: string; messageId: string; inReplyTo?: string }[];
}

describe('npm run demo', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'demo-test-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('delivers through every stage, rolls back the bad release and leaves nothing running', async () => {
    const before = new Set(listeners().map((l) => `${l.address}:${l.port}`));
    const run = await runDemo(join(scratch, 'report.json'));
    console.log(`npm run demo took ${run.seconds.toFixed(1)} s (wall clock, for the record; not asserted)`);
    expect(run.signal, run.output).toBeNull();
    expect(run.code, run.output).toBe(0);

    // Nothing left behind: every process of its tree is gone, and no socket it listened on still listens.
    const demoPorts = [...run.listened.values()];
    expect(
      demoPorts.length,
      "the watcher saw the demo's servers (emulator, artifact service, chat sinks, SMTP, site)",
    ).toBeGreaterThanOrEqual(5);
    expect(
      demoPorts.filter((l) => l.address !== '127.0.0.1'),
      'servers bind to loopback only',
    ).toEqual([]);
    const after = listeners();
    expect(after.filter((l) => run.listened.has(l.inode))).toEqual([]);
    const newSinceBefore = after.filter((l) => !before.has(`${l.address}:${l.port}`)).map((l) => l.port);
    expect(demoPorts.map((l) => l.port).filter((port) => newSinceBefore.includes(port))).toEqual([]);
    expect((await survivors(run)).map((entry) => `${entry}: ${run.commands.get(entry) ?? '?'}`)).toEqual([]);
    const leftovers = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('slipway-demo-'));
    expect(leftovers).toEqual([]);

    const report = JSON.parse(readFileSync(join(scratch, 'report.json'), 'utf8')) as Report;
    const { gate, package: packaged, broken } = report.outputs;
    const releaseOf = (outputs: Record<string, string>) =>
      `${outputs.version}-${outputs.digest!.slice('sha256:'.length, 'sha256:'.length + 12)}`;
    const good = releaseOf(packaged);
    const bad = releaseOf(broken);

    // The gate counted the sample's real tests, and published its verdict on the commit.
    const tests = sampleTestCount();
    expect(tests).toBeGreaterThan(0);
    expect(gate).toMatchObject({
      'passed': 'true',
      'total': String(tests),
      'passed-count': String(tests),
      'failed': '0',
    });
    expect(report.checkRuns).toEqual([
      expect.objectContaining({
        name: 'Slipway gate',
        head_sha: report.headSha,
        status: 'completed',
        conclusion: 'success',
      }),
    ]);

    // Built once: the artefact attached to the release is byte for byte the one every environment got.
    const [release] = report.releases;
    expect(report.releases).toHaveLength(1);
    expect(release).toMatchObject({ tag: 'v1.0.0', draft: false });
    expect(release!.assets.find((asset) => asset.name === packaged['artifact-name'])?.digest).toBe(packaged.digest);
    expect(release!.assets.map((asset) => asset.name)).toContain('SHA256SUMS');
    for (const pull of [1, 2, 3, 4]) expect(release!.body).toContain(`(#${pull})`);

    // Promoted dev → staging → production, each from the one before, each recorded a success.
    const succeeded = (id: number) => report.deploymentStatuses.filter((s) => s.deploymentId === id).at(-1)?.state;
    const firstOf = (environment: string) => report.deployments.find((d) => d.environment === environment)!;
    const [dev, staging, production] = ['dev', 'staging', 'production'].map(firstOf) as [
      Report['deployments'][0],
      Report['deployments'][0],
      Report['deployments'][0],
    ];
    // A feature pulled in production with a flag: served off at once, the release unchanged, the change recorded.
    const flags = report.outputs.flags;
    expect(JSON.parse(flags['features-before']!)).toEqual({ 'greeting-v2': true });
    expect(JSON.parse(flags['features-after']!)).toEqual({ 'greeting-v2': false });
    expect(flags['live-version']).toBe('1.0.0');
    const flagRecord = report.deployments.find((d) => String(d.id) === flags['deployment-id']);
    expect(flagRecord).toMatchObject({
      environment: 'production',
      payload: { slipway_flags: 1, changed: [{ flag: 'greeting-v2', from: 'on', to: 'off' }] },
    });
    expect(succeeded(flagRecord!.id)).toBe('success');

    for (const deployment of [dev, staging, production]) {
      expect(deployment.payload).toMatchObject({ version: '1.0.0', digest: packaged.digest, slot: 'blue' });
      expect(deployment.sha).toBe(report.headSha);
      expect(succeeded(deployment.id)).toBe('success');
    }
    expect(dev.payload.upstream).toBeNull();
    expect(staging.payload.upstream).toEqual({ environment: 'dev', deployment_id: dev.id });
    expect(production.payload.upstream).toEqual({ environment: 'staging', deployment_id: staging.id });

    // Blue/green through the real site: the idle slot answered on its preview URL before the live URL did,
    // and at the end every environment's live URL answers with the promoted version.
    for (const environment of ['dev', 'staging', 'production']) {
      const preview = report.served.findIndex(
        (s) => s.path === `/${environment}/preview/health.json` && s.release === good && s.status === 200,
      );
      const live = report.served.findIndex(
        (s) => s.path === `/${environment}/health.json` && s.release === good && s.status === 200,
      );
      expect(preview, `${environment}: preview answered`).toBeGreaterThanOrEqual(0);
      expect(live, `${environment}: live answered after the switch`).toBeGreaterThan(preview);
      expect(report.live[environment]!.health.version).toBe('1.0.0');
      expect(report.live[environment]!.page).toContain('hello-slipway 1.0.0');
      expect(report.links[environment]!.current).toBe(good);
    }

    // The broken 1.1.0 went to the other slot, took traffic, failed verification, and traffic went back.
    const devLive = report.served.filter((s) => s.path === '/dev/health.json');
    const tookTraffic = devLive.findIndex((s) => s.release === bad);
    expect(tookTraffic, 'the switch to 1.1.0 happened').toBeGreaterThan(0);
    expect(devLive[tookTraffic]!.status).toBe(404);
    expect(
      devLive.slice(tookTraffic).some((s) => s.release === good && s.status === 200),
      'traffic came back to 1.0.0',
    ).toBe(true);
    expect(devLive.at(-1)).toMatchObject({ release: good, status: 200 });
    expect(report.links.dev).toMatchObject({ current: good, blue: good, green: bad });
    const failed = report.deployments.find((d) => d.environment === 'dev' && d.payload.version === '1.1.0')!;
    expect(failed.payload).toMatchObject({ digest: broken.digest, slot: 'green' });
    expect(['failure', 'error']).toContain(succeeded(failed.id));

    // People were told: the "deploying" chat message became "deployed" in place; the e-mail replied in its thread.
    expect(report.slack).toHaveLength(2);
    expect(report.slack[0]).toMatchObject({ edited: true });
    expect(report.slack[0]!.text).toContain('Deployed 1.0.0 to production');
    expect(report.slack[1]!.text).toContain('Released 1.0.0');
    expect(report.emails).toHaveLength(3);
    expect(report.emails[1]!.inReplyTo).toBe(report.emails[0]!.messageId);

    // And the terminal shows it readably, ending with the environment × version matrix.
    for (const stage of [
      '✅ Gate passed',
      '↩️ Rolled back a failed promotion of 1.1.0 to dev',
      'dev still serves 1.0.0',
    ])
      expect(run.output).toContain(stage);
    expect(run.output).toMatch(/production {2}· {2}1\.0\.0 {2}·/);
    expect(run.output).not.toMatch(/\|\s*---/);
    // Production is a server reached over SSH where OpenSSH is installed (.ci/run installs it), and the demo says which.
    if (sshdAvailable()) {
      expect(run.output).toContain('sshd found: production is deployed over SSH to ssh://');
      expect(run.output).toContain('Promote 1.0.0 to production (from staging), blue/green over SSH');
    } else expect(run.output).toContain('sshd not found: deploying to dir: instead');
    // It ends with the delivery metrics of what it just did.
    expect(run.output).toMatch(/Delivery metrics, last 30 days/);
    expect(run.output.slice(run.output.lastIndexOf('Delivery metrics'))).toMatch(/Delivered/);
  }, 240_000);
});
