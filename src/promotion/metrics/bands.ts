/**
 * DORA's software delivery performance levels from one named edition: the 2023 Accelerate State of
 * DevOps Report (Google Cloud / DORA, https://dora.dev/research/2023/dora-report/), its table of
 * software delivery performance clusters (also quoted at https://octopus.com/blog/software-delivery-performance-clusters-2023):
 *
 * | level  | deployment frequency            | change lead time  | change failure rate | failed deployment recovery time |
 * | elite  | on demand (multiple a day)      | less than one day | 5%                  | less than one hour              |
 * | high   | once a day to once a week       | one day to a week | 10%                 | less than one day               |
 * | medium | once a week to once a month     | a week to a month | 15%                 | one day to one week             |
 * | low    | once a week to once a month     | a week to a month | 64%                 | one month to six months         |
 *
 * The clusters are groups of survey answers, not thresholds: 2023's low cluster shares medium's
 * throughput, and no cluster covers every figure (deploying less than monthly, a recovery between a
 * week and a month). So each metric is classified on its own, at the best level whose published
 * figure it meets, and a figure no level's meets is low:
 * - deployment frequency: elite above one a day ("on demand" is the survey's "multiple deploys per
 *   day"), high from one a week, medium from one a month (30 days), else low;
 * - change lead time: elite under one day, high up to 7 days, medium up to 30 days, else low;
 * - change failure rate: elite up to 5%, high up to 10%, medium up to 15%, else low (64% is low's typical rate);
 * - failed deployment recovery time: elite under one hour, high under one day, medium up to 7 days, else low.
 *
 * The 2024 report changed the clusters (high 20% and medium 10% failure rates, both recovering in
 * under a day, low recovering in one week to a month), so its per-metric levels would skip medium.
 */
export type Band = 'elite' | 'high' | 'medium' | 'low';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const BANDS_SOURCE =
  'DORA, Accelerate State of DevOps Report 2023, software delivery performance clusters (https://dora.dev/research/2023/dora-report/); each metric at the best level whose figure it meets';

/** Successful deployments per day. */
export function frequencyBand(perDay: number): Band {
  if (perDay > 1) return 'elite';
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
