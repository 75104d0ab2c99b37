import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script shared with `npm run docs`
import { referenceFor, syncActionDocs, updatedPage } from '../../../scripts/action-docs.mjs';

const meta = {
  name: 'Gate',
  description: 'Gates on tests.',
  inputs: {
    'reports': { description: 'Globs of | reports', required: true },
    'min-tests': { description: 'Fewest tests', default: '1' },
  },
  outputs: { passed: { description: 'true or false' } },
};

describe('action reference pages', () => {
  it('are up to date with every action.yml (run `npm run docs`)', () => {
    expect(syncActionDocs(process.cwd(), { check: true })).toEqual([]);
  });

  it('tabulate inputs with required and default, and outputs', () => {
    const reference: string = referenceFor(meta);
    expect(reference).toContain('| `reports` | Globs of \\| reports | yes |  |');
    expect(reference).toContain('| `min-tests` | Fewest tests | no | `1` |');
    expect(reference).toContain('| `passed` | true or false |');
  });

  it('replace only the generated section and keep what people wrote', () => {
    const page = `# Gate\n\nHand-written intro.\n\n${referenceFor({ ...meta, outputs: {} })}\n\n## Examples\n\nKept.\n`;
    const next: string = updatedPage(page, meta, 'gate');
    expect(next).toContain('Hand-written intro.');
    expect(next).toContain('## Examples\n\nKept.');
    expect(next).toContain('| `passed` |');
    expect(updatedPage(next, meta, 'gate')).toBe(next);
  });
});
