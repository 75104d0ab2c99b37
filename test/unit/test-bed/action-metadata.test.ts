import { describe, expect, it } from 'vitest';
import { actionMetadataFile, evaluateDefault, inputVariable, REPO_ROOT } from '../../support/action-metadata.js';
import { examplePayload } from '../../support/examples.js';

describe('actionMetadataFile', () => {
  it.each([
    ['root', 'action.yml'],
    ['package', 'actions/package/action.yml'],
    ['test/fixtures/sample-action', 'test/fixtures/sample-action/action.yml'],
  ])('%s -> %s', (action, file) => expect(actionMetadataFile(action)).toBe(`${REPO_ROOT}${file}`));
});

describe('inputVariable', () => {
  it.each([
    ['path', 'INPUT_PATH'],
    ['github-token', 'INPUT_GITHUB-TOKEN'],
    ['Spaced Name', 'INPUT_SPACED_NAME'],
  ])('%s -> %s', (name, variable) => expect(inputVariable(name)).toBe(variable));
});

describe('evaluateDefault', () => {
  const contexts = {
    github: { token: 'ghs_x', repository: 'octo/app', event: { pull_request: { number: 7 } }, head_ref: '' },
    runner: { temp: '/tmp/r' },
    env: {},
  };

  it.each([
    ['${{ github.token }}', 'ghs_x'],
    ['${{github.repository}}-notes', 'octo/app-notes'],
    ['${{ github.event.pull_request.number }}', '7'],
    ["${{ github.head_ref || 'main' }}", 'main'],
    ['${{ runner.temp }}/out', '/tmp/r/out'],
    ['no expression', 'no expression'],
    ['${{ github.missing }}', ''],
  ])('%s', (template, value) => expect(evaluateDefault(template, contexts)).toBe(value));

  it('refuses what it cannot evaluate instead of guessing', () => {
    expect(() => evaluateDefault("${{ format('{0}', github.token) }}", contexts)).toThrow('cannot evaluate');
    expect(() => evaluateDefault('${{ secrets.TOKEN }}', contexts)).toThrow("Unknown context 'secrets'");
  });
});

describe('examplePayload', () => {
  it('returns a fresh copy of a recorded payload for every call', () => {
    const first = examplePayload('push', (p) => void (p.ref = 'refs/tags/v1.0.0'));
    expect(first.ref).toBe('refs/tags/v1.0.0');
    expect(examplePayload('push').ref).toBe('refs/tags/simple-tag');
  });

  it('picks the first example with the given action', () => {
    expect(examplePayload('pull_request.closed').action).toBe('closed');
  });

  it('names what exists when asked for an unrecorded event', () => {
    expect(() => examplePayload('pull_request.teleported')).toThrow('recorded actions: opened');
  });
});
