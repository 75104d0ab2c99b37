import { DEFAULT_LIMITS, type ParseLimits } from '../test-results.js';
import { UserError } from '../../runtime/errors.js';
import type { CoverageTotals } from '../test-results.js';
import { forEachLine } from '../io/line-stream.js';

/** LCOV tracefiles: line totals from each record's LF/LH, or from its DA lines when a tool leaves those out. */
export async function parseLcov(file: string, limits: ParseLimits = DEFAULT_LIMITS): Promise<CoverageTotals> {
  const totals: CoverageTotals = { linesCovered: 0, linesValid: 0 };
  let record = { found: undefined as number | undefined, hit: undefined as number | undefined, da: 0, daHit: 0 };
  let open = false;
  let lastLine = 0;
  await forEachLine(file, limits, (line, lineNumber) => {
    lastLine = lineNumber;
    const [key, value = ''] = line.trim().split(/:(.*)/s);
    if (key === 'SF') open = true;
    else if (key === 'LF') record.found = Number(value);
    else if (key === 'LH') record.hit = Number(value);
    else if (key === 'DA') {
      record.da += 1;
      if (Number(value.split(',')[1]) > 0) record.daHit += 1;
    } else if (key === 'end_of_record') {
      totals.linesValid += record.found ?? record.da;
      totals.linesCovered += record.hit ?? record.daHit;
      record = { found: undefined, hit: undefined, da: 0, daHit: 0 };
      open = false;
    }
  });
  if (open)
    throw new UserError(
      `${file}:${lastLine}:1: the LCOV file ends inside a record (no end_of_record); it looks truncated.`,
    );
  return totals;
}
