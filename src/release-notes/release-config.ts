import { parse as parseYaml } from 'yaml';
import { UserError } from '../runtime/errors.js';

export interface Exclusions {
  labels: string[];
  authors: string[];
}

export interface Category {
  title: string;
  labels: string[];
  exclude: Exclusions;
}

/** GitHub's `.github/release.yml` (`changelog:`), read unchanged so an existing configuration just works. */
export interface ReleaseConfig {
  exclude: Exclusions;
  categories: Category[];
}

function strings(value: unknown, where: string, source: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    throw new UserError(`${source}: '${where}' must be a list of strings.`);
  }
  return value.map(String);
}

function exclusions(value: unknown, where: string, source: string): Exclusions {
  const object = (value ?? {}) as Record<string, unknown>;
  return {
    labels: strings(object.labels, `${where}.labels`, source),
    authors: strings(object.authors, `${where}.authors`, source),
  };
}

/** Parses release.yml text; `source` names the file in errors. */
export function parseReleaseConfig(text: string, source: string): ReleaseConfig {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new UserError(`${source} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const changelog = (document as { changelog?: Record<string, unknown> } | null)?.changelog;
  if (!changelog || typeof changelog !== 'object')
    throw new UserError(
      `${source} has no 'changelog:' mapping; see GitHub's "Automatically generated release notes" format.`,
    );
  const categories = changelog.categories ?? [];
  if (!Array.isArray(categories))
    throw new UserError(`${source}: 'changelog.categories' must be a list of { title, labels }.`);
  return {
    exclude: exclusions(changelog.exclude, 'changelog.exclude', source),
    categories: categories.map((raw: Record<string, unknown>, index) => {
      const where = `changelog.categories[${index}]`;
      if (typeof raw?.title !== 'string' || !raw.title) throw new UserError(`${source}: '${where}.title' is required.`);
      const labels = strings(raw.labels, `${where}.labels`, source);
      if (labels.length === 0)
        throw new UserError(`${source}: '${where}.labels' is required (use "*" for everything else).`);
      return { title: raw.title, labels, exclude: exclusions(raw.exclude, `${where}.exclude`, source) };
    }),
  };
}
