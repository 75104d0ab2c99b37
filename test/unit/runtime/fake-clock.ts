import type { Clock } from '../../../src/runtime/clock.js';

/** A clock that only moves when slept on, recording every wait. */
export function fakeClock(random = 0.5): Clock & { random: () => number; sleeps: number[]; advance(ms: number): void } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
    sleeps,
  };
}
