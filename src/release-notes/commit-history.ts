import { deepenTo, isShallow, unshallow } from '../git/shallow.js';
import type { Git } from '../git/runner.js';
import { oneLine } from '../runtime/errors.js';

export interface HistoryState {
  /** Whether local git now holds the history of the range. */
  complete: boolean;
  /** For the log: where the history comes from. */
  source: string;
  /** A shallow clone left as it is: its oldest commits show no parents though they have some. */
  grafted?: boolean;
  /** Commits and tags were fetched: what was read of the repository before may be out of date. */
  fetched?: boolean;
}

/**
 * Makes a shallow checkout (actions/checkout's default) deep enough: with a known previous tag,
 * only `previous..tag` (`--shallow-exclude` then `--deepen=1`); otherwise the whole history and tags
 * (`--unshallow --tags`). When fetching fails, the caller falls back to the compare API.
 */
export async function prepareHistory(
  git: Git,
  tag: string,
  previousTag: string | undefined,
  allowFetch = true,
  /** Already known: whether the checkout is shallow. */
  shallow?: boolean,
): Promise<HistoryState> {
  if (!(shallow ?? (await isShallow(git)))) return { complete: true, source: 'local git' };
  if (!allowFetch)
    return { complete: true, grafted: true, source: 'local git (a shallow clone: older history is missing)' };
  try {
    if (previousTag) {
      await deepenTo(git, tag, previousTag);
      return {
        complete: true,
        fetched: true,
        source: `local git, shallow checkout deepened to ${previousTag} (git fetch --shallow-exclude, --deepen=1)`,
      };
    }
    await unshallow(git);
    return {
      complete: true,
      fetched: true,
      source: 'local git, shallow checkout completed (git fetch --unshallow --tags)',
    };
  } catch (error) {
    return { complete: false, source: `the compare API (deepening the shallow checkout failed: ${oneLine(error)})` };
  }
}
