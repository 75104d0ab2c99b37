import { appendFileSync, statSync } from 'node:fs';
import * as core from '@actions/core';
import { InputReader } from './inputs.js';
import { fitSummary, SUMMARY_LIMIT_BYTES } from './summary.js';

/** Inputs of the running action, read the way the runner passes them (`INPUT_<NAME>`). */
export function actionInputs(): InputReader {
  return new InputReader((name) => core.getInput(name));
}

/** Reads a secret input and masks it at once, so it can never reach a log. */
export function maskedInput(name: string): string {
  const value = core.getInput(name);
  if (value) core.setSecret(value);
  return value;
}

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
  appendFileSync(file, fitSummary(markdown, Math.max(0, SUMMARY_LIMIT_BYTES - used)));
}

/** A non-negative number of milliseconds from an environment variable, if set. */
export function millisecondsFromEnv(name: string): number | undefined {
  const text = process.env[name]?.trim();
  const value = Number(text);
  return text && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export { core };
