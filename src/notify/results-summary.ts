import { markdownTable } from '../runtime/summary.js';
import type { NotificationResult } from './deliver.js';
import type { Message } from './message.js';

/** Text from PR titles and services shown as text, not as HTML, in the job summary. */
const inert = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ');

const ACTION_WORDS = { posted: 'posted', edited: 'edited in place', replied: 'replied in thread' } as const;

/** One line per destination, for the log and for errors: never a URL, only the destination's label. */
export function describeResult(result: NotificationResult): string {
  if (result.outcome === 'failed')
    return `${result.label}: failed after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.error}`;
  if (result.outcome === 'dry-run') return `${result.label}: would be ${ACTION_WORDS[result.action]} (dry run)`;
  return `${result.label}: ${ACTION_WORDS[result.action]} (${result.attempts} attempt${result.attempts === 1 ? '' : 's'})`;
}

/** Verdict first, then a row per destination. */
export function resultsSummary(message: Message, results: NotificationResult[]): string {
  const failed = results.filter((r) => r.outcome === 'failed').length;
  const dry = results.every((r) => r.outcome === 'dry-run');
  const verdict = dry
    ? `🧪 Dry run: nothing sent to ${results.length} destination${results.length === 1 ? '' : 's'}`
    : failed === 0
      ? `✅ Notified ${results.length} of ${results.length} destination${results.length === 1 ? '' : 's'}`
      : `⚠️ ${failed} of ${results.length} notification${results.length === 1 ? '' : 's'} failed`;
  const rows = results.map((r) => [
    inert(r.label),
    r.outcome === 'failed' ? '❌ failed' : r.outcome === 'dry-run' ? '🧪 dry run' : '✅ delivered',
    ACTION_WORDS[r.action],
    r.attempts,
    inert(r.error ?? ''),
  ]);
  return `## Notify: ${verdict}\n\n**${message.event}**: ${inert(message.title)}\n\n${markdownTable(['Destination', 'Result', 'Action', 'Attempts', 'Details'], rows)}\n`;
}
