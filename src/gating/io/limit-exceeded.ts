import { UserError } from '../../runtime/errors.js';
import type { ParseLimits } from '../test-results.js';
import { formatCount } from '../../runtime/count.js';

/**
 * A report exceeds one of the parse limits. It carries the limit's name and value so that the shell
 * can say how to raise it in its own words (an action input, a CLI flag); the message itself names neither.
 */
export class LimitExceeded extends UserError {
  override name = 'LimitExceeded';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly limit: keyof ParseLimits,
    readonly value: number,
    what: string,
  ) {
    super(
      `${file}:${where}: has more than ${formatCount(value)} ${what}, the limit; it is refused to keep memory bounded.`,
    );
  }
}
