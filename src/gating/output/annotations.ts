import { capText, firstLine } from '../io/capped-text.js';
import type { CheckAnnotation } from './check-run.js';
import type { ListedTest } from '../collector.js';
import { repoPath } from './source-location.js';

/** GitHub shows at most 10 error (and 10 warning) annotations made by workflow commands per step. */
export const STEP_ANNOTATION_LIMIT = 10;

export interface TestAnnotation {
  level: 'failure' | 'warning';
  file: string;
  line: number;
  /** Last line of a range (uncovered changed lines); `line` alone otherwise. */
  endLine?: number;
  title: string;
  message: string;
  details?: string;
}

/** Annotations for failing (and flaky) tests whose report gives a file; up to `max` in all. */
export function testAnnotations(
  failures: readonly ListedTest[],
  flaky: readonly ListedTest[],
  options: { workspace?: string; max: number },
): TestAnnotation[] {
  const annotate = (test: ListedTest, level: TestAnnotation['level']): TestAnnotation | undefined =>
    test.file
      ? {
          level,
          file: repoPath(test.file, options.workspace),
          line: test.line ?? 1,
          title: capText(`${level === 'warning' ? 'Flaky: ' : ''}${test.id}`, 250)!,
          // Which report (so which matrix job) failed: the same test may pass in another.
          message: `${capText(test.message ?? firstLine(test.details) ?? `${test.status}`, 900)!}\n(report: ${repoPath(test.reportFile, options.workspace)})`,
          details: capText(test.details, 4_000),
        }
      : undefined;
  const all = [...failures.map((test) => annotate(test, 'failure')), ...flaky.map((test) => annotate(test, 'warning'))];
  return all
    .filter((annotation): annotation is TestAnnotation => annotation !== undefined)
    .slice(0, Math.max(0, options.max));
}

export function toCheckAnnotations(annotations: readonly TestAnnotation[]): CheckAnnotation[] {
  return annotations.map((annotation) => ({
    path: annotation.file,
    start_line: annotation.line,
    end_line: annotation.endLine ?? annotation.line,
    annotation_level: annotation.level,
    title: annotation.title,
    message: annotation.message,
    ...(annotation.details ? { raw_details: annotation.details } : {}),
  }));
}

/** As workflow commands GitHub displays only 10 per level and step: keep those, count the rest. */
export function stepAnnotations(annotations: readonly TestAnnotation[]): { shown: TestAnnotation[]; cut: number } {
  const failures = annotations.filter((annotation) => annotation.level === 'failure');
  const warnings = annotations.filter((annotation) => annotation.level === 'warning');
  const shown = [...failures.slice(0, STEP_ANNOTATION_LIMIT), ...warnings.slice(0, STEP_ANNOTATION_LIMIT)];
  return { shown, cut: annotations.length - shown.length };
}

/** One warning per run of consecutive changed lines no test covered (`min-patch-coverage`). */
export function uncoveredAnnotations(
  uncovered: readonly { file: string; line: number }[],
  max: number,
): TestAnnotation[] {
  const ranges: TestAnnotation[] = [];
  for (const { file, line } of uncovered) {
    const last = ranges.at(-1);
    if (last && last.file === file && (last.endLine ?? last.line) === line - 1) last.endLine = line;
    else
      ranges.push({
        level: 'warning',
        file,
        line,
        title: 'Changed line not covered by tests',
        message: 'No test ran this changed line.',
      });
  }
  for (const range of ranges)
    if (range.endLine !== undefined)
      range.message = `No test ran these ${range.endLine - range.line + 1} changed lines.`;
  return ranges.slice(0, Math.max(0, max));
}
