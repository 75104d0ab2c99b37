import { describe, expect, it } from 'vitest';
import { releaseEnv, runCommand, splitCommand } from '../../../src/promotion/deploy-command.js';
import { childExec } from './child-exec.js';

describe('splitCommand', () => {
  it.each([
    ['./deploy.sh --fast', ['./deploy.sh', '--fast']],
    [`rsync -a "my dir/" 'host:/srv/$APP'`, ['rsync', '-a', 'my dir/', 'host:/srv/$APP']],
    ['echo a\\ b "" c', ['echo', 'a b', '', 'c']],
    ['  kubectl   rollout  ', ['kubectl', 'rollout']],
    ['echo "say \\"hi\\""', ['echo', 'say "hi"']],
  ])('%j', (line, words) => {
    expect(splitCommand(line)).toEqual(words);
  });
  it('rejects an unclosed quote', () => {
    expect(() => splitCommand('echo "oops')).toThrow('unclosed " quote');
  });
});

describe('runCommand', () => {
  const env = releaseEnv({
    artefactDir: '/tmp/rel',
    artefactFile: '/tmp/app.tgz',
    version: '1.2.3',
    digest: 'sha256:abc',
    environment: 'staging',
    slot: null,
    previousVersion: '1.2.2',
  });

  it('passes the release through SLIPWAY_* variables and never expands anything in the command', async () => {
    const out: string[] = [];
    await runCommand(
      childExec(out),
      'deploy-command',
      splitCommand(
        `node -e "console.log(JSON.stringify([process.argv[1], process.env.SLIPWAY_VERSION, process.env.SLIPWAY_PREVIOUS_VERSION, process.env.SLIPWAY_SLOT, process.env.SLIPWAY_ARTIFACT_DIR]))" '$SLIPWAY_VERSION;$(id)'`,
      ),
      env,
    );
    expect(JSON.parse(out[0] ?? '')).toEqual(['$SLIPWAY_VERSION;$(id)', '1.2.3', '1.2.2', '', '/tmp/rel']);
  });

  it('fails with the input name and exit code', async () => {
    await expect(runCommand(childExec([]), 'migrate-command', ['node', '-e', 'process.exit(3)'], env)).rejects.toThrow(
      "migrate-command 'node' exited with code 3.",
    );
  });

  it('does nothing when no command is configured', async () => {
    await expect(runCommand(childExec([]), 'migrate-command', [], env)).resolves.toBeUndefined();
  });
});
