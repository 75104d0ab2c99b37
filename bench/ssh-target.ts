import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, type BenchContext } from './context.js';
import { ratio, type Row, type Section } from './results-table.js';
import { DirTarget } from '../src/promotion/dir-target.js';
import { parseHostKeyPin } from '../src/promotion/host-key.js';
import type { ReleaseTarget } from '../src/promotion/release-target.js';
import { SshTarget } from '../src/promotion/ssh-target.js';
import { sshdAvailable, startOpenSsh } from '../test/support/openssh-server.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Times `install` of a small release, the `current` switch and a rollback relink, on one target. */
async function timings(
  target: ReleaseTarget,
  switches: number,
): Promise<{ install: number; point: number; back: number }> {
  const install: number[] = [];
  const point: number[] = [];
  const back: number[] = [];
  const fill = (version: string) => async (dir: string) => {
    for (const file of ['index.html', 'app.js', 'style.css']) writeFileSync(join(dir, file), `${file} ${version}`);
  };
  await target.install('v0', fill('v0'));
  await target.point('v0');
  for (let i = 1; i <= switches; i++) {
    let started = performance.now();
    await target.install(`v${i}`, fill(`v${i}`));
    install.push(performance.now() - started);
    started = performance.now();
    await target.point(`v${i}`);
    point.push(performance.now() - started);
    // Rollback: the previous release is kept, so it is one relink (then forward again).
    started = performance.now();
    await target.point(`v${i - 1}`);
    back.push(performance.now() - started);
    await target.point(`v${i}`);
  }
  return { install: median(install), point: median(point), back: median(back) };
}

/** The ssh: target against a real sshd on loopback, next to dir: doing the same on the runner. */
export async function benchSshTarget(ctx: BenchContext): Promise<Section> {
  const title = 'ssh: target (loopback OpenSSH)';
  if (!sshdAvailable()) return { title, rows: [], notes: ['sshd not found: install openssh-server to measure.'] };
  const switches = ctx.small ? 10 : 50;
  const sshd = await startOpenSsh();
  const work = mkdtempSync(join(WORK, 'ssh-target-'));
  try {
    const local = await timings(new DirTarget(join(work, 'dir')), switches);
    const ssh = new SshTarget(
      {
        user: sshd.user,
        host: '127.0.0.1',
        port: sshd.port,
        privateKey: sshd.privateKey,
        pin: parseHostKeyPin(sshd.knownHosts, '127.0.0.1', sshd.port),
      },
      join(work, 'ssh'),
    );
    const connectStarted = performance.now();
    await ssh.connection();
    const connect = performance.now() - connectStarted;
    const remote = await timings(ssh, switches);
    await ssh.close();
    const row = (name: string, slipway: number, baseline: number, target: string, limit: number): Row => ({
      case: name,
      slipway: ms(slipway),
      baseline: Number.isNaN(baseline) ? '—' : `${ms(baseline)} (dir:)`,
      ratio: Number.isNaN(baseline) ? '—' : ratio(slipway / baseline),
      memory: '—',
      target,
      met: slipway < limit,
    });
    return {
      title,
      rows: [
        row('connect, check host key, log in, open SFTP', connect, NaN, '< 2 s', 2000),
        row(`install a 3-file release (median of ${switches})`, remote.install, local.install, '< 1 s', 1000),
        row(`switch current: symlink + posix-rename (median of ${switches})`, remote.point, local.point, '< 1 s', 1000),
        row(`rollback: relink the kept release (median of ${switches})`, remote.back, local.back, '< 1 s', 1000),
      ],
      notes: [
        'One SSH connection for all operations; TCP_NODELAY on (without it each SFTP round trip waits out a delayed ACK, ~40 ms).',
        'A switch checks the release exists, that the link is a symlink, then writes a new symlink and renames it over the old one: four SFTP round trips.',
      ],
    };
  } finally {
    await sshd.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
