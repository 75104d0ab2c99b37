import { UserError } from '../runtime/errors.js';

/*
 * Apart from extract.ts so that an action's input validation can name the defaults without loading
 * the archive readers.
 */

/** How much an artefact may expand to, so a small archive cannot fill the disk or take minutes (a zip bomb). */
export interface ExtractLimits {
  /** Most bytes of file content; default `DEFAULT_EXPANSION` times the archive's size, within the floor and cap below. */
  maxBytes?: number;
  /** Most entries (files, directories and symlinks). */
  maxEntries?: number;
}

export const DEFAULT_EXPANSION = 100;
export const DEFAULT_MIN_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024 * 1024;
export const DEFAULT_MAX_ENTRIES = 50_000;

/** The size limit for an archive of `archiveBytes` when none is given: a multiple of it, at least 64 MiB, at most 4 GiB. */
export function defaultMaxBytes(archiveBytes: number): number {
  return Math.min(DEFAULT_MAX_BYTES, Math.max(DEFAULT_MIN_BYTES, archiveBytes * DEFAULT_EXPANSION));
}

/** Data carried by a refusal over a limit, so the caller can name its own setting. */
export class ExtractLimitError extends UserError {
  constructor(
    message: string,
    readonly limit: 'bytes' | 'entries',
  ) {
    super(message);
  }
}
