import { describe, expect, it } from 'vitest';
import { prependChangelog } from '../../../src/release-notes/changelog-file.js';
import { collectContributors, isExcludedAuthor } from '../../../src/release-notes/contributors.js';
import type { Change, ReleaseNotes } from '../../../src/release-notes/notes-model.js';
import { nextVersion } from '../../../src/release-notes/next-version.js';
import {
  composeReleaseBody,
  END_MARKER,
  RELEASE_BODY_LIMIT,
  START_MARKER,
} from '../../../src/release-notes/release-body.js';
import { renderMarkdown } from '../../../src/release-notes/render-markdown.js';
import { renderNotesTemplate } from '../../../src/release-notes/render-template.js';

function change(number: number, extra: Partial<Change> = {}): Change {
  return {
    kind: 'pull-request',
    number,
    sha: String(number).padStart(40, 'a'),
    title: `Change ${number}`,
    subject: `Change ${number}`,
    body: '',
    labels: [],
    author: { login: 'mona', isBot: false },
    emails: ['mona@example.com'],
    breaking: false,
    ...extra,
  };
}

const notes: ReleaseNotes = {
  tag: 'v1.2.0',
  version: '1.2.0',
  previousTag: 'v1.1.0',
  nextVersion: '1.2.0',
  compareUrl: 'https://github.com/octo/app/compare/v1.1.0...v1.2.0',
  historySource: 'local git',
  sections: [
    {
      title: 'Features',
      changes: [change(7, { type: 'feat', scope: 'ui', subject: 'dark mode', title: 'feat(ui): dark mode' })],
    },
  ],
  contributors: [],
  newContributors: [],
};

describe('release body', () => {
  it('wraps the notes in markers and keeps what a person wrote outside them on update', () => {
    const first = composeReleaseBody('## Fixes\n- a (#1)\n', undefined);
    expect(first).toBe(`${START_MARKER}\n## Fixes\n- a (#1)\n${END_MARKER}`);
    const edited = `Highlights written by a person.\n\n${first}\n\nThanks to our sponsors.`;
    const updated = composeReleaseBody('## Fixes\n- a (#1)\n- b (#2)\n', edited);
    expect(updated).toBe(
      `Highlights written by a person.\n\n${START_MARKER}\n## Fixes\n- a (#1)\n- b (#2)\n${END_MARKER}\n\nThanks to our sponsors.`,
    );
    expect(composeReleaseBody('n', 'A body with no markers')).toBe(
      `A body with no markers\n\n${START_MARKER}\nn\n${END_MARKER}`,
    );
  });

  it(`shortens notes to GitHub's ${RELEASE_BODY_LIMIT.toLocaleString('en-US')}-character limit at a line, with a note and the compare link`, () => {
    const long = Array.from(
      { length: 5000 },
      (_, i) => `- A rather long pull-request title number ${i} (#${i}) @someone`,
    ).join('\n');
    const person = 'Kept text.\n\n';
    const body = composeReleaseBody(
      long,
      `${person}${START_MARKER}\nold\n${END_MARKER}`,
      'https://github.com/octo/app/compare/v1...v2',
    );
    expect(long.length).toBeGreaterThan(RELEASE_BODY_LIMIT);
    expect(body.length).toBeLessThanOrEqual(RELEASE_BODY_LIMIT);
    expect(body.startsWith(person)).toBe(true);
    expect(body).toMatch(
      /\(#\d+\) @someone\n\n> \*\*Release notes shortened:\*\* [\d,]+ of [\d,]+ characters shown \(GitHub allows 125,000\)\. See every change: https:\/\/github.com\/octo\/app\/compare\/v1...v2\n\n<!-- \/slipway:release-notes -->$/,
    );
  });
});

describe('CHANGELOG.md', () => {
  it('prepends below the title, and a re-run replaces the section instead of duplicating it', () => {
    const once = prependChangelog('# Changelog\n\n## v1.1.0\n\nolder\n', 'v1.2.0', '## v1.2.0', '- a (#1)');
    expect(once).toBe(
      '# Changelog\n\n<!-- slipway:changelog v1.2.0 -->\n## v1.2.0\n\n- a (#1)\n<!-- /slipway:changelog v1.2.0 -->\n\n## v1.1.0\n\nolder\n',
    );
    expect(prependChangelog(once, 'v1.2.0', '## v1.2.0', '- a (#1)')).toBe(once);
    const changed = prependChangelog(once, 'v1.2.0', '## v1.2.0', '- a (#1)\n- b (#2)');
    expect(changed.match(/## v1\.2\.0/g)).toHaveLength(1);
    expect(changed).toContain('- b (#2)');
    expect(prependChangelog('', 'v1', '## v1', 'x')).toBe(
      '<!-- slipway:changelog v1 -->\n## v1\n\nx\n<!-- /slipway:changelog v1 -->\n',
    );
  });
});

describe('next version', () => {
  it.each([
    ['1.4.2', [change(1, { breaking: true })], '2.0.0'],
    ['1.4.2', [change(1, { type: 'feat' })], '1.5.0'],
    ['1.4.2', [change(1, { labels: ['enhancement'] })], '1.5.0'],
    ['1.4.2', [change(1, { type: 'fix' })], '1.4.3'],
    ['0.3.1', [change(1, { breaking: true })], '0.4.0'],
    ['0.3.1', [change(1, { type: 'feat' })], '0.3.2'],
    ['2.0.0-rc.1', [change(1, { type: 'feat' })], '2.0.0'],
    [undefined, [], '0.1.0'],
  ] as const)('after %s → %s', (previous, changes, expected) => {
    expect(nextVersion(previous, changes)).toBe(expected);
  });
});

describe('credits', () => {
  it('never credits bots: author type Bot, [bot] logins, exclude-authors', () => {
    expect(isExcludedAuthor({ login: 'dependabot', isBot: true }, [])).toBe(true);
    expect(isExcludedAuthor({ login: 'renovate[bot]', isBot: false }, [])).toBe(true);
    expect(isExcludedAuthor({ name: 'github-actions[bot]', isBot: false }, [])).toBe(true);
    expect(isExcludedAuthor({ login: 'ci-robot', isBot: false }, ['CI-Robot'])).toBe(true);
    expect(isExcludedAuthor({ login: 'mona', isBot: false }, ['ci-robot'])).toBe(false);
  });

  it('a contributor is new only when none of their e-mails appear before the range', () => {
    const changes = [
      change(3, { author: { login: 'new', isBot: false }, emails: ['new@x'] }),
      change(2, { author: { login: 'old', isBot: false }, emails: ['old@x'] }),
      change(1, { author: { login: 'bot', isBot: true }, emails: ['b@x'] }),
    ];
    const contributors = collectContributors(changes, new Set(['old@x']), []);
    expect(contributors.map((c) => [c.login, c.firstTime])).toEqual([
      ['new', true],
      ['old', false],
    ]);
  });
});

describe('rendering', () => {
  it('renders entries as `Title (#123) @author` with the compare link', () => {
    expect(renderMarkdown(notes)).toBe(
      '## Features\n\n- **ui:** dark mode (#7) @mona\n\n**Full changelog**: https://github.com/octo/app/compare/v1.1.0...v1.2.0\n',
    );
  });

  it('renders a Liquid template with the JSON model', async () => {
    const template =
      '# {{ tag }} (after {{ previousTag }})\n{% for section in sections %}{{ section.title | upcase }}:{% for c in section.changes %} {{ c.subject }} #{{ c.number }} by {{ c.author.login }}{% endfor %}\n{% endfor %}';
    expect(await renderNotesTemplate(template, notes)).toBe(
      '# v1.2.0 (after v1.1.0)\nFEATURES: dark mode #7 by mona\n',
    );
  });

  it('reports a broken template in one line naming where it came from', async () => {
    await expect(renderNotesTemplate('{% for x in %}', notes, 'release-template.liquid')).rejects.toThrow(
      /^The Liquid template in release-template.liquid does not render: /,
    );
    await expect(renderNotesTemplate('{{ tag | nosuchfilter }}', notes)).rejects.toThrow(/input 'template'/);
  });
});
