import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface ActionYaml {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string; post?: string };
}

const root = process.cwd();
const actionFiles = [
  ...(existsSync(join(root, 'action.yml')) ? ['action.yml'] : []),
  ...readdirSync(join(root, 'actions'))
    .map((name) => `actions/${name}/action.yml`)
    .filter((file) => existsSync(join(root, file))),
];

const READER_CALL = /\.(?:required|string|boolean|integer|number|duration|choice|list|object)\(\s*'([a-z0-9-]+)'/g;
const MASKED_READ = /maskedInput\(\s*'([a-z0-9-]+)'/g;

function sourceOf(bundle: string): string {
  const dir = join(root, 'src/actions', bundle);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

/** The argument text of every `setOutputs(...)` call, where a one-word output may stand unquoted (`{ matrix: … }`). */
function setOutputsArguments(source: string): string {
  const found: string[] = [];
  for (const match of source.matchAll(/setOutputs\(/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (end < source.length && depth > 0) {
      if (source[end] === '(') depth++;
      else if (source[end] === ')') depth--;
      end++;
    }
    found.push(source.slice(match.index + match[0].length, end - 1));
  }
  return found.join('\n');
}

function inputsRead(source: string): Set<string> {
  return new Set([...source.matchAll(READER_CALL), ...source.matchAll(MASKED_READ)].map((m) => m[1]!));
}

describe('action metadata matches the code', () => {
  it('there are actions to check', () => {
    expect(actionFiles.length).toBeGreaterThan(0);
  });

  describe.each(actionFiles)('%s', (file) => {
    const meta = parse(readFileSync(join(root, file), 'utf8')) as ActionYaml;
    const main = meta.runs?.main ?? '';
    const bundle = /dist\/([a-z0-9-]+)\/index\.js$/.exec(main)?.[1] ?? '';

    it('runs on node24 from its dist bundle', () => {
      expect(meta.name).toBeTruthy();
      expect(meta.description).toBeTruthy();
      expect(meta.runs?.using).toBe('node24');
      expect(bundle).not.toBe('');
      const mainPath = resolve(dirname(join(root, file)), main);
      expect(relative(root, mainPath)).toBe(`dist/${bundle}/index.js`);
      expect(existsSync(mainPath)).toBe(true);
      expect(existsSync(join(root, 'src/actions', bundle, 'index.ts'))).toBe(true);
    });

    it('describes every input and output', () => {
      for (const [name, input] of Object.entries(meta.inputs ?? {}))
        expect(input.description, `input ${name}`).toBeTruthy();
      for (const [name, output] of Object.entries(meta.outputs ?? {}))
        expect(output.description, `output ${name}`).toBeTruthy();
    });

    it('declares exactly the inputs the code reads', () => {
      const declared = Object.keys(meta.inputs ?? {}).sort();
      expect([...inputsRead(sourceOf(bundle))].sort()).toEqual(declared);
    });

    it('sets every declared output', () => {
      const source = sourceOf(bundle);
      const inCalls = setOutputsArguments(source);
      const unset = Object.keys(meta.outputs ?? {}).filter(
        (name) =>
          !new RegExp(`['"]${name}['"]\\s*:`).test(source) && !new RegExp(`(?<![\\w-])${name}\\s*:`).test(inCalls),
      );
      expect(unset).toEqual([]);
    });

    it('names inputs and outputs in kebab-case', () => {
      for (const name of [...Object.keys(meta.inputs ?? {}), ...Object.keys(meta.outputs ?? {})])
        expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    });
  });
});
