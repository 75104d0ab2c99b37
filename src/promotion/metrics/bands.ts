/**
 * DORA's published software delivery performance levels, from the 2023 Accelerate State of DevOps
 * Report (Google Cloud / DORA, "Software delivery performance" clusters; https://dora.dev/research/2023/dora-report/,
 * summarised at https://octopus.com/blog/software-delivery-performance-clusters-2023):
 *
 * | level  | deployment frequency               | lead time for changes  | change failure rate | failed deployment recovery time |
 * | elite  | on demand (several a day)          | less than one day      | 5%                  | less than one hour              |
 * | high   | between once a day and once a week | one day to one week    | 10%                 | less than one day               |
 * | medium | between once a week and once a month | one week to one month | 15%                 | one day to one week             |
 * | low    | less often                         | longer                 | 64%                 | longer                          |
 *
 * Each metric is classified on its own, at the best level whose bound it meets (the report's figures
 * are cluster typicals, so a rate between two of them goes to the worse one).
 */
export type Band = 'elite' | 'high' | 'medium' | 'low';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const BANDS_SOURCE =
  'DORA, Accelerate State of DevOps Report 2023 (https://dora.dev/research/2023/dora-report/)';

/** Successful deployments per day. */
export function frequencyBand(perDay: number): Band {
  if (perDay >= 1) return 'elite';
  if (perDay >= 1 / 7) return 'high';
  if (perDay >= 1 / 30) return 'medium';
  return 'low';
}

export function leadTimeBand(ms: number): Band {
  if (ms < DAY) return 'elite';
  if (ms <= 7 * DAY) return 'high';
  if (ms <= 30 * DAY) return 'medium';
  return 'low';
}

/** A fraction between 0 and 1. */
export function failureRateBand(rate: number): Band {
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

export function recoveryBand(ms: number): Band {
  if (ms < HOUR) return 'elite';
  if (ms < DAY) return 'high';
  if (ms <= 7 * DAY) return 'medium';
  return 'low';
}
