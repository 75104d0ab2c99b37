import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from '../../../src/git/runner.js';
import { generateNotes, type GenerateOptions } from '../../../src/release-notes/generate.js';
import type { ReleaseNotes } from '../../../src/release-notes/notes-model.js';
import { renderMarkdown } from '../../../src/release-notes/render-markdown.js';
import { people, type Person, TempRepo } from '../git/temp-repo.js';
import { fakeGraphql } from './fake-graphql.js';

const base: GenerateOptions = { tag: 'HEAD', paths: [], excludeAuthors: [] };
const titles = (notes: ReleaseNotes) =>
  notes.sections.map((section) => [section.title, section.changes.map((change) => change.number ?? change.subject)]);

async function offline(dir: string, options: Partial<GenerateOptions> = {}) {
  return (await generateNotes({ git: createGit(dir), log: () => {}, allowFetch: false }, { ...base, ...options }))
    .notes;
}

/** A branch of `commits` merged into main by a merge commit; with a number, as GitHub's "Create a merge commit" writes it. */
function mergeBranch(
  repo: TempRepo,
  branch: string,
  commits: Array<[string, Person?]>,
  pullRequest?: { number: number; title: string },
): string {
  repo.git('checkout', '-q', '-b', branch);
  for (const [message, author] of commits) repo.commit(message, author);
  repo.git('checkout', '-q', 'main');
  if (pullRequest) return repo.mergePullRequest(pullRequest.number, branch, pullRequest.title);
  repo.git('merge', '--no-ff', '-q', '-m', `Merge branch '${branch}'`, branch);
  return repo.head();
}

describe('changes that arrive through a merged branch', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = TempRepo.create();
    repo.commit('chore: initial commit');
    repo.tag('v1.0.0');
    mergeBranch(
      repo,
      'parser',
      [['refactor: split the parser'], ['refactor: parse() returns a promise\n\nBREAKING CHANGE: await parse().']],
      { number: 7, title: 'Rework the parser' },
    );
    repo.tag('v1.1.0');
    mergeBranch(repo, 'export', [
      ['feat: add CSV export', people.bob],
      ['fix: quote commas in CSV', people.bob],
    ]);
    repo.tag('v1.2.0');
    mergeBranch(repo, 'colours', [['feat: colour the output'], ['docs: describe colours']], {
      number: 8,
      title: 'Nicer output',
    });
  });
  afterAll(() => repo.remove());

  it('a breaking change in a branch commit makes its merged pull request breaking, and the next version a major', async () => {
    const notes = await offline(repo.dir, { tag: 'v1.1.0' });
    expect(titles(notes)).toEqual([['Breaking changes', [7]]]);
    expect(notes.sections[0]!.changes[0]!.title).toBe('Rework the parser');
    expect(notes.nextVersion).toBe('2.0.0');
  });

  it('the same through the API: the pull request from GraphQL, breaking from its branch', async () => {
    const graphql = fakeGraphql([{ number: 7, title: 'Rework the parser', login: 'alice' }]);
    const { notes } = await generateNotes(
      { git: createGit(repo.dir), graphql, log: () => {} },
      { ...base, tag: 'v1.1.0', repository: 'octo/app' },
    );
    expect(titles(notes)).toEqual([['Breaking changes', [7]]]);
    expect(notes.nextVersion).toBe('2.0.0');
  });

  it('commits merged without a pull request are listed under their own subjects', async () => {
    const notes = await offline(repo.dir, { tag: 'v1.2.0' });
    expect(titles(notes)).toEqual([
      ['Features', ['add CSV export']],
      ['Fixes', ['quote commas in CSV']],
    ]);
    expect(renderMarkdown(notes)).not.toContain('Merge branch');
    expect(notes.nextVersion).toBe('1.2.0');
  });

  it('a pull request is a feature when one of its commits is: Features, and a minor next version', async () => {
    const notes = await offline(repo.dir);
    expect(notes.previousTag).toBe('v1.2.0');
    expect(titles(notes)).toEqual([['Features', [8]]]);
    expect(notes.nextVersion).toBe('1.3.0');
  });
});

describe('offline notes as people read them', () => {
  let repo: TempRepo;
  let markdown: string;
  let notes: ReleaseNotes;
  beforeAll(async () => {
    repo = TempRepo.create();
    repo.commit('chore: initial commit');
    repo.tag('v1.0.0');
    writeFileSync(path.join(repo.dir, '.mailmap'), 'Kim Lee <kim@corp.example> <kim.old@corp.example>\n');
    repo.commit(
      'chore: map Kim',
      { name: 'Kim Lee', email: 'kim@corp.example' },
      { '.mailmap': 'Kim Lee <kim@corp.example> <kim.old@corp.example>\n' },
    );
    repo.commit('fix: old address', { name: 'kim', email: 'kim.old@corp.example' });
    repo.commit('feat: from work', { name: 'Jane Doe', email: 'jane@work.example' });
    repo.commit('feat: from home', { name: 'Jane Doe', email: 'jane@home.example' });
    repo.commit('fix: one', { name: 'sam', email: 'sam@a.example' });
    repo.commit('fix: two', { name: 'sam', email: 'sam@b.example' });
    repo.commit('fix: three', { name: 'Sam', email: 'sam@c.example' });
    repo.commit('docs: through the web editor', { name: 'Pat', email: '98765+patdev@users.noreply.github.com' });
    repo.commit('docs: from a laptop', { name: 'Pat Q', email: 'patdev@users.noreply.github.com' });
    repo.commit('chore(deps): update yaml', { name: 'Renovate Bot', email: 'bot@renovateapp.com' });
    repo.commit('chore(deps): update semver', {
      name: 'renovate',
      email: '29139614+renovate[bot]@users.noreply.github.com',
    });
    repo.commit('build(deps): bump picomatch', {
      name: 'dependabot',
      email: '49699333+dependabot[bot]@users.noreply.github.com',
    });
    repo.commit('chore: sync labels', { name: 'Octokit Bot', email: 'octokitbot@example.org' });
    repo.commit('fix: tidy', { name: '@octo-org/owners', email: 'mallory@example.org' });
    repo.commit('chore(release): 1.0.1', people.carol);
    repo.commit('v1.0.2', people.carol);
    repo.commit('Release 1.0.3', people.carol);
    mergeBranch(repo, 'patch-1', [['Fix the typo in the README', people.dave]], {
      number: 12,
      title: 'Fix the README typo',
    });
    repo.git('checkout', '-q', '-b', 'patch-2');
    repo.commit('Update CONTRIBUTING.md', people.dave);
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '--no-ff', '-q', '-m', 'Merge pull request #13 from someone/patch-2', 'patch-2');
    notes = await offline(repo.dir);
    markdown = renderMarkdown(notes);
  });
  afterAll(() => repo.remove());

  it('credits each person once: by e-mail, by name, by .mailmap, and by GitHub noreply address as their login', () => {
    expect(notes.contributors.map((person) => person.login ?? person.name)).toEqual([
      '@octo-org/owners',
      'Dave',
      'Jane Doe',
      'Kim Lee',
      'patdev',
      'sam',
    ]);
    expect(markdown).toContain('- through the web editor (');
    expect(markdown).toMatch(/- from a laptop \([0-9a-f]{7}\) @patdev\n/);
  });

  it('treats Renovate Bot, Octokit Bot and dependabot/renovate noreply addresses as bots', () => {
    const bots = notes.sections.flatMap((section) => section.changes).filter((change) => change.author.isBot);
    expect(bots.map((change) => change.subject).sort()).toEqual([
      'bump picomatch',
      'sync labels',
      'update semver',
      'update yaml',
    ]);
    expect(markdown.split('## Contributors')[1]).not.toMatch(/renovate|dependabot|octokit/i);
  });

  it('an author name starting with @ mentions nobody', () => {
    expect(markdown).not.toMatch(/(^|[^&#\w])@octo-org/);
    expect(markdown).toContain('by @&#8203;octo-org/owners');
  });

  it('leaves release commits out', () => {
    expect(markdown).not.toMatch(/1\.0\.[123]/);
    expect(notes.contributors.map((person) => person.name)).not.toContain('Carol');
  });

  it('titles merge commits from their body, or from the single commit of the branch when the body is empty', () => {
    expect(markdown).toContain('- Fix the README typo (#12) by Dave');
    expect(markdown).toContain('- Update CONTRIBUTING.md (#13) by Dave');
    expect(markdown).not.toContain('Merge pull request');
  });
});

describe('two tag families, HEAD as target', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = TempRepo.create();
    repo.commit('chore: initial commit');
    repo.tag('v8.2.2');
    repo.commit('feat(create-app): templates');
    repo.tag('create-app@9.1.2');
    repo.commit('fix: after both tags');
  });
  afterAll(() => repo.remove());

  it('follows the unprefixed v<semver> family by default, and another with a tag prefix', async () => {
    expect((await offline(repo.dir)).previousTag).toBe('v8.2.2');
    expect((await offline(repo.dir, { tagPrefix: 'create-app@' })).previousTag).toBe('create-app@9.1.2');
  });
});
