import { describe, expect, it } from 'vitest';
import type { History } from '../../../src/promotion/deployment-history.js';
import { matrixMarkdown, matrixText, statusMatrix } from '../../../src/promotion/status-matrix.js';
import { DIGEST_A, DIGEST_B, DIGEST_C, entry } from './entries.js';

describe('statusMatrix', () => {
  const history: History = new Map([
    [
      'dev',
      [
        entry({ environment: 'dev', version: '1.2.0', digest: DIGEST_C, state: 'success', at: '2026-06-01T11:00:00Z' }),
        entry({
          environment: 'dev',
          version: '1.1.0',
          digest: DIGEST_B,
          state: 'inactive',
          at: '2026-06-01T10:00:00Z',
        }),
        entry({
          environment: 'dev',
          version: '1.0.0',
          digest: DIGEST_A,
          state: 'inactive',
          at: '2026-06-01T09:00:00Z',
        }),
      ],
    ],
    [
      'staging',
      [
        entry({
          environment: 'staging',
          version: '1.2.0',
          digest: DIGEST_C,
          state: 'in_progress',
          at: '2026-06-01T11:30:00Z',
        }),
        entry({
          environment: 'staging',
          version: '1.0.0',
          digest: DIGEST_A,
          state: 'success',
          at: '2026-06-01T09:30:00Z',
          slot: 'green',
        }),
      ],
    ],
    ['production', []],
  ]);

  it('shows what runs where, the newest status, and how far behind upstream each environment is', () => {
    const rows = statusMatrix(['dev', 'staging', 'production'], history);
    expect(rows.map((r) => [r.environment, r.version, r.slot, r.status, r.upstream, r.behind])).toEqual([
      ['dev', '1.2.0', null, 'success', null, null],
      ['staging', '1.0.0', 'green', 'in_progress', 'dev', 2],
      ['production', null, null, 'none', 'staging', 1],
    ]);
    expect(rows[1]).toMatchObject({
      digest: DIGEST_A,
      commit: '0123456789abcdef0123456789abcdef01234567',
      deployedAt: '2026-06-01T09:30:00.000Z',
      deployedBy: 'octocat',
    });
  });

  it('renders a table for the summary and for the terminal', () => {
    const rows = statusMatrix(['dev', 'staging'], history);
    const markdown = matrixMarkdown(rows);
    expect(markdown).toContain(
      '| staging | 1.0.0 | aaaaaaaaaaaa | 0123456 | green | 2026-06-01T09:30:00.000Z | octocat | in_progress | — | 2 behind dev |',
    );
    expect(matrixText(rows).split('\n')[2]).toMatch(
      /^staging\s+1\.0\.0\s+aaaaaaaaaaaa\s+0123456\s+green\s+2026-06-01T09:30:00\.000Z\s+octocat\s+in_progress\s+2$/,
    );
  });
});
