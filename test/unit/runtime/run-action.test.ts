import { describe, expect, it } from 'vitest';
import { InputError, UserError } from '../../../src/runtime/errors.js';
import { runAction } from '../../../src/runtime/run-action.js';

function fakeToolkit(debug: boolean) {
  const calls = { failed: [] as string[], info: [] as string[] };
  return {
    calls,
    toolkit: {
      setFailed: (message: string | Error) => void calls.failed.push(String(message)),
      info: (message: string) => void calls.info.push(message),
      isDebug: () => debug,
    },
  };
}

describe('runAction', () => {
  it('does nothing extra when main succeeds', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runAction(async () => {}, toolkit);
    expect(calls).toEqual({ failed: [], info: [] });
  });

  it('reports an InputError as one line with no stack, even in debug', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runAction(async () => {
      throw new InputError('format', "Input 'format' must be one of `zip`; got \"rar\".");
    }, toolkit);
    expect(calls.failed).toEqual(["Input 'format' must be one of `zip`; got \"rar\"."]);
    expect(calls.info).toEqual([]);
  });

  it('reports a UserError without a stack', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runAction(async () => {
      throw new UserError('Digest sha256:ab did not succeed in staging.');
    }, toolkit);
    expect(calls.info).toEqual([]);
  });

  it('folds a multi-line message onto one line', async () => {
    const { calls, toolkit } = fakeToolkit(false);
    await runAction(async () => {
      throw new Error('first\n  second\r\nthird');
    }, toolkit);
    expect(calls.failed).toEqual(['first second third']);
  });

  it('prints the stack of a bug only when debug logging is on', async () => {
    const quiet = fakeToolkit(false);
    await runAction(async () => {
      throw new TypeError('cannot read x of undefined');
    }, quiet.toolkit);
    expect(quiet.calls.failed).toEqual(['cannot read x of undefined']);
    expect(quiet.calls.info).toEqual([]);

    const loud = fakeToolkit(true);
    await runAction(async () => {
      throw new TypeError('cannot read x of undefined');
    }, loud.toolkit);
    expect(loud.calls.info).toHaveLength(1);
    expect(loud.calls.info[0]).toMatch(/^TypeError: cannot read x of undefined\n\s+at /);
  });

  it('reports thrown non-errors', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runAction(async () => {
      throw 'plain string';
    }, toolkit);
    expect(calls.failed).toEqual(['plain string']);
    expect(calls.info).toEqual([]);
  });
});
