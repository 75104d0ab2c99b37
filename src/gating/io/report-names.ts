/** The names test tools give their reports: what a directory (a CLI path, a merged artifact) is searched for. */
export const REPORT_FILE_GLOB = '**/*.{xml,trx,json,jsonl,ndjson,tap}';
