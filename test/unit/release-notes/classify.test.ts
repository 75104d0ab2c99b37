import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/release-notes/classify.js';
import { parseConventional } from '../../../src/release-notes/conventional-title.js';
import type { Change } from '../../../src/release-notes/notes-model.js';
import { parseReleaseConfig } from '../../../src/release-notes/release-config.js';

const docsConfig = parseReleaseConfig(
  readFileSync('test/fixtures/release-notes/github-docs-release.yml', 'utf8'),
  '.github/release.yml',
);

function pr(number: number, title: string, labels: string[] = [], login = 'mona', body = ''): Change {
  const parts = parseConventional(title, body);
  return {
    kind: 'pull-request',
    number,
    sha: `${number}`.padStart(40, '0'),
    title,
    body,
    labels,
    author: { login, isBot: false },
    emails: [],
    ...parts,
    breaking: parts.breaking || labels.includes('breaking-change'),
  };
}

const layout = (sections: ReturnType<typeof classify>) =>
  sections.map((s) => [s.title, s.changes.map((c) => c.number)]);

describe("GitHub's release.yml, as GitHub's generator reads it", () => {
  const changes = [
    pr(10, 'Remove the legacy API', ['breaking-change']),
    pr(11, 'Add dark mode', ['Semver-Minor']),
    pr(12, 'New login flow', ['enhancement', 'breaking-change']),
    pr(13, 'Internal tweak', ['ignore-for-release', 'enhancement']),
    pr(14, 'Octocat’s change', ['enhancement'], 'octocat'),
    pr(15, 'Unlabelled change'),
    pr(16, 'Fix a crash', ['bug']),
    pr(17, 'feat!: titles are not labels', []),
    pr(18, 'Major bump', ['semver-major']),
  ];

  it('reads the documentation example unchanged', () => {
    expect(docsConfig).toEqual({
      exclude: { labels: ['ignore-for-release'], authors: ['octocat'] },
      categories: [
        {
          title: 'Breaking Changes 🛠',
          labels: ['Semver-Major', 'breaking-change'],
          exclude: { labels: [], authors: [] },
        },
        {
          title: 'Exciting New Features 🎉',
          labels: ['Semver-Minor', 'enhancement'],
          exclude: { labels: [], authors: [] },
        },
        { title: 'Other Changes', labels: ['*'], exclude: { labels: [], authors: [] } },
      ],
    });
  });

  it('puts each pull request in the first category it matches, drops excluded labels and authors, and `*` takes the rest', () => {
    expect(layout(classify(changes, { config: docsConfig, excludeAuthors: [] }))).toEqual([
      ['Breaking Changes 🛠', [10, 12, 18]],
      ['Exciting New Features 🎉', [11]],
      ['Other Changes', [15, 16, 17]],
    ]);
  });

  it('without a `*` category, unmatched pull requests are left out, as GitHub does; category exclusions fall through', () => {
    const config = parseReleaseConfig(
      'changelog:\n  categories:\n    - title: Features\n      labels: [enhancement]\n      exclude:\n        authors: [hubot]\n    - title: Fixes\n      labels: [bug, enhancement]\n',
      'release.yml',
    );
    const sections = classify(
      [pr(1, 'a', ['enhancement']), pr(2, 'b', ['enhancement'], 'hubot'), pr(3, 'c', ['docs']), pr(4, 'd', ['bug'])],
      { config, excludeAuthors: [] },
    );
    expect(layout(sections)).toEqual([
      ['Features', [1]],
      ['Fixes', [2, 4]],
    ]);
  });

  it('refuses a malformed configuration in one line naming the file and the key', () => {
    expect(() => parseReleaseConfig('changelog:\n  categories:\n    - labels: [a]\n', '.github/release.yml')).toThrow(
      ".github/release.yml: 'changelog.categories[0].title' is required.",
    );
    expect(() => parseReleaseConfig('changelog:\n  categories:\n    - title: A\n', 'r.yml')).toThrow(
      /'changelog.categories\[0\].labels' is required/,
    );
    expect(() => parseReleaseConfig('other: 1\n', 'r.yml')).toThrow("r.yml has no 'changelog:' mapping");
    expect(() => parseReleaseConfig('changelog: [\n', 'r.yml')).toThrow(/^r.yml is not valid YAML/);
  });
});

describe('conventional commits by default', () => {
  it('breaking from `!`, a BREAKING CHANGE footer or a label, always first; the rest by type, then Other', () => {
    const sections = classify(
      [
        pr(1, 'fix(parser): handle tabs'),
        pr(2, 'feat!: new config format'),
        pr(3, 'refactor: tidy', [], 'mona', 'Some text.\n\nBREAKING CHANGE: the old flag is gone'),
        pr(4, 'Rename the CLI', ['breaking-change']),
        pr(5, 'perf: faster'),
        pr(6, 'Something plain'),
        pr(7, 'Add a button', ['enhancement']),
        pr(8, 'feat(ui): dark mode'),
      ],
      { excludeAuthors: [] },
    );
    expect(layout(sections)).toEqual([
      ['Breaking changes', [2, 3, 4]],
      ['Features', [7, 8]],
      ['Fixes', [1]],
      ['Performance', [5]],
      ['Other', [6]],
    ]);
  });

  it('reads type, scope, subject and breaking markers', () => {
    expect(parseConventional('feat(api)!: drop v1')).toEqual({
      type: 'feat',
      scope: 'api',
      subject: 'drop v1',
      breaking: true,
    });
    expect(parseConventional('fix: x', 'BREAKING-CHANGE: y')).toMatchObject({ type: 'fix', breaking: true });
    expect(parseConventional('Update README')).toEqual({ subject: 'Update README', breaking: false });
  });
});
