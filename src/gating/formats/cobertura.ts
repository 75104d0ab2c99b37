import { DEFAULT_LIMITS, type ParseLimits } from '../test-results.js';
import type { CoverageTotals } from '../test-results.js';
import { streamXml } from '../io/xml-stream.js';

/**
 * Cobertura XML: the root's lines-covered / lines-valid when given (coverage.py, c8, nyc, coverlet),
 * otherwise the class-level <line> elements (method-level copies are not counted twice).
 */
export async function parseCobertura(file: string, limits: ParseLimits = DEFAULT_LIMITS): Promise<CoverageTotals> {
  let fromRoot: CoverageTotals | undefined;
  const counted: CoverageTotals = { linesCovered: 0, linesValid: 0 };
  let inMethods = 0;
  await streamXml(file, limits, {
    open({ name, attributes }) {
      if (name === 'coverage' && attributes['lines-valid'] !== undefined && attributes['lines-covered'] !== undefined) {
        fromRoot = { linesCovered: Number(attributes['lines-covered']), linesValid: Number(attributes['lines-valid']) };
      } else if (name === 'methods') inMethods += 1;
      else if (name === 'line' && inMethods === 0 && !fromRoot) {
        counted.linesValid += 1;
        if (Number(attributes.hits) > 0) counted.linesCovered += 1;
      }
    },
    close(name) {
      if (name === 'methods') inMethods -= 1;
    },
  });
  return fromRoot ?? counted;
}
