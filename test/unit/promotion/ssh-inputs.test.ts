import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputReader } from '../../../src/runtime/inputs.js';
import { readInputs as readPromote } from '../../../src/actions/promote/inputs.js';
import { readInputs as readRollback } from '../../../src/actions/rollback/inputs.js';
import { fingerprint, hostKeyAccepted, parseHostKeyPin } from '../../../src/promotion/host-key.js';
import { parseTarget } from '../../../src/promotion/release-target.js';
import { SshTarget } from '../../../src/promotion/ssh-target.js';

let dir: string;
let privateKey: string;
let hostLine: { type: string; key: string };
let hostFingerprint: string;
let otherKey: string;

function keygen(name: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(dir, name)]);
  return join(dir, name);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-ssh-inputs-'));
  privateKey = readFileSync(keygen('client'), 'utf8').trim();
  const host = keygen('host');
  const [type, key] = readFileSync(`${host}.pub`, 'utf8').split(' ') as [string, string];
  hostLine = { type, key };
  hostFingerprint = execFileSync('ssh-keygen', ['-lf', `${host}.pub`], { encoding: 'utf8' }).split(' ')[1] as string;
  otherKey = (readFileSync(`${keygen('other')}.pub`, 'utf8').split(' ')[1] as string) ?? '';
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reader = (values: Record<string, string>) => new InputReader((name) => values[name] ?? '');
const base = { 'github-token': 'ghs_x', 'environment': 'staging', 'version': '1.0.0', 'artifact-path': 'app.tgz' };
const URL = 'ssh://deploy@web1.example:2222/srv/app';

describe('ssh: target URL', () => {
  it('parses user, host, port (22 by default) and an absolute path', () => {
    expect(parseTarget(URL)).toEqual({
      kind: 'ssh',
      user: 'deploy',
      host: 'web1.example',
      port: 2222,
      path: '/srv/app',
    });
    expect(parseTarget('ssh://deploy@[::1]/srv/app/')).toEqual({
      kind: 'ssh',
      user: 'deploy',
      host: '::1',
      port: 22,
      path: '/srv/app',
    });
  });

  it.each([
    ['ssh://web1/srv/app', 'the user is missing'],
    ['ssh://deploy@web1', 'the path must be absolute'],
    ['ssh://deploy@web1/srv/../etc', 'the path must be absolute'],
    ['ssh://deploy:hunter2@web1/srv/app', 'a password in the URL is not accepted'],
    ['ssh://deploy@web1/srv/app?x=1', 'no query or fragment'],
  ])('%s is refused: %s', (text, why) => {
    expect(() => parseTarget(text)).toThrow(why);
  });
});

describe('host key pinning', () => {
  it('accepts exactly the pinned key, as a known_hosts line, a hashed line or an ssh-keygen fingerprint', () => {
    const blob = Buffer.from(hostLine.key, 'base64');
    expect(fingerprint(blob)).toBe(hostFingerprint);
    const plain = parseHostKeyPin(`[web1.example]:2222 ${hostLine.type} ${hostLine.key}`, 'web1.example', 2222);
    expect(hostKeyAccepted(plain, blob)).toBe(true);
    expect(hostKeyAccepted(plain, Buffer.from(otherKey, 'base64'))).toBe(false);
    // OpenSSH's own hashing (ssh-keygen -H), as `HashKnownHosts yes` writes it.
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `[web1.example]:2222 ${hostLine.type} ${hostLine.key}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const hashed = readFileSync(file, 'utf8');
    expect(hashed).toMatch(/^\|1\|/);
    expect(hostKeyAccepted(parseHostKeyPin(hashed, 'web1.example', 2222), blob)).toBe(true);
    expect(() => parseHostKeyPin(hashed, 'web2.example', 2222)).toThrow('nothing in it pins [web2.example]:2222');
    expect(hostKeyAccepted(parseHostKeyPin(hostFingerprint, 'any', 22), blob)).toBe(true);
    // A revoked key is refused even where it is also listed.
    const revoked = `web1.example ${hostLine.type} ${hostLine.key}\n@revoked * ${hostLine.type} ${hostLine.key}`;
    expect(hostKeyAccepted(parseHostKeyPin(revoked, 'web1.example', 22), blob)).toBe(false);
  });

  it('names the line that is neither a known_hosts line nor a fingerprint', () => {
    expect(() => parseHostKeyPin('# pinned\nSHA256:short', 'h', 22)).toThrow('line 2 is neither');
  });
});

describe('ssh: inputs', () => {
  const ssh = () => ({
    'target': URL,
    'ssh-key': privateKey,
    'known-hosts': `[web1.example]:2222 ${hostLine.type} ${hostLine.key}`,
  });

  it('builds an SshTarget without connecting, the key masked whole and line by line', () => {
    const masked: string[] = [];
    const inputs = readPromote(reader({ ...base, ...ssh(), 'remote-commands': 'true' }), (s) => masked.push(s));
    expect(inputs.target).toBeInstanceOf(SshTarget);
    expect(inputs.target?.description).toBe('ssh://deploy@web1.example:2222/srv/app');
    expect(inputs.remoteCommands).toBe(true);
    expect(masked).toContain(privateKey);
    const body = privateKey.split('\n').filter((line) => line.length >= 8 && !line.startsWith('-----'));
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) expect(masked).toContain(line);
    expect(readRollback(reader({ ...base, ...ssh() }), () => {}).target).toBeInstanceOf(SshTarget);
  });

  it.each([
    [
      { 'known-hosts': '' },
      "Input 'known-hosts' is required with an `ssh://` 'target': pin deploy@web1.example:2222's host key",
    ],
    [
      { 'known-hosts': 'web1.example ssh-ed25519 AAAA' },
      "Input 'known-hosts' must hold known_hosts lines or `SHA256:…` fingerprints pinning deploy@web1.example:2222: nothing in it pins [web1.example]:2222",
    ],
    [{ 'ssh-key': 'not a key' }, "Input 'ssh-key' must be the private key (OpenSSH or PEM, from a secret)"],
    [{ target: 'ssh://web1.example/srv/app' }, "Input 'target' must be `dir:<path>` (a directory on the runner)"],
    [
      { target: 'ssh://u:secret-pw@web1.example/srv' },
      'a password in the URL is not accepted; authenticate with a key; got "ssh://u:***@web1.example/srv".',
    ],
    [{ target: 'dir:/srv/app' }, "Input 'ssh-key' is for an `ssh://` 'target'"],
    [
      { 'target': 'dir:/srv/app', 'ssh-key': '', 'known-hosts': '', 'remote-commands': 'true' },
      "Input 'remote-commands' runs the commands on the server of an `ssh://` 'target'",
    ],
    [{ 'remote-commands': 'true', 'pass-env': 'HOME' }, "Input 'pass-env' passes runner variables to local commands"],
  ])('%j → one line', (overrides, message) => {
    const masked: string[] = [];
    let error: Error | undefined;
    try {
      readPromote(reader({ ...base, ...ssh(), ...overrides }), (s) => masked.push(s));
    } catch (thrown) {
      error = thrown as Error;
    }
    expect(error?.message).toContain(message);
    expect(error?.message).not.toContain('\n');
    // The key never appears in a message, and it was masked before anything was refused.
    for (const secret of masked.filter((s) => s !== 'ghs_x')) expect(error?.message).not.toContain(secret);
    if ((overrides as Record<string, string>)['ssh-key'] === undefined) expect(masked).toContain(privateKey);
    expect(error?.message).not.toContain('secret-pw');
  });
});
