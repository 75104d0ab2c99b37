import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nestingDepth, pinNestedRefs, releasedFiles } from '../../../scripts/pin-nested-refs.mjs';
import { root } from './workflow-files.js';

const CODE = 'c'.repeat(40);
const PARENT = 'a'.repeat(40);
const pin = (text: string): string => pinNestedRefs(text, { code: CODE, workflows: PARENT });

describe('pinNestedRefs', () => {
  it.each([
    ['the root action', 'slipway-hq/slipway@v1', `slipway-hq/slipway@${CODE}`],
    ['an action', 'slipway-hq/slipway/actions/promote@v1', `slipway-hq/slipway/actions/promote@${CODE}`],
    [
      'a reusable workflow',
      'slipway-hq/slipway/.github/workflows/deliver.yml@v1',
      `slipway-hq/slipway/.github/workflows/deliver.yml@${PARENT}`,
    ],
    ['a full version tag', 'slipway-hq/slipway/actions/gate@v1.4.2', `slipway-hq/slipway/actions/gate@${CODE}`],
    [
      'a branch',
      'slipway-hq/slipway/.github/workflows/build.yml@main',
      `slipway-hq/slipway/.github/workflows/build.yml@${PARENT}`,
    ],
    [
      'a branch with a slash',
      'slipway-hq/slipway/actions/notify@release/v1',
      `slipway-hq/slipway/actions/notify@${CODE}`,
    ],
    [
      'an older SHA',
      `slipway-hq/slipway/actions/notify@${'0'.repeat(40)}`,
      `slipway-hq/slipway/actions/notify@${CODE}`,
    ],
    [
      "GitHub's case-insensitive owner",
      'Slipway-HQ/Slipway/actions/status@v1',
      `Slipway-HQ/Slipway/actions/status@${CODE}`,
    ],
  ])('%s', (_, uses, pinned) => {
    expect(pin(`      - uses: ${uses}\n`)).toBe(`      - uses: ${pinned}\n`);
  });

  it('keeps quotes, trailing comments and every other byte as they were', () => {
    const text = [
      'jobs:',
      '  a:',
      '    uses: "slipway-hq/slipway/.github/workflows/build.yml@v1"   # the build',
      '  b:',
      '    steps:',
      "      - uses: 'slipway-hq/slipway/actions/gate@v1'",
      '      - {uses: slipway-hq/slipway@v1, with: {tag: v1}}',
      '',
    ].join('\n');
    expect(pin(text)).toBe(
      [
        'jobs:',
        '  a:',
        `    uses: "slipway-hq/slipway/.github/workflows/build.yml@${PARENT}"   # the build`,
        '  b:',
        '    steps:',
        `      - uses: 'slipway-hq/slipway/actions/gate@${CODE}'`,
        `      - {uses: slipway-hq/slipway@${CODE}, with: {tag: v1}}`,
        '',
      ].join('\n'),
    );
  });

  it('changes refs inside uses: only, never in scripts, descriptions or inputs', () => {
    const text = [
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      x: { description: "like slipway-hq/slipway/actions/promote@v1", type: string, default: slipway-hq/slipway@v1 }',
      'jobs:',
      '  a:',
      '    steps:',
      '      - run: |',
      '          uses: slipway-hq/slipway/actions/promote@v1',
      '          echo slipway-hq/slipway@v1',
      '        env:',
      '          USES: slipway-hq/slipway@v1',
      '',
    ].join('\n');
    expect(pin(text)).toBe(text);
  });

  it('leaves third-party actions and look-alike repositories alone', () => {
    const text = [
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '      - uses: slipway-hq/slipway-extras/actions/x@v1',
      '      - uses: other/slipway-hq/slipway@v1',
      '      - uses: ./',
      '      - uses: ./.github/workflows/build.yml',
      '      - uses: docker://alpine:3',
      '',
    ].join('\n');
    expect(pin(text)).toBe(text);
  });

  it('is idempotent', () => {
    const text = readFileSync(join(root, '.github/workflows/deliver.yml'), 'utf8');
    const once = pin(text);
    expect(once).not.toBe(text);
    expect(pin(once)).toBe(once);
  });

  it('refuses anything but full commit SHAs, naming the flag', () => {
    expect(() => pinNestedRefs('', { code: 'v1', workflows: PARENT })).toThrow(
      "--code must be a full 40-character commit SHA, got 'v1'",
    );
    expect(() => pinNestedRefs('', { code: CODE, workflows: PARENT.slice(1) })).toThrow(
      /^--workflows must be a full 40-character commit SHA/,
    );
  });
});

describe('the files a release pins, and how many commits it takes', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pin-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(join(scratch, file, '..'), { recursive: true });
    writeFileSync(join(scratch, file), text);
  };

  it("pins reusable workflows and templates, not the project's own CI or release workflow", () => {
    const files = releasedFiles(root);
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/deliver.yml',
        '.github/workflows/build.yml',
        '.github/workflow-templates/slipway-deliver.yml',
      ]),
    );
    expect(files).not.toContain('.github/workflows/ci.yml');
    expect(files).not.toContain('.github/workflows/release-slipway.yml');
  });

  it('counts one commit per level of reusable workflows calling reusable workflows', () => {
    write(
      '.github/workflows/leaf.yml',
      'on: { workflow_call: {} }\njobs: { a: { runs-on: x, steps: [ { uses: slipway-hq/slipway/actions/gate@v1 } ] } }\n',
    );
    expect(nestingDepth(scratch)).toBe(1);
    write(
      '.github/workflows/middle.yml',
      'on: { workflow_call: {} }\njobs: { a: { uses: slipway-hq/slipway/.github/workflows/leaf.yml@v1 } }\n',
    );
    expect(nestingDepth(scratch)).toBe(2);
    write(
      '.github/workflow-templates/top.yml',
      'on: push\njobs: { a: { uses: slipway-hq/slipway/.github/workflows/middle.yml@v1 } }\n',
    );
    expect(nestingDepth(scratch)).toBe(3);
    // The project's own: template → deliver.yml → build.yml → actions.
    expect(nestingDepth(root)).toBe(3);
  });
});
