import { type Clock, CancelledError } from '../../../src/runtime/clock.js';

/** A clock whose sleeps advance time instantly and are recorded. */
export function fakeClock(
  start: number | string = '2026-06-01T12:00:00Z',
): Clock & { advance(ms: number): void; slept: number[] } {
  let now = typeof start === 'string' ? Date.parse(start) : start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new CancelledError();
      slept.push(ms);
      now += ms;
    },
  };
}
