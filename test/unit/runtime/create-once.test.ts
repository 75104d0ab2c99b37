import { describe, expect, it, vi } from 'vitest';
import { createOnce } from '../../../src/runtime/create-once.js';

/** An error shaped like octokit's RequestError. */
const answer = (status: number) =>
  Object.assign(new Error(`HTTP ${status}`), { status, request: { method: 'POST', url: '/x' } });

describe('createOnce', () => {
  it('creates once and does not look anything up when the create succeeds', async () => {
    const create = vi.fn(async () => 7);
    const find = vi.fn(async () => undefined);
    await expect(createOnce({ create, find, backoffMs: 0 })).resolves.toBe(7);
    expect(create).toHaveBeenCalledTimes(1);
    expect(find).not.toHaveBeenCalled();
  });

  it('returns what the create made when its answer was lost (502), without creating again', async () => {
    const made: number[] = [];
    const create = vi.fn(async () => {
      made.push(made.length + 1);
      throw answer(502);
    });
    const find = vi.fn(async () => made[0]);
    await expect(createOnce({ create, find, backoffMs: 0 })).resolves.toBe(1);
    expect(create).toHaveBeenCalledTimes(1);
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('creates again when nothing was made, and stops at the first success', async () => {
    const create = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(answer(503))
      .mockRejectedValueOnce(answer(500))
      .mockResolvedValueOnce('made');
    const find = vi.fn(async () => undefined);
    await expect(createOnce({ create, find, backoffMs: 0 })).resolves.toBe('made');
    expect(create).toHaveBeenCalledTimes(3);
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('treats a dropped connection like a lost answer', async () => {
    const dropped = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    const create = vi.fn<() => Promise<string>>().mockRejectedValueOnce(dropped);
    const find = vi.fn(async () => 'existing');
    await expect(createOnce({ create, find, backoffMs: 0 })).resolves.toBe('existing');
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('throws a refusal (4xx) at once, without looking up or retrying', async () => {
    const refusal = answer(422);
    const create = vi.fn(async () => {
      throw refusal;
    });
    const find = vi.fn(async () => 'never');
    await expect(createOnce({ create, find, backoffMs: 0 })).rejects.toBe(refusal);
    expect(create).toHaveBeenCalledTimes(1);
    expect(find).not.toHaveBeenCalled();
  });

  it('gives up after `attempts` creates with the last failure', async () => {
    const failures = [answer(502), answer(503), answer(504)];
    let index = 0;
    const create = vi.fn(async () => {
      throw failures[index++] as Error;
    });
    const find = vi.fn(async () => undefined);
    await expect(createOnce({ create, find, attempts: 3, backoffMs: 0 })).rejects.toBe(failures[2]);
    expect(create).toHaveBeenCalledTimes(3);
    expect(find).toHaveBeenCalledTimes(3);
  });

  it('does not create again when the look-up fails, since the first create may have been applied', async () => {
    const create = vi.fn(async () => {
      throw answer(502);
    });
    const lookup = answer(500);
    const find = vi.fn(async () => {
      throw lookup;
    });
    await expect(createOnce({ create, find, backoffMs: 0 })).rejects.toBe(lookup);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('backs off exponentially from backoffMs before each look-up', async () => {
    vi.useFakeTimers();
    try {
      const create = vi
        .fn<() => Promise<string>>()
        .mockRejectedValueOnce(answer(502))
        .mockRejectedValueOnce(answer(502))
        .mockResolvedValueOnce('made');
      const find = vi.fn(async () => undefined);
      const result = createOnce({ create, find, backoffMs: 100 });
      await vi.advanceTimersByTimeAsync(99);
      expect(find).toHaveBeenCalledTimes(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(find).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(199);
      expect(find).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(result).resolves.toBe('made');
      expect(find).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
