import { UserError } from '../runtime/errors.js';

/** 1980-01-01T00:00:00Z: the earliest time a zip entry can carry, and the fallback source date. */
export const EARLIEST_SOURCE_DATE = 315_532_800;

/** Modes depend only on the kind of entry and the executable bit, never on the builder's umask. */
export function normalMode(type: 'file' | 'directory' | 'symlink', mode = 0): number {
  if (type === 'directory') return 0o755;
  if (type === 'symlink') return 0o777;
  return mode & 0o111 ? 0o755 : 0o644;
}

/**
 * The time written into every entry: SOURCE_DATE_EPOCH when set (the reproducible-builds.org
 * convention), else the commit time, else 1980-01-01 so that the result still never depends on
 * when it was built.
 */
export function resolveSourceDate(options: { sourceDateEpoch?: string; commitTime?: number }): number {
  const given = options.sourceDateEpoch?.trim();
  if (given) {
    if (!/^\d+$/.test(given))
      throw new UserError(
        `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; got ${JSON.stringify(given)}.`,
      );
    return Number(given);
  }
  return options.commitTime ?? EARLIEST_SOURCE_DATE;
}

/**
 * A Date whose "local" fields are the UTC fields of `epoch`, clamped to the DOS range: the DOS
 * time of a zip entry is made from local fields (see zipTime, and yazl), which would otherwise
 * make the zip depend on the builder's time zone.
 */
export function zipDate(epoch: number): Date {
  return new UtcFieldsDate(Math.min(Math.max(epoch, EARLIEST_SOURCE_DATE), 4_354_819_198) * 1000);
}

class UtcFieldsDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
}

/** The gzip settings every artefact is compressed with. */
export const GZIP_OPTIONS = { level: 6, memLevel: 8 } as const;
