import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError, UserError } from '../../../src/runtime/errors.js';
import { type FailureReporter, runAction, runnerToolkit } from '../../../src/runtime/run-action.js';

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

/** runAction with no inputs to read and `main` as the loaded module's run. */
function runMain(main: () => Promise<void>, toolkit: FailureReporter): Promise<void> {
  return runAction(
    () => undefined,
    async () => ({ run: main }),
    toolkit,
  );
}

describe('runAction', () => {
  it('does nothing extra when main succeeds', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runMain(async () => {}, toolkit);
    expect(calls).toEqual({ failed: [], info: [] });
  });

  it('reports an InputError as one line with no stack, even in debug', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runMain(async () => {
      throw new InputError('format', 'Input \'format\' must be one of `zip`; got "rar".');
    }, toolkit);
    expect(calls.failed).toEqual(['Input \'format\' must be one of `zip`; got "rar".']);
    expect(calls.info).toEqual([]);
  });

  it('reports a UserError without a stack', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runMain(async () => {
      throw new UserError('Digest sha256:ab did not succeed in staging.');
    }, toolkit);
    expect(calls.info).toEqual([]);
  });

  it('folds a multi-line message onto one line', async () => {
    const { calls, toolkit } = fakeToolkit(false);
    await runMain(async () => {
      throw new Error('first\n  second\r\nthird');
    }, toolkit);
    expect(calls.failed).toEqual(['first second third']);
  });

  it('prints the stack of a bug only when debug logging is on', async () => {
    const quiet = fakeToolkit(false);
    await runMain(async () => {
      throw new TypeError('cannot read x of undefined');
    }, quiet.toolkit);
    expect(quiet.calls.failed).toEqual(['cannot read x of undefined']);
    expect(quiet.calls.info).toEqual([]);

    const loud = fakeToolkit(true);
    await runMain(async () => {
      throw new TypeError('cannot read x of undefined');
    }, loud.toolkit);
    expect(loud.calls.info).toHaveLength(1);
    expect(loud.calls.info[0]).toMatch(/^TypeError: cannot read x of undefined\n\s+at /);
  });

  it('reports thrown non-errors', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    await runMain(async () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown non-Error is the case under test
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
    await runMain(async () => {
      throw requestError(
        403,
        'Resource not accessible by integration',
        'POST',
        'http://127.0.0.1:4000/repos/octo/app/deployments',
      );
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
    await runMain(async () => {
      throw requestError(403, 'Resource not accessible by integration', method, `https://api.github.com${url}`);
    }, toolkit);
    expect(calls.failed[0]).toContain(`\`permissions: ${grant}\``);
  });

  it('explains a rejected token', async () => {
    const { calls, toolkit } = fakeToolkit(false);
    await runMain(async () => {
      throw requestError(401, 'Bad credentials', 'GET', 'https://api.github.com/repos/o/r');
    }, toolkit);
    expect(calls.failed[0]).toMatch(/^GitHub refused the token in input 'github-token' \(401 Bad credentials\)/);
  });

  it('leaves other request errors as they are', async () => {
    const { calls, toolkit } = fakeToolkit(false);
    await runMain(async () => {
      throw requestError(403, 'You have exceeded a secondary rate limit', 'GET', 'https://api.github.com/repos/o/r');
    }, toolkit);
    expect(calls.failed).toEqual(['You have exceeded a secondary rate limit']);
  });
});

describe('runAction loads the action only once its inputs are valid', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('never loads main when an input is rejected', async () => {
    const { calls, toolkit } = fakeToolkit(true);
    const load = vi.fn();
    await runAction(
      () => {
        throw new InputError('reports', "Input required and not supplied: 'reports'.");
      },
      load,
      toolkit,
    );
    expect(load).not.toHaveBeenCalled();
    expect(calls.failed).toEqual(["Input required and not supplied: 'reports'."]);
  });

  it('reads INPUT_* variables, masks secrets before loading, and runs main with the inputs', async () => {
    vi.stubEnv('INPUT_GITHUB-TOKEN', '  s3cret ');
    vi.stubEnv('INPUT_MAX-FAILURES', '2');
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk: string | Uint8Array) => (written.push(String(chunk)), true),
    );
    const { calls, toolkit } = fakeToolkit(false);
    const run = vi.fn(async () => {});
    await runAction(
      (reader, mask) => {
        const token = reader.required('github-token');
        mask(token);
        return { token, maxFailures: reader.integer('max-failures', { fallback: 0 }) };
      },
      async () => {
        expect(written).toEqual(['::add-mask::s3cret\n']);
        return { run };
      },
      toolkit,
    );
    expect(run).toHaveBeenCalledWith(
      { token: 's3cret', maxFailures: 2 },
      expect.objectContaining({ tuning: expect.any(Object) }),
    );
    expect(calls.failed).toEqual([]);
  });
});

describe('the runner toolkit (no @actions/core at start-up)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  /** What a call writes to stdout. */
  function output(call: () => void): string {
    let text = '';
    const spy = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => ((text += String(chunk)), true));
    call();
    spy.mockRestore();
    return text;
  }

  it.each(['plain', '100% sure\r\nnext line', '%0A already escaped', ''])(
    'writes the same commands as @actions/core for %j',
    (value) => {
      expect(output(() => runnerToolkit.setFailed(value))).toBe(output(() => core.setFailed(value)));
      expect(output(() => runnerToolkit.setSecret(value))).toBe(output(() => core.setSecret(value)));
      expect(output(() => runnerToolkit.info(value))).toBe(output(() => core.info(value)));
    },
  );

  it('fails the step and reads inputs and debug as @actions/core does', () => {
    expect(output(() => runnerToolkit.setFailed('x'))).toBe('::error::x\n');
    expect(process.exitCode).toBe(1);
    vi.stubEnv('INPUT_RELEASE_NOTES', ' a b ');
    for (const name of ['release notes', 'RELEASE_NOTES', 'missing'])
      expect(runnerToolkit.getInput(name)).toBe(core.getInput(name));
    for (const debug of ['1', '0', 'true']) {
      vi.stubEnv('RUNNER_DEBUG', debug);
      expect(runnerToolkit.isDebug()).toBe(core.isDebug());
    }
  });
});
