import picomatch from 'picomatch';

/**
 * Why a glob is unusable, or undefined when it is fine: brackets, braces and parentheses must be
 * balanced, since picomatch would otherwise read an unclosed one literally, so a typo matches nothing
 * and the notes come out empty (paths) or from the first commit (tag-pattern) instead of failing.
 */
export function globProblem(glob: string): string | undefined {
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
