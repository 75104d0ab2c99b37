/**
 * The compact record of one gate run, kept in its check run's output text, that a later run on another
 * commit reads back (`baseline`) to tell the failures its change made from those already there.
 */
const MARKER = 'slipway-gate-record';
/** A check run's text holds 65,535 characters; the record leaves room for the line before it. */
const RECORD_LIMIT = 65_000;

export interface GateRecord {
  /** Ids of the tests failing on that commit. */
  failing: string[];
  /** False when more tests failed than the record holds: a failure not listed may still be old. */
  complete: boolean;
}

/** The record as check run text: one line for people, then the data in a comment. */
export function recordText(failing: Iterable<string>, complete: boolean): string {
  const kept: string[] = [];
  let size = 0;
  let fits = complete;
  for (const id of failing) {
    size += JSON.stringify(id).length + 1;
    if (size > RECORD_LIMIT) {
      fits = false;
      break;
    }
    kept.push(id);
  }
  // `--` cannot end the comment early: JSON escapes nothing there, so it is written as `-\u002d`.
  const data = JSON.stringify({ v: 1, failing: kept, complete: fits }).replace(/--/g, '-\\u002d');
  return `Failing tests recorded by the Slipway gate for later runs' \`baseline\` (${kept.length}${fits ? '' : ', incomplete'}).\n<!-- ${MARKER} ${data} -->\n`;
}

/** The record in a check run's text, or undefined when there is none (another tool's check run, an older gate). */
export function parseRecord(text: string | null | undefined): GateRecord | undefined {
  const match = text ? new RegExp(`<!-- ${MARKER} (\\{.*\\}) -->`).exec(text) : null;
  if (!match) return undefined;
  try {
    const data = JSON.parse(match[1]!) as { v?: number; failing?: unknown; complete?: unknown };
    if (data.v !== 1 || !Array.isArray(data.failing)) return undefined;
    return {
      failing: data.failing.filter((id): id is string => typeof id === 'string'),
      complete: data.complete === true,
    };
  } catch {
    return undefined;
  }
}
