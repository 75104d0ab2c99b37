import { readFile, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite } from '../../../scripts/demo/site.js';
import { type Bed, startBed, statusesOf } from '../promote/bed.js';
import { flagsCli } from './flags-cli.js';

// The flags action, bundled, against the emulator and a dir: target served by the demo's web server:
// the app reads flags.json beside `current` on every request, so a change is served at the next one.

const FLAGS = {
  $schema: 'https://flagd.dev/schema/v0/flags.json',
  flags: {
    'checkout-v2': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' },
    'theme': { state: 'ENABLED', variants: { light: 'light', dark: 'dark' }, defaultVariant: 'light' },
  },
};
let bed: Bed;
let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  bed = await startBed();
  site = await startSite(join(bed.work, 'envs'));
  await writeFile(join(bed.work, 'flags.json'), JSON.stringify(FLAGS, null, 2));
  // staging serves the dark theme: an override beside the base file.
  await writeFile(
    join(bed.work, 'flags.staging.json'),
    JSON.stringify({ flags: { theme: { ...FLAGS.flags.theme, defaultVariant: 'dark' } } }),
  );
});

afterAll(async () => {
  await site.close();
  await bed.close();
});

const features = async (environment: string) =>
  (await fetch(`${site.url}/${environment}/features`)).json() as Promise<Record<string, unknown>>;
const deployments = (task: string, environment: string) =>
  bed.gh.state.deployments.filter((d) => d.task === task && d.environment === environment);
const flagsFile = (environment: string) => join(bed.work, 'envs', environment, 'flags.json');

describe('flags action', () => {
  it('turns a flag off in production: the demo app serves it off at the next request, without a new release', async () => {
    const v1 = await bed.artefact('1.0.0');
    for (const [environment, from] of [
      ['staging', ''],
      ['production', 'staging'],
    ] as const) {
      const promoted = await bed.run('promote', {
        environment,
        'artifact-path': v1.file,
        ...(from ? { from } : { version: '1.0.0' }),
        'target': bed.target(environment),
      });
      expect(promoted.errors).toEqual([]);
    }
    // Promote carried the repository's flags to each target with the release (staging with its override).
    expect(await features('production')).toEqual({ 'checkout-v2': true, 'theme': 'light' });
    expect(await features('staging')).toEqual({ 'checkout-v2': true, 'theme': 'dark' });
    const live = await realpath(join(bed.work, 'envs', 'production', 'current'));
    const releases = deployments('deploy', 'production').length;

    const run = await bed.run('flags', {
      command: 'set',
      environment: 'production',
      flag: 'checkout-v2',
      value: 'off',
      reason: 'checkout errors, incident 4411',
      target: bed.target('production'),
    });
    expect(run.errors).toEqual([]);
    expect(await features('production')).toEqual({ 'checkout-v2': false, 'theme': 'light' });
    // No new release, the same release still live.
    expect(deployments('deploy', 'production')).toHaveLength(releases);
    expect(await realpath(join(bed.work, 'envs', 'production', 'current'))).toBe(live);
    // The record is in the deployment history, with who, what and why.
    const record = deployments('flags', 'production').at(-1)!;
    expect(String(record.id)).toBe(run.outputs['deployment-id']);
    expect(record.payload).toMatchObject({
      slipway_flags: 1,
      changed: [{ flag: 'checkout-v2', from: 'on', to: 'off' }],
      reason: 'checkout errors, incident 4411',
      actor: expect.any(String),
      flags: { flags: { 'checkout-v2': { defaultVariant: 'off' } } },
    });
    expect(statusesOf(bed.gh, record.id)).toEqual(['in_progress', 'success']);
    expect(JSON.parse(run.outputs.changed ?? '')).toEqual([{ flag: 'checkout-v2', from: 'on', to: 'off' }]);
    expect(run.summary).toContain('Flags changed in production');

    // get reads the recorded state; status still shows the release, plus the flags and how they differ upstream.
    const get = await bed.run('flags', { command: 'get', environment: 'production' });
    expect(JSON.parse(get.outputs.flags ?? '')).toEqual({ 'checkout-v2': 'off', 'theme': 'light' });
    const diff = await bed.run('flags', { command: 'diff', from: 'staging', to: 'production' });
    expect(JSON.parse(diff.outputs.diff ?? '')).toEqual([
      { flag: 'checkout-v2', from: 'on', to: 'off' },
      { flag: 'theme', from: 'dark', to: 'light' },
    ]);

    const status = await bed.run('status', { environments: 'staging, production' });
    expect(status.errors).toEqual([]);
    expect(JSON.parse(status.outputs.matrix ?? '')[1]).toMatchObject({
      environment: 'production',
      version: '1.0.0',
      digest: v1.digest,
      status: 'success',
    });
    expect(JSON.parse(status.outputs.flags ?? '')).toMatchObject([
      { environment: 'staging', flags: { 'checkout-v2': 'on', 'theme': 'dark' }, differs: null },
      {
        environment: 'production',
        flags: { 'checkout-v2': 'off', 'theme': 'light' },
        reason: 'checkout errors, incident 4411',
        differs: [
          { flag: 'checkout-v2', from: 'on', to: 'off' },
          { flag: 'theme', from: 'dark', to: 'light' },
        ],
      },
    ]);
    expect(status.summary).toContain('checkout-v2: off (staging: on)');

    // A redeploy of production keeps the flag pulled: promote carries the recorded state.
    const v2 = await bed.artefact('2.0.0');
    const redeploy = await bed.run('promote', {
      'environment': 'production',
      'artifact-path': v2.file,
      'version': '2.0.0',
      'target': bed.target('production'),
    });
    expect(redeploy.errors).toEqual([]);
    expect(await features('production')).toEqual({ 'checkout-v2': false, 'theme': 'light' });
  });

  it('promotes flags from staging to production', async () => {
    const run = await bed.run('flags', {
      command: 'promote',
      from: 'staging',
      to: 'production',
      target: bed.target('production'),
    });
    expect(run.errors).toEqual([]);
    expect(await features('production')).toEqual({ 'checkout-v2': true, 'theme': 'dark' });
    expect(deployments('flags', 'production').at(-1)!.payload).toMatchObject({
      reason: 'promoted from staging',
      changed: [
        { flag: 'checkout-v2', from: 'off', to: 'on' },
        { flag: 'theme', from: 'light', to: 'dark' },
      ],
    });
  });

  it("refuses a malformed flags file with flagd's message: nothing written, nothing recorded", async () => {
    const before = await readFile(flagsFile('production'), 'utf8');
    const recorded = bed.gh.state.deployments.length;
    const bad = { flags: { 'checkout-v2': { ...FLAGS.flags['checkout-v2'], state: 'OFF' } } };
    await writeFile(join(bed.work, 'flags.json'), JSON.stringify(bad));
    try {
      const run = await bed.run('flags', {
        command: 'set',
        environment: 'production',
        flag: 'checkout-v2',
        value: 'off',
        target: bed.target('production'),
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toEqual([
        'flags.json is not a valid flagd flag set: invalid flagd flag configuration: /flags/checkout-v2/state must be equal to one of the allowed values (ENABLED, DISABLED); /flags/checkout-v2 must match a schema in anyOf.',
      ]);
      expect(await readFile(flagsFile('production'), 'utf8')).toBe(before);
      expect(bed.gh.state.deployments).toHaveLength(recorded);
    } finally {
      await writeFile(join(bed.work, 'flags.json'), JSON.stringify(FLAGS, null, 2));
    }
  });

  it('names the input, the flag and what is accepted on bad input, before anything is read', async () => {
    const recorded = bed.gh.state.deployments.length;
    const missing = await bed.run('flags', { command: 'set', environment: 'production', flag: 'checkout-v2' });
    expect(missing.errors).toEqual(["Input 'value' is required with `command: set`."]);
    const unknown = await bed.run('flags', {
      command: 'set',
      environment: 'production',
      flag: 'checkout-v2',
      value: 'maybe',
      target: bed.target('production'),
    });
    expect(unknown.errors).toEqual([`Flag 'checkout-v2' has no variant for "maybe"; accepted: 'on', 'off'.`]);
    const nowhere = await bed.run('flags', { command: 'set', environment: 'production', flag: 'x', value: 'on' });
    expect(nowhere.errors[0]).toMatch(
      /^Input 'target' \(a `dir:<path>` or `ssh:\/\/user@host\[:port\]\/path` target\) or 'flags-command' is required/,
    );
    expect(bed.gh.state.deployments).toHaveLength(recorded);
  });
});

describe('slipway flags', () => {
  const cli = (args: string[]) => flagsCli(bed, args);

  it('sets, gets and diffs flags, recording the change', async () => {
    const recorded = deployments('flags', 'staging').length;
    const set = await cli([
      'set',
      'theme',
      'light',
      '--environment',
      'staging',
      '--reason',
      'contrast',
      '--actor',
      'ada',
      '--sha',
      bed.git.shas[1]!,
      '--target',
      bed.target('staging'),
    ]);
    expect(set).toMatchObject({ code: 0, errors: '' });
    expect(set.out).toContain('theme dark light');
    expect(await features('staging')).toMatchObject({ theme: 'light' });
    expect(deployments('flags', 'staging')).toHaveLength(recorded + 1);
    expect(deployments('flags', 'staging').at(-1)!.payload).toMatchObject({ actor: 'ada', reason: 'contrast' });

    const get = await cli(['get', '--environment', 'staging', '--json']);
    expect(JSON.parse(get.out)).toEqual({ 'checkout-v2': 'on', 'theme': 'light' });
    const diff = await cli(['diff', 'staging', 'production', '--json']);
    expect(JSON.parse(diff.out)).toEqual([{ flag: 'theme', from: 'light', to: 'dark' }]);
  });

  it('refuses bad arguments in one line naming them, before anything is written', async () => {
    const recorded = bed.gh.state.deployments.length;
    const sha = ['--sha', bed.git.shas[1]!];
    const bad = await cli([
      'set',
      'theme',
      'blue',
      '--environment',
      'staging',
      ...sha,
      '--target',
      bed.target('staging'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.errors.trim()).toMatch(/Flag 'theme' has no variant for "blue"; accepted: 'light', 'dark'\.$/);
    const noSha = await cli(['set', 'theme', 'dark', '--environment', 'staging', '--target', bed.target('staging')]);
    expect(noSha.errors.trim()).toMatch(/--sha is needed outside a git checkout/);
    const noTarget = await cli(['set', 'theme', 'dark', '--environment', 'staging']);
    expect(noTarget.errors.trim()).toMatch(
      /--target must be dir:<path> or ssh:\/\/user@host\[:port\]\/path \(or give --flags-command\); got ""\.$/,
    );
    const badName = await cli(['set', 'the me', 'dark', '--environment', 'staging']);
    expect(badName.errors.trim()).toMatch(/<flag> must be a flag name .*; got "the me"\.$/);
    expect(bed.gh.state.deployments).toHaveLength(recorded);
  });
});
