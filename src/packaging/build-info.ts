/** What BUILD-INFO.json records, so any running copy can be traced back to its build and release. */
export interface BuildInfo {
  name: string;
  version: string;
  commit?: string;
  ref?: string;
  repository?: string;
  runUrl?: string;
  /** ISO 8601 UTC: the time every entry carries (SOURCE_DATE_EPOCH or the commit time). */
  sourceDate: string;
}

export const BUILD_INFO_FILE = 'BUILD-INFO.json';

/** The file's bytes, keys in a fixed order so the same build gives the same bytes. */
export function buildInfoJson(info: BuildInfo): Buffer {
  const ordered = {
    name: info.name,
    version: info.version,
    commit: info.commit ?? null,
    ref: info.ref ?? null,
    repository: info.repository ?? null,
    runUrl: info.runUrl ?? null,
    sourceDate: info.sourceDate,
  };
  return Buffer.from(`${JSON.stringify(ordered, null, 2)}\n`);
}
