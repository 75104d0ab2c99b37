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

describe('GitHub errors about the token', () => {
  const requestError = (status: number, message: string, method: string, url: string) =>
    Object.assign(new Error(message), { status, request: { method, url } });

  it('names the token input and the permission to grant on "Resource not accessible by integration"', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runAction(async () => {
      throw requestError(403, 'Resource not accessible by integration', 'POST', 'http://127.0.0.1:4000/repos/octo/app/deployments');
    }, toolkit);
    expect(calls.failed).toEqual([
      "The token in input 'github-token' may not POST /repos/octo/app/deployments (403 Resource not accessible by integration): grant the job `permissions: deployments: write`.",
    ]);
    expect(calls.info).toEqual([]);
  });

  it.each([
    ['PATCH', '/repos/o/r/check-runs/4', 'checks: write'],
    ['POST', '/repos/o/r/releases', 'contents: write'],
    ['GET', '/repos/o/r/commits/abc/status', 'statuses: read'],
    ['GET', '/repos/o/r/actions/artifacts/5', 'actions: read'],
  ])('maps %s %s to %s', async (method, url, grant) => {
    const { calls, toolkit } = fakeToolkit(false);
    await runAction(async () => {
      throw requestError(403, 'Resource not accessible by integration', method, `https://api.github.com${url}`);
    }, toolkit);
    expect(calls.failed[0]).toContain(`\`permissions: ${grant}\``);
  });

  it('explains a rejected token', async () => {
    const { calls, toolkit } = fakeToolkit(false);
    await runAction(async () => {
      throw requestError(401, 'Bad credentials', 'GET', 'https://api.github.com/repos/o/r');
    }, toolkit);
    expect(calls.failed[0]).toMatch(/^GitHub refused the token in input 'github-token' \(401 Bad credentials\)/);
  });

  it('leaves other request errors as they are', async () => {
    const { calls, toolkit } = fakeToolkit(false);
    await runAction(async () => {
      throw requestError(403, 'You have exceeded a secondary rate limit', 'GET', 'https://api.github.com/repos/o/r');
    }, toolkit);
    expect(calls.failed).toEqual(['You have exceeded a secondary rate limit']);
  });
});
