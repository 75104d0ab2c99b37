import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNotesTemplate } from '../../../src/release-notes/render-template.js';
import type { ReleaseNotes } from '../../../src/release-notes/notes-model.js';
import { UserError } from '../../../src/runtime/errors.js';

/**
 * SECURITY.md: "the template engine (Liquid) has no file or code access". A release-notes template
 * runs in the workspace, where earlier steps may have left credentials (a cloud login's key file, an
 * .npmrc); `{% include %}`, `{% render %}` and `{% layout %}` must not read any file.
 */
const SECRET_FILE = 'gha-creds-0123.json';
const SECRET = '{"private_key":"-----BEGIN PRIVATE KEY-----slipway-test"}';
const notes = {
  tag: 'v1.0.0',
  version: '1.0.0',
  sections: [],
  contributors: [],
  newContributors: [],
} as unknown as ReleaseNotes;

let dir: string;
let cwd: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-liquid-'));
  writeFileSync(join(dir, SECRET_FILE), SECRET);
  cwd = process.cwd();
  process.chdir(dir);
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('a release-notes template cannot read files', () => {
  it.each([
    `{% include '${SECRET_FILE}' %}`,
    `{% render '${SECRET_FILE}' %}`,
    `{% layout '${SECRET_FILE}' %}x`,
    `{% include './${SECRET_FILE}' %}`,
  ])('%s is refused or renders nothing from the file', async (template) => {
    const rendered = await renderNotesTemplate(template, notes).then(
      (output) => output,
      (error: unknown) => {
        expect(error).toBeInstanceOf(UserError);
        return (error as Error).message;
      },
    );
    expect(rendered).not.toContain('PRIVATE KEY');
  });

  it('ordinary templates still render', async () => {
    expect(await renderNotesTemplate('Release {{ tag }} ({{ version }})', notes)).toBe('Release v1.0.0 (1.0.0)');
  });
});
