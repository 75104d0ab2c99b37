import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAction } from '../../support/harness.js';

type Inputs = Record<string, { required?: boolean; default?: string }>;

/** Every action with a required input that has no default: leaving it out must fail cleanly. */
const cases = readdirSync('actions')
  .filter((name) => existsSync(join('actions', name, 'action.yml')))
  .flatMap((name) => {
    const inputs =
      (parse(readFileSync(join('actions', name, 'action.yml'), 'utf8')) as { inputs?: Inputs }).inputs ?? {};
    const required = Object.entries(inputs).find(([, input]) => input.required && input.default === undefined);
    return required ? [[name, required[0]] as const] : [];
  });

describe.each(['node24', 'node20'] as const)('a bundle run by the runner on %s', (node) => {
  it('has actions with required inputs to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)(
    '%s without its required input %s: exit 1, one ::error:: line naming it, no stack',
    async (action, input) => {
      const run = await runAction({ action, node, inputs: { [input]: '' } });
      expect(run.exitCode).toBe(1);
      const errorLines = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toContain(`'${input}'`);
      expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    },
  );
});
