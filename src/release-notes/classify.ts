import { isListedAuthor, normalizeLogin } from './contributors.js';
import type { Change, Section } from './notes-model.js';
import type { Exclusions, ReleaseConfig } from './release-config.js';

/** Labels that mark a breaking change, as commonly used (GitHub's own example uses the first two). */
const BREAKING_LABELS = ['semver-major', 'breaking-change', 'breaking change', 'breaking'];

/** Default sections, in order, for conventional-commit types (breaking changes always come first). */
export const DEFAULT_SECTIONS: ReadonlyArray<{ title: string; types: string[]; labels: string[] }> = [
  { title: 'Features', types: ['feat', 'feature'], labels: ['enhancement', 'feature'] },
  { title: 'Fixes', types: ['fix', 'bugfix'], labels: ['bug', 'fix'] },
  { title: 'Performance', types: ['perf'], labels: ['performance'] },
  { title: 'Security', types: ['security'], labels: ['security'] },
  { title: 'Reverts', types: ['revert'], labels: [] },
  { title: 'Documentation', types: ['docs'], labels: ['documentation', 'docs'] },
  { title: 'Refactoring', types: ['refactor'], labels: ['refactor'] },
  { title: 'Tests', types: ['test', 'tests'], labels: ['test', 'tests'] },
  { title: 'Build and CI', types: ['build', 'ci'], labels: ['ci', 'build'] },
  { title: 'Dependencies', types: ['deps'], labels: ['dependencies'] },
  { title: 'Chores', types: ['chore', 'style'], labels: ['chore'] },
];

const lower = (values: readonly string[]) => new Set(values.map((value) => value.toLowerCase()));

export function hasBreakingLabel(labels: readonly string[]): boolean {
  return labels.some((label) => BREAKING_LABELS.includes(label.toLowerCase()));
}

function excludedBy(change: Change, exclude: Exclusions): boolean {
  const labels = lower(exclude.labels);
  if (change.labels.some((label) => labels.has(label.toLowerCase()))) return true;
  const authors = new Set(exclude.authors.map(normalizeLogin));
  const login = change.author.login ?? change.author.name;
  return login !== undefined && authors.has(normalizeLogin(login));
}

/** GitHub's generator: each pull request goes to the first category whose labels it has (`*` matches all) and that does not exclude it. */
function byReleaseConfig(changes: readonly Change[], config: ReleaseConfig): Section[] {
  const sections = config.categories.map((category) => ({ title: category.title, changes: [] as Change[] }));
  for (const change of changes) {
    if (excludedBy(change, config.exclude)) continue;
    const index = config.categories.findIndex((category) => {
      const labels = lower(category.labels);
      const matches = labels.has('*') || change.labels.some((label) => labels.has(label.toLowerCase()));
      return matches && !excludedBy(change, category.exclude);
    });
    // Like GitHub, a change no category takes is left out (add a "*" category to keep everything).
    if (index >= 0) sections[index]!.changes.push(change);
  }
  return sections;
}

function byConvention(changes: readonly Change[]): Section[] {
  const breaking: Change[] = [];
  const sections = DEFAULT_SECTIONS.map((section) => ({ title: section.title, changes: [] as Change[] }));
  const other: Change[] = [];
  for (const change of changes) {
    if (change.breaking) {
      breaking.push(change);
      continue;
    }
    const labels = lower(change.labels);
    // A pull request is a feature when any commit of its branch is one.
    if (change.feature) {
      sections[0]!.changes.push(change);
      continue;
    }
    const index = DEFAULT_SECTIONS.findIndex((section) =>
      change.type ? section.types.includes(change.type) : section.labels.some((label) => labels.has(label)),
    );
    (index >= 0 ? sections[index]!.changes : other).push(change);
  }
  return [{ title: 'Breaking changes', changes: breaking }, ...sections, { title: 'Other', changes: other }];
}

export interface ClassifyOptions {
  /** `.github/release.yml`; without it, sections come from conventional-commit types (and common labels). */
  config?: ReleaseConfig;
  /** Authors whose entries are left out (`exclude-authors`); bots' entries stay unless listed, but are never credited. */
  excludeAuthors: readonly string[];
}

/** Sorts changes into sections, dropping excluded authors' entries; empty sections are dropped. */
export function classify(changes: readonly Change[], options: ClassifyOptions): Section[] {
  const kept = changes.filter((change) => !isListedAuthor(change.author, options.excludeAuthors));
  const sections = options.config ? byReleaseConfig(kept, options.config) : byConvention(kept);
  return sections.filter((section) => section.changes.length > 0);
}
