import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const actions = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'action.yml')))
  .map((entry) => entry.name)
  .sort();

/** Rows of the first Markdown table under a heading (or in the file), as trimmed cells. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** The distinct `scope: level` pairs a permissions cell names, leaving out asides in parentheses. */
const permissionPairs = (cell: string) =>
  [
    ...new Set([...cell.replace(/\([^)]*\)/g, '').matchAll(/([a-z-]+): (read|write)/g)].map((m) => `${m[1]}: ${m[2]}`)),
  ].sort();

/** A section of a Markdown page: from its `## ` heading to the next. */
function sections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const newline = part.indexOf('\n');
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return found;
}

describe('README.md', () => {
  const readme = read('README.md');

  it('opens with exactly the two set-up commands', () => {
    const block = /```[a-z]*\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = block
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
    // "At the top": before the first section.
    expect(readme.indexOf('```')).toBeLessThan(readme.indexOf('\n## '));
  });

  it('links each action to its page, and each page exists', () => {
    for (const action of actions) {
      expect(readme, action).toContain(`(actions/${action}/README.md)`);
      expect(existsSync(join(root, 'actions', action, 'README.md')), `actions/${action}/README.md`).toBe(true);
    }
  });
});

describe('one page per action', () => {
  it.each(actions)('actions/%s/README.md has a worked example using the action', (action) => {
    const page = read(`actions/${action}/README.md`);
    const uses =
      action === 'release-notes'
        ? /uses: slipway-hq\/slipway(\/actions\/release-notes)?@v1/
        : new RegExp(`uses: slipway-hq/slipway/actions/${action}@v1`);
    const examples = [...page.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(
      examples.some((example) => uses.test(example)),
      'a YAML example with uses:',
    ).toBe(true);
  });
});

describe('docs/maturity.md', () => {
  const rows = tableRows(read('docs/maturity.md'));
  const practices = rows.map((row) => row[0]!.toLowerCase());

  // The practices issue 9 lists, each to be named in the page's practice column.
  it.each([
    'build once',
    'promote the tested artefact',
    'gate',
    'approvals',
    'windows and freezes',
    'blue/green',
    'verify and roll back',
    'release notes',
    'notifications',
    'chat deploys',
  ])('names "%s" and the Slipway feature that provides it', (practice) => {
    const row = rows[practices.findIndex((name) => name.includes(practice))];
    expect(row, `a row for ${practice}; practices: ${practices.join(', ')}`).toBeDefined();
    const providedBy = row!.at(-1)!;
    const features = [
      ...actions,
      'release.yml',
      'deliver.yml',
      'promote.yml',
      'chatops.yml',
      'build.yml',
      'slipway-hq/slipway@v1',
    ];
    expect(
      features.some((feature) => providedBy.includes(`\`${feature}`)),
      `${practice}: ${providedBy}`,
    ).toBe(true);
  });
});

describe('SECURITY.md (the threat model)', () => {
  const security = read('SECURITY.md');
  const headings = [...sections(security).keys()];

  it.each([
    ['what each action trusts', /trust/i],
    ['the token permissions each action needs', /permission/i],
    ['how secrets are handled', /secret/i],
    ['how to report a vulnerability', /report.*vulnerabilit/i],
  ])('has a section on %s', (_topic, pattern) => {
    expect(
      headings.some((heading) => pattern.test(heading)),
      headings.join(' / '),
    ).toBe(true);
  });

  it('says how to report privately', () => {
    const [, body] = [...sections(security)].find(([heading]) => /report.*vulnerabilit/i.test(heading))!;
    expect(body).toMatch(/privat/i);
    expect(body).toMatch(/security/i);
  });

  it("lists every action's trust and permissions, agreeing with the README's table", () => {
    const [, body] = [...sections(security)].find(
      ([heading]) => /trust/i.test(heading) && /permission/i.test(heading),
    )!;
    const securityRows = tableRows(body);
    const readmeRows = tableRows(read('README.md').split('## The actions')[1] ?? '');
    for (const action of actions) {
      const securityRow = securityRows.find((row) =>
        row[0]!
          .split(',')
          .map((name) => name.trim())
          .includes(`\`${action}\``),
      );
      const readmeRow = readmeRows.find((row) => row[0]!.includes(`[\`${action}\`]`));
      expect(securityRow, `SECURITY.md row for ${action}`).toBeDefined();
      expect(readmeRow, `README.md row for ${action}`).toBeDefined();
      expect(
        securityRow!.slice(2).every((cell) => cell.length > 0),
        `${action}: what it reads and how it guards`,
      ).toBe(true);
      expect(permissionPairs(securityRow![1]!), `${action}: permissions`).toEqual(permissionPairs(readmeRow!.at(-1)!));
    }
  });
});
