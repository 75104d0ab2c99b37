import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256File, verifyAndExtract } from '../../../src/packaging/extract.js';
import {
  type DeliveryDeps,
  type DeliverySettings,
  deliverRelease,
  type Release,
} from '../../../src/promotion/delivery.js';
import { DirTarget } from '../../../src/promotion/dir-target.js';
import { makeArtefact } from './artefacts.js';
import { childExec } from './child-exec.js';
import { fakeClock } from '../runtime/fake-clock.js';
import { loopback } from './loopback.js';

let work: string;
let root: string;
let server: Awaited<ReturnType<typeof loopback>>;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'slipway-deliver-'));
  root = join(work, 'site');
  // /live serves the `current` link, /slot/<name> a blue/green slot; each release's `status` file sets the answer.
  server = await loopback(async (req, res) => {
    const link = req.url === '/live' ? 'current' : (req.url ?? '').replace('/slot/', '');
    const dir = await realpath(join(root, link));
    const status = Number(await readFile(join(dir, 'status'), 'utf8'));
    res.writeHead(status).end(await readFile(join(dir, 'version.txt'), 'utf8'));
  });
});

afterEach(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

async function artefact(version: string, status = 200): Promise<{ file: string; digest: string }> {
  const made = await makeArtefact(work, version, status);
  expect(await sha256File(made.file)).toBe(made.digest);
  return made;
}

function settings(overrides: Partial<DeliverySettings>): DeliverySettings {
  return {
    environment: 'production',
    strategy: 'blue-green',
    target: new DirTarget(root),
    deployCommand: [],
    migrateCommand: [],
    switchCommand: [],
    previewUrl: `${server.url}/slot/green`,
    verifyUrl: `${server.url}/live`,
    verifyVersion: true,
    verifyTimeoutMs: 30_000,
    soakWatchMs: 60_000,
    rollbackOnFailure: true,
    pollMs: 10_000,
    ...overrides,
  };
}

function deps(overrides: Partial<DeliveryDeps> = {}): DeliveryDeps & { logs: string[] } {
  const logs: string[] = [];
  return {
    exec: childExec(),
    extract: verifyAndExtract,
    clock: fakeClock(),
    workDir: work,
    log: (m) => logs.push(m),
    logs,
    ...overrides,
  };
}

/** 1.0.0 live in the blue slot, as a previous promotion left it. */
async function blueLive(): Promise<Release> {
  const v1 = await artefact('1.0.0');
  const previous: Release = { version: '1.0.0', digest: v1.digest, file: v1.file, slot: 'blue' };
  expect(
    await deliverRelease(settings({ previewUrl: undefined, soakWatchMs: 0 }), deps(), previous, undefined),
  ).toEqual({ ok: true });
  return previous;
}

const served = async (path: string) => (await fetch(`${server.url}${path}`)).text();

describe('blue/green delivery', () => {
  it('stages the idle slot, verifies the preview, switches, verifies live, and keeps the old slot warm', async () => {
    const previous = await blueLive();
    const v2 = await artefact('2.0.0');
    const result = await deliverRelease(
      settings({}),
      deps(),
      { version: '2.0.0', digest: v2.digest, file: v2.file, slot: 'green' },
      previous,
    );
    expect(result).toEqual({ ok: true });
    expect(await served('/live')).toBe('app 2.0.0');
    expect(await served('/slot/blue')).toBe('app 1.0.0');
  });

  it('switches traffic back when the live check fails after the switch', async () => {
    const previous = await blueLive();
    // The preview check passes on a status page; the release itself answers 500 once live.
    const v2 = await artefact('2.0.0', 500);
    const d = deps();
    const result = await deliverRelease(
      settings({ previewUrl: undefined }),
      d,
      { version: '2.0.0', digest: v2.digest, file: v2.file, slot: 'green' },
      previous,
    );
    expect(result).toMatchObject({ ok: false, trafficMoved: true, rolledBack: true });
    expect(String((result as { error: Error }).error.message)).toMatch(/Verification of .*\/live failed: HTTP 500/);
    expect(await served('/live')).toBe('app 1.0.0');
    expect(d.logs.at(-1)).toMatch(/switching traffic back to 1\.0\.0/);
  });

  it('never moves traffic when the preview fails', async () => {
    const previous = await blueLive();
    const v2 = await artefact('2.0.0', 503);
    const result = await deliverRelease(
      settings({}),
      deps(),
      { version: '2.0.0', digest: v2.digest, file: v2.file, slot: 'green' },
      previous,
    );
    expect(result).toMatchObject({ ok: false, trafficMoved: false, rolledBack: false });
    expect(await served('/live')).toBe('app 1.0.0');
  });

  it('a cancelled run switches back even with rollback-on-failure off', async () => {
    const previous = await blueLive();
    const v2 = await artefact('2.0.0');
    const controller = new AbortController();
    const clock = fakeClock();
    // Cancel during the soak watch: after the switch and the first live check.
    const cancellingClock = {
      ...clock,
      sleep: async (ms: number, signal?: AbortSignal) => {
        if (clock.now() > Date.parse('2026-06-01T12:00:10Z')) controller.abort();
        await clock.sleep(ms, signal);
      },
    };
    const result = await deliverRelease(
      settings({ rollbackOnFailure: false, previewUrl: undefined }),
      deps({ clock: cancellingClock, signal: controller.signal }),
      { version: '2.0.0', digest: v2.digest, file: v2.file, slot: 'green' },
      previous,
    );
    expect(result).toMatchObject({ ok: false, trafficMoved: true, rolledBack: true });
    expect(await served('/live')).toBe('app 1.0.0');
  });

  it('leaves a failed release live when rollback-on-failure is off', async () => {
    const previous = await blueLive();
    const v2 = await artefact('2.0.0', 500);
    const result = await deliverRelease(
      settings({ rollbackOnFailure: false, previewUrl: undefined }),
      deps(),
      { version: '2.0.0', digest: v2.digest, file: v2.file, slot: 'green' },
      previous,
    );
    expect(result).toMatchObject({ ok: false, trafficMoved: true, rolledBack: false });
    expect(await served('/live')).toBe('app 2.0.0');
  });

  it('refuses an artefact whose digest does not match before extracting anything', async () => {
    const v2 = await artefact('2.0.0');
    const v3 = await artefact('3.0.0');
    const result = await deliverRelease(
      settings({ previewUrl: undefined }),
      deps(),
      { version: '2.0.0', digest: v2.digest, file: v3.file, slot: 'blue' },
      undefined,
    );
    expect(result).toMatchObject({ ok: false, trafficMoved: false });
    expect(String((result as { error: Error }).error.message)).toMatch(/does not match its digest/);
    expect(await new DirTarget(root).pointed()).toBeUndefined();
  });
});

describe('direct delivery to a dir: target', () => {
  it('runs deploy-command on the staged release and migrate-command once, before traffic moves', async () => {
    const v1 = await artefact('1.0.0');
    await deliverRelease(
      settings({ strategy: 'direct', previewUrl: undefined, soakWatchMs: 0 }),
      deps(),
      { version: '1.0.0', digest: v1.digest, file: v1.file, slot: null },
      undefined,
    );
    const v2 = await artefact('2.0.0');
    const out: string[] = [];
    const record = (label: string) => [
      'node',
      '-e',
      `const fs=require('fs');console.log('${label}', fs.readFileSync(process.env.SLIPWAY_ARTIFACT_DIR+'/version.txt','utf8'), fs.readlinkSync('${root}/current'), process.env.SLIPWAY_PREVIOUS_VERSION)`,
    ];
    const result = await deliverRelease(
      settings({
        strategy: 'direct',
        previewUrl: undefined,
        deployCommand: record('deploy'),
        migrateCommand: record('migrate'),
      }),
      deps({ exec: childExec(out) }),
      { version: '2.0.0', digest: v2.digest, file: v2.file, slot: null },
      { version: '1.0.0', digest: v1.digest, file: v1.file, slot: null },
    );
    expect(result).toEqual({ ok: true });
    expect(out.map((line) => line.trim())).toEqual([
      'deploy app 2.0.0 releases/1.0.0-' + v1.digest.slice(7, 19) + ' 1.0.0',
      'migrate app 2.0.0 releases/1.0.0-' + v1.digest.slice(7, 19) + ' 1.0.0',
    ]);
    expect(await served('/live')).toBe('app 2.0.0');
  });

  it('switches the symlink back to the previous release when the soak watch fails', async () => {
    const v1 = await artefact('1.0.0');
    await deliverRelease(
      settings({ strategy: 'direct', previewUrl: undefined, soakWatchMs: 0 }),
      deps(),
      { version: '1.0.0', digest: v1.digest, file: v1.file, slot: null },
      undefined,
    );
    const v2 = await artefact('2.0.0');
    let checks = 0;
    // Healthy at first, then failing during the watch.
    const flaky: typeof fetch = async (input, init) =>
      ++checks >= 3 ? new Response('down', { status: 503 }) : fetch(input, init);
    const result = await deliverRelease(
      settings({ strategy: 'direct', previewUrl: undefined }),
      deps({ fetch: flaky }),
      { version: '2.0.0', digest: v2.digest, file: v2.file, slot: null },
      { version: '1.0.0', digest: v1.digest, file: v1.file, slot: null },
    );
    expect(result).toMatchObject({ ok: false, rolledBack: true });
    expect(String((result as { error: Error }).error.message)).toBe(
      `Soak watch of ${server.url}/live failed: HTTP 503 (check 2).`,
    );
    expect(await served('/live')).toBe('app 1.0.0');
  });
});
