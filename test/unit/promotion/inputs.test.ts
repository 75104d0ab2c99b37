import { describe, expect, it } from 'vitest';
import { InputReader } from '../../../src/runtime/inputs.js';
import { readInputs as readPromote } from '../../../src/actions/promote/inputs.js';
import { readInputs as readRollback } from '../../../src/actions/rollback/inputs.js';
import { readInputs as readStatus } from '../../../src/actions/status/inputs.js';

const reader = (values: Record<string, string>) => new InputReader((name) => values[name] ?? '');
const DECEPTIVE =
  "Input 'environment' must be a GitHub environment name (no control characters or bidirectional text overrides);";
const base = { 'github-token': 'ghs_x', 'environment': 'staging', 'from': 'dev', 'artifact-path': 'app.tgz' };

describe('promote inputs', () => {
  it('reads a full set, with defaults', () => {
    const masked: string[] = [];
    const inputs = readPromote(
      reader({
        ...base,
        'allowed-windows': 'Mon-Fri 09:00-17:00, Sat 10:00-12:00',
        'freeze': '2026-12-20..2027-01-02 holidays',
        'timezone': 'Europe/Paris',
        'deploy-command': './deploy.sh "a b"',
      }),
      (s) => masked.push(s),
    );
    expect(masked).toEqual(['ghs_x']);
    expect(inputs).toMatchObject({
      environment: 'staging',
      from: 'dev',
      strategy: 'direct',
      source: { kind: 'path', path: 'app.tgz' },
      soakMs: 0,
      verifyTimeoutMs: 300_000,
      lockTimeoutMs: 600_000,
      staleAfterMs: 3_600_000,
      keep: 5,
      rollbackOnFailure: true,
      production: false,
      transient: false,
      requiredContexts: [],
      deployCommand: ['./deploy.sh', 'a b'],
    });
    expect(inputs.windows.map((w) => w.text)).toEqual(['Mon-Fri 09:00-17:00', 'Sat 10:00-12:00']);
    expect(inputs.freezes[0]?.label).toBe('holidays');
    expect(readPromote(reader({ ...base, environment: 'production' }), () => {}).production).toBe(true);
    expect(
      readPromote(reader({ ...base, 'release-asset': 'v1.2.3/app.tgz', 'artifact-path': '' }), () => {}).source,
    ).toEqual({ kind: 'release-asset', tag: 'v1.2.3', asset: 'app.tgz' });
    expect(
      readPromote(reader({ ...base, 'artifact': 'app', 'run-id': '42', 'artifact-path': '' }), () => {}).source,
    ).toEqual({ kind: 'artifact', artifact: 'app', runId: 42 });
    // With `from` and no artefact input, the upstream deployment's recorded artefact is promoted.
    expect(readPromote(reader({ ...base, 'artifact-path': '', 'version': '1.4.0' }), () => {})).toMatchObject({
      from: 'dev',
      version: '1.4.0',
      source: undefined,
    });
  });

  it.each([
    [{ environment: '' }, "Input required and not supplied: 'environment'. Set it in the step's 'with:' block."],
    [
      { from: '' },
      "Input 'version' is required when 'from' is not set (with 'from', the upstream deployment's version is used).",
    ],
    [{ from: 'staging' }, "Input 'from' must name the upstream environment, not 'staging' itself."],
    [
      { digest: 'abc' },
      "Input 'digest' must be 'sha256:' followed by 64 lower-case hex digits (the package action's 'digest' output); got \"abc\".",
    ],
    [
      { 'artifact-path': '', 'from': '', 'version': '1.0.0' },
      "Give exactly one of 'artifact' (a workflow artifact name or id), 'artifact-path' or 'release-asset' (or 'from' alone, to promote the artefact the upstream deployment recorded); got none.",
    ],
    [
      { artifact: 'app' },
      "Give exactly one of 'artifact' (a workflow artifact name or id), 'artifact-path' or 'release-asset'; got artifact and artifact-path.",
    ],
    [{ environment: '..' }, 'Input \'environment\' must be a GitHub environment name (not `.` or `..`); got "..".'],
    [{ from: '.' }, 'Input \'from\' must be a GitHub environment name (not `.` or `..`); got ".".'],
    [{ environment: 'prod\u202Egnits' }, `${DECEPTIVE} got "prod\u202Egnits".`],
    [{ environment: 'prod\nstaging' }, `${DECEPTIVE} got "prod\\nstaging".`],
    [
      { 'verify-url': 'ftp://deploy:s3cret@example.com/' },
      'Input \'verify-url\' must be an http or https URL; got "ftp://example.com/".',
    ],
    [{ 'run-id': '12' }, "Input 'run-id' picks the run to download 'artifact' from; set 'artifact' too."],
    [
      { 'release-asset': 'app.tgz', 'artifact-path': '' },
      'Input \'release-asset\' must be `<tag>/<asset file name>`, e.g. `v1.2.3/app-1.2.3.tar.gz`; got "app.tgz".',
    ],
    [{ strategy: 'canary' }, 'Input \'strategy\' must be one of `direct`, `blue-green`; got "canary".'],
    [
      { strategy: 'blue-green' },
      "Input 'strategy' is `blue-green`, which moves traffic with 'switch-command' or a `dir:` or `ssh:` 'target'; set one of them.",
    ],
    [
      { target: 's3://bucket' },
      "Input 'target' must be `dir:<path>` (a directory on the runner) or `ssh://user@host[:port]/path` (a server, over SFTP), served through its 'current' symlink; got \"s3://bucket\".",
    ],
    [
      { 'deploy-command': 'deploy "oops' },
      'Input \'deploy-command\' cannot be split into a program and arguments: unclosed " quote; got "deploy \\"oops".',
    ],
    [{ 'verify-url': 'ftp://x' }, 'Input \'verify-url\' must be an http or https URL; got "ftp://x".'],
    [{ 'soak-watch': '5m' }, "Input 'soak-watch' watches 'verify-url'; set 'verify-url' too."],
    [{ soak: 'an hour' }, 'Input \'soak\' must be a duration such as `30s`, `10m`, `1h30m` or `0`; got "an hour".'],
    [
      { 'allowed-windows': 'weekdays' },
      'Input \'allowed-windows\' has "weekdays": expected `<days> HH:MM-HH:MM`; accepted: `Mon-Fri 09:00-17:00`, `Sat 10:00-12:00`, `daily 22:00-02:00`.',
    ],
    [
      { freeze: '2026-12-20' },
      'Input \'freeze\' has "2026-12-20": expected `YYYY-MM-DD..YYYY-MM-DD [label]`; accepted: `2026-12-20..2027-01-02`, `2026-12-24T18:00..2026-12-27T08:00 holidays`.',
    ],
    [
      { timezone: 'CEST+2' },
      'Input \'timezone\' must be an IANA time zone such as Europe/Paris or America/New_York; got "CEST+2".',
    ],
    [{ keep: '0' }, 'Input \'keep\' must be an integer from 1 to 1000; got "0".'],
    [
      { 'verify-version': 'yes please' },
      'Input \'verify-version\' must be `true`, `false` or a JSON field such as `version` or `build.version`; got "yes please".',
    ],
    [
      { transient: 'true', production: 'true' },
      "Input 'transient' marks a preview environment that goes away; it cannot also be 'production'.",
    ],
  ])('%j → one-line error', (overrides, message) => {
    expect(() => readPromote(reader({ ...base, ...overrides }), () => {})).toThrow(message);
  });
});

describe('URLs with credentials', () => {
  it('masks the credentials of verify-url, as given and decoded, before anything is logged', () => {
    const masked: string[] = [];
    const inputs = readPromote(reader({ ...base, 'verify-url': 'https://deploy:p%40ss@example.com/health' }), (s) =>
      masked.push(s),
    );
    expect(masked).toEqual(['ghs_x', 'deploy', 'deploy', 'p%40ss', 'p@ss']);
    expect(inputs.verifyUrl).toBe('https://deploy:p%40ss@example.com/health');
  });

  it('status refuses a deceptive environment name too', () => {
    const read = () => readStatus(reader({ 'github-token': 't', 'environments': 'dev, ..' }), () => {});
    expect(read).toThrow('Input \'environments\' must be a GitHub environment name (not `.` or `..`); got "..".');
  });
});

describe('rollback and status inputs', () => {
  it('rollback needs a way to restore', () => {
    expect(() => readRollback(reader({ 'github-token': 't', 'environment': 'prod' }), () => {})).toThrow(
      /^Input 'deploy-command' is needed to redeploy the previous release/,
    );
    expect(
      readRollback(
        reader({ 'github-token': 't', 'environment': 'prod', 'target': 'dir:/srv/app', 'to-version': '1.2.3' }),
        () => {},
      ),
    ).toMatchObject({ toVersion: '1.2.3', production: true, rollbackOnFailure: false });
  });

  it('status lists environments in order', () => {
    expect(
      readStatus(reader({ 'github-token': 't', 'environments': 'dev, staging\nproduction' }), () => {}).environments,
    ).toEqual(['dev', 'staging', 'production']);
    expect(() => readStatus(reader({ 'github-token': 't' }), () => {})).toThrow(
      /^Input required and not supplied: 'environments'/,
    );
  });
});
