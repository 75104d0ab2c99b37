import { globMatcher } from '../runtime/glob.js';
import type { TestCase } from './test-results.js';

export type QuarantineMatcher = (test: Pick<TestCase, 'id' | 'name'>) => boolean;

/** Quarantine entries are exact test ids or picomatch globs, matched against the id and the bare name. */
export function quarantineMatcher(entries: readonly string[]): QuarantineMatcher {
  if (entries.length === 0) return () => false;
  const exact = new Set(entries);
  const globs = entries.map((entry) => globMatcher(entry));
  return (test) => exact.has(test.id) || exact.has(test.name) || globs.some((glob) => glob(test.id) || glob(test.name));
}
