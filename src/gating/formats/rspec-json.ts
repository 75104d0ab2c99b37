import { capText } from '../io/capped-text.js';
import {
  DETAILS_CAP,
  MESSAGE_CAP,
  type TestSink,
  type TestStatus,
  DEFAULT_LIMITS,
  type ParseLimits,
} from '../test-results.js';
import { streamJsonValues } from '../io/json-stream.js';

interface Example {
  id?: string;
  description?: string;
  full_description?: string;
  status?: string;
  file_path?: string;
  line_number?: number;
  run_time?: number;
  pending_message?: string | null;
  exception?: { class?: string; message?: string; backtrace?: string[] };
}

const STATUSES: Record<string, TestStatus> = { passed: 'passed', failed: 'failed', pending: 'skipped' };

/** RSpec's `--format json`: each example, and errors outside examples (a spec file that failed to load). */
export async function parseRSpecJson(
  file: string,
  sink: TestSink,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<void> {
  await streamJsonValues(file, limits, ['$.examples.*', '$.summary'], (value, topKey) => {
    if (topKey === 'summary') {
      const outside = (value as { errors_outside_of_examples_count?: number }).errors_outside_of_examples_count ?? 0;
      if (outside > 0)
        sink({
          id: '(errors outside of examples)',
          name: '(errors outside of examples)',
          suite: '(load)',
          status: 'errored',
          message: `${outside} error(s) occurred outside of examples (a spec file failed to load)`,
        });
      return;
    }
    const example = value as Example;
    const status = STATUSES[example.status ?? ''] ?? 'errored';
    const failed = status === 'failed' || status === 'errored';
    const exception = example.exception;
    sink({
      id: example.id ?? example.full_description ?? '',
      name: example.full_description ?? example.description ?? '',
      suite: example.file_path ?? '(root)',
      status,
      message: failed
        ? capText(exception ? `${exception.class ?? ''}: ${exception.message ?? ''}` : undefined, MESSAGE_CAP)
        : capText(example.pending_message ?? undefined, MESSAGE_CAP),
      details: failed ? capText(exception?.backtrace?.slice(0, 50).join('\n'), DETAILS_CAP) : undefined,
      file: failed ? example.file_path : undefined,
      line: failed ? example.line_number : undefined,
      durationMs: example.run_time === undefined ? undefined : example.run_time * 1000,
    });
  });
}
