import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseName } from '../../../src/promotion/release-target.js';
import { type Bed, startBed, statusesOf } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(async () => {
  await bed.close();
});

const DAY = 86_400_000;
const date = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** Inputs for one environment served by the bed's site, reading a local artefact. */
function promoteInputs(environment: string, file: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    environment,
    'artifact-path': file,
    'target': bed.target(environment),
    'verify-url': `${bed.siteUrl}/${environment}`,
    'verify-version': 'true',
    'verify-timeout': '10s',
    ...extra,
  };
}

/** Requests the emulator received while `action` ran. */
async function counted<T>(action: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const before = bed.gh.requests.length;
  const result = await action();
  return { result, requests: bed.gh.requests.length - before };
}

const deploymentsTo = (environment: string) =>
  bed.gh.state.deployments.filter((d) => d.repository === 'octo/app' && d.environment === environment);

describe('promote', () => {
  let v1: { file: string; digest: string };
  beforeAll(async () => {
    v1 = await bed.artefact('1.0.0');
  });

  it('promotes one digest dev → staging → production, each within the budget of 6 GitHub requests', async () => {
    const dev = await counted(() => bed.run('promote', promoteInputs('dev', v1.file, { version: '1.0.0' })));
    expect(dev.result.errors).toEqual([]);
    const staging = await counted(() => bed.run('promote', promoteInputs('staging', v1.file, { from: 'dev' })));
    expect(staging.result.errors).toEqual([]);
    const production = await counted(() =>
      bed.run('promote', promoteInputs('production', v1.file, { from: 'staging' })),
    );
    expect(production.result.errors).toEqual([]);
    for (const step of [dev, staging, production]) {
      expect(step.result.exitCode).toBe(0);
      expect(step.requests).toBeLessThanOrEqual(6);
    }
    console.log(
      `API requests per promotion (dev, staging, production): ${[dev, staging, production].map((s) => s.requests).join(', ')}`,
    );
    expect(production.result.outputs).toMatchObject({
      'version': '1.0.0',
      'digest': v1.digest,
      'rolled-back': 'false',
      'skipped': 'false',
      'slot': '',
      'environment-url': `${bed.siteUrl}/production`,
    });
    expect(await bed.served('/production')).toBe('200 app 1.0.0');

    const record = deploymentsTo('production')[0];
    expect(record).toMatchObject({
      sha: bed.git.shas[1],
      task: 'deploy',
      production_environment: true,
      transient_environment: false,
    });
    expect(record?.payload).toMatchObject({
      slipway: 1,
      version: '1.0.0',
      digest: v1.digest,
      slot: null,
      upstream: { environment: 'staging', deployment_id: Number(staging.result.outputs['deployment-id']) },
    });
    expect(statusesOf(bed.gh, production.result.outputs['deployment-id'] as string)).toEqual([
      'in_progress',
      'success',
    ]);
    expect(production.result.summary).toMatch(/### ✅ Promoted 1\.0\.0 to production/);
  });

  it('is a no-op success with the same outputs when re-run', async () => {
    const first = deploymentsTo('production')[0];
    const again = await counted(() => bed.run('promote', promoteInputs('production', v1.file, { from: 'staging' })));
    expect(again.result.exitCode).toBe(0);
    expect(again.result.outputs).toMatchObject({
      'skipped': 'true',
      'deployment-id': String(first?.id),
      'version': '1.0.0',
      'digest': v1.digest,
    });
    expect(deploymentsTo('production')).toHaveLength(1);
    expect(again.requests).toBe(1);
  });

  describe('refuses before creating anything', () => {
    it.each([
      [
        'no upstream success',
        () => promoteInputs('qa', v1.file, { from: 'nowhere' }),
        /^Refused by rule 'upstream': 'nowhere' has no current successful deployment to promote; found no deployments\.$/,
      ],
      [
        'the digest not successful upstream',
        () => promoteInputs('qa', v1.file, { from: 'dev', digest: `sha256:${'e'.repeat(64)}` }),
        /^Refused by rule 'upstream': digest eeeeeeeeeeee has no successful deployment in 'dev'/,
      ],
      [
        'soak not passed',
        () => promoteInputs('qa', v1.file, { from: 'dev', soak: '1d' }),
        /^Refused by rule 'soak': 1\.0\.0 \(\w{12}\) success in 'dev' since .* has soaked .* of the required 1d\.$/,
      ],
      [
        'outside a window',
        () => promoteInputs('qa', v1.file, { 'from': 'dev', 'allowed-windows': closedWindow() }),
        /^Refused by rule 'window': deployment is outside the allowed windows daily \d\d:00-\d\d:00 \(.* UTC\); set 'override-reason' to deploy anyway\.$/,
      ],
      [
        'during a freeze',
        () =>
          promoteInputs('qa', v1.file, {
            from: 'dev',
            freeze: `${date(-1)}..${date(1)} release freeze`,
            timezone: 'Europe/Paris',
          }),
        /^Refused by rule 'window': deployment is inside the freeze .* release freeze \(.* Europe\/Paris\)/,
      ],
    ])('%s', async (_, inputs, message) => {
      const result = await bed.run('promote', inputs());
      expect(result.exitCode).toBe(1);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(message);
      expect(deploymentsTo('qa')).toEqual([]);
    });

    it('a digest mismatch between the artefact and upstream', async () => {
      const other = await bed.artefact('1.0.1');
      const result = await bed.run('promote', promoteInputs('qa', other.file, { from: 'dev' }));
      expect(result.exitCode).toBe(1);
      expect(result.errors).toEqual([
        `Refused by rule 'digest': the artefact at ${other.file} has digest ${other.digest}, expected ${v1.digest}.`,
      ]);
      expect(deploymentsTo('qa')).toEqual([]);
    });

    it('an invalid input, with a one-line error naming it', async () => {
      const result = await bed.run('promote', promoteInputs('qa', v1.file, { from: 'dev', timezone: 'Mars/Olympus' }));
      expect(result.errors).toEqual([
        'Input \'timezone\' must be an IANA time zone such as Europe/Paris or America/New_York; got "Mars/Olympus".',
      ]);
    });
  });

  it('deploys during a freeze with an override reason, recorded in the payload and the summary', async () => {
    const result = await bed.run(
      'promote',
      promoteInputs('qa', v1.file, {
        'from': 'dev',
        'freeze': `${date(-1)}..${date(1)}`,
        'override-reason': 'INC-123 hotfix approved by SRE',
      }),
    );
    expect(result.errors).toEqual([]);
    expect(deploymentsTo('qa')[0]?.payload).toMatchObject({ override_reason: 'INC-123 hotfix approved by SRE' });
    expect(result.summary).toContain('**Window override:** INC-123 hotfix approved by SRE');
  });

  it('serialises two promotions of one environment started together', async () => {
    const log = join(bed.work, 'deploys.log');
    await writeFile(log, '');
    const deploy = `node -e "const fs=require('fs');fs.appendFileSync('${log}','start '+process.env.SLIPWAY_VERSION+'\\n');setTimeout(()=>fs.appendFileSync('${log}','end '+process.env.SLIPWAY_VERSION+'\\n'),1500)"`;
    const [a, b] = [await bed.artefact('5.0.0'), await bed.artefact('5.1.0')];
    const runs = await Promise.all([
      bed.run('promote', promoteInputs('serial', a.file, { 'version': '5.0.0', 'deploy-command': deploy })),
      bed.run('promote', promoteInputs('serial', b.file, { 'version': '5.1.0', 'deploy-command': deploy })),
    ]);
    expect(runs.map((r) => r.errors)).toEqual([[], []]);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
    // Each deploy finished before the other started.
    expect(lines[1]).toBe(lines[0]?.replace('start', 'end'));
    expect(lines[3]).toBe(lines[2]?.replace('start', 'end'));
    expect(
      deploymentsTo('serial')
        .map((d) => statusesOf(bed.gh, d.id).at(-1))
        .sort(),
    ).toEqual(['inactive', 'success']);
  });

  it('marks a stale in_progress deployment abandoned and proceeds', async () => {
    bed.lag = 3 * 3_600_000;
    const stale = bed.gh.state.deployments.length;
    const seeded = await bed.run(
      'promote',
      promoteInputs('stale', v1.file, {
        'version': '1.0.0',
        'deploy-command': `node -e "process.kill(process.ppid, 'SIGKILL')"`,
      }),
    );
    bed.lag = 0;
    // The seeding run died hard (like a lost runner), leaving its deployment in_progress "3 hours ago".
    expect(seeded.exitCode).not.toBe(0);
    const abandoned = bed.gh.state.deployments[stale];
    expect(statusesOf(bed.gh, abandoned?.id as number)).toEqual(['in_progress']);
    const result = await bed.run(
      'promote',
      promoteInputs('stale', v1.file, { 'version': '1.0.0', 'stale-after': '1h', 'lock-timeout': '5s' }),
    );
    expect(result.errors).toEqual([]);
    expect(statusesOf(bed.gh, abandoned?.id as number)).toEqual(['in_progress', 'error']);
    expect(bed.gh.state.deploymentStatuses.filter((s) => s.deploymentId === abandoned?.id).at(-1)?.description).toMatch(
      /^abandoned/,
    );
  });

  it('rolls back automatically when verification fails, and fails the step', async () => {
    const bad = await bed.artefact('2.0.0', 500);
    await bed.run('promote', promoteInputs('auto', v1.file, { version: '1.0.0' }));
    const result = await bed.run(
      'promote',
      promoteInputs('auto', bad.file, { 'version': '2.0.0', 'verify-timeout': '2s' }),
    );
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ 'rolled-back': 'true', 'previous-version': '1.0.0', 'version': '2.0.0' });
    expect(result.errors[0]).toMatch(
      /^Promotion of 2\.0\.0 to 'auto' failed: Rolled back to 1\.0\.0: Verification of .*\/auto failed: HTTP 500/,
    );
    expect(await bed.served('/auto')).toBe('200 app 1.0.0');
    expect(statusesOf(bed.gh, result.outputs['deployment-id'] as string)).toEqual(['in_progress', 'failure']);
  });
});

it('costs at most 6 GitHub requests when it replaces a live deployment', async () => {
  const [a, b] = [await bed.artefact('7.0.0'), await bed.artefact('7.1.0')];
  expect((await bed.run('promote', promoteInputs('budget', a.file, { version: '7.0.0' }))).errors).toEqual([]);
  const replacing = await counted(() => bed.run('promote', promoteInputs('budget', b.file, { version: '7.1.0' })));
  expect(replacing.result.errors).toEqual([]);
  expect(replacing.requests).toBeLessThanOrEqual(6);
  console.log(`API requests for a promotion replacing a live deployment: ${replacing.requests}`);
  expect(deploymentsTo('budget').map((d) => statusesOf(bed.gh, d.id).at(-1))).toEqual(['inactive', 'success']);
});

it('does not serve a tampered kept release on a forced redeploy: it is extracted again (issue 16, finding 10)', async () => {
  const v = await bed.artefact('8.0.0');
  expect((await bed.run('promote', promoteInputs('kept', v.file, { version: '8.0.0' }))).errors).toEqual([]);
  const release = join(bed.target('kept').slice('dir:'.length), 'releases', releaseName('8.0.0', v.digest));
  await writeFile(join(release, 'version.txt'), 'defaced');
  expect(await bed.served('/kept')).toBe('200 defaced');
  const again = await bed.run('promote', promoteInputs('kept', v.file, { version: '8.0.0', force: 'true' }));
  expect(again.errors).toEqual([]);
  expect(await bed.served('/kept')).toBe('200 app 8.0.0');
});

it('masks a verify-url’s credentials and records the environment URL without them (issue 16, finding 12)', async () => {
  const v = await bed.artefact('8.1.0');
  const url = new URL(`${bed.siteUrl}/creds`);
  url.username = 'deployer';
  url.password = 'p4ss-w0rd-for-health';
  // The harness fails the run if the password shows in the log, outputs or summary, as given, URL-encoded or base64.
  const run = await bed.run('promote', promoteInputs('creds', v.file, { 'version': '8.1.0', 'verify-url': url.href }), {
    secrets: [url.password],
  });
  expect(run.errors).toEqual([]);
  expect(run.outputs['environment-url']).toBe(`${bed.siteUrl}/creds`);
  const status = bed.gh.state.deploymentStatuses.filter((s) => s.state === 'success').at(-1);
  expect(status?.environment_url).toBe(`${bed.siteUrl}/creds`);
});

/** A one-hour daily window twelve hours from now: closed for the whole test run. */
function closedWindow(): string {
  const hour = (new Date().getUTCHours() + 12) % 24;
  const pad = (h: number) => String(h).padStart(2, '0');
  return `daily ${pad(hour)}:00-${pad((hour + 1) % 24)}:00`;
}
