import { appendFileSync, statSync } from 'node:fs';
import * as core from '@actions/core';
import { fitSummary, NOTE_ROOM, SUMMARY_LIMIT_BYTES } from './summary.js';

// Input reading is part of the light runtime that runs before an action's main module is loaded.
export { actionInputs, maskedInput } from './run-action.js';

/** Writes every output, skipping undefined ones; values that are not strings are JSON-encoded. */
export function setOutputs(outputs: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    core.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
}

/** Appends Markdown to the step summary without passing GitHub's 1 MiB limit for the step. */
export function writeJobSummary(markdown: string, file = process.env.GITHUB_STEP_SUMMARY): void {
  if (!file) return;
  let used = 0;
  try {
    used = statSync(file).size;
  } catch {
    // no summary written yet
  }
  const remaining = SUMMARY_LIMIT_BYTES - used;
  if (Buffer.byteLength(markdown, 'utf8') <= remaining) appendFileSync(file, markdown);
  // Too little room left for the truncation note: an earlier write already ended with it, or the limit is reached.
  else if (remaining >= NOTE_ROOM) appendFileSync(file, fitSummary(markdown, remaining));
}

export { core };
