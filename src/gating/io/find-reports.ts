import { findFiles } from '../../runtime/glob.js';
import { UserError } from '../../runtime/errors.js';

/** Like findFiles, but no match is a mistake worth one clear line. */
export function findReports(globs: readonly string[], cwd: string, what = 'test report', input = 'reports'): string[] {
  const files = findFiles(globs, cwd);
  if (files.length === 0) {
    throw new UserError(
      `No ${what} matched ${globs.map((glob) => JSON.stringify(glob)).join(', ')} in ${cwd}. Check the '${input}' globs and that the test step wrote its reports before this step.`,
    );
  }
  return files;
}
