import { isAbsolute, join, relative } from 'node:path';
import type { Git } from '../git/runner.js';
import { UserError } from '../runtime/errors.js';
import { reportFormat } from './formats/parse-report.js';
import { forEachLine } from './io/line-stream.js';
import { streamXml } from './io/xml-stream.js';
import { DEFAULT_LIMITS, type ParseLimits } from './test-results.js';

/** Lines this change added or modified, by repository-relative path. */
export type ChangedLines = Map<string, Set<number>>;

export interface PatchCoverage {
  /** Changed lines the coverage data instruments (comments and blank lines are not). */
  coverable: number;
  covered: number;
  /** Changed lines that no test ran, in file and line order. */
  uncovered: { file: string; line: number }[];
}

/** Reads `git diff -U0` output: the new-side line numbers of every hunk. */
export function parseDiff(diff: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let lines: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4).trim();
      lines = path === '/dev/null' ? undefined : new Set();
      if (lines) changed.set(path.replace(/^b\//, ''), lines);
    } else if (lines && line.startsWith('@@')) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!hunk) continue;
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n += 1) lines.add(n);
    }
  }
  return changed;
}

/** The lines this change added or modified since its merge base with `base`, from the local repository. */
export async function changedLinesSince(git: Git, base: string): Promise<ChangedLines> {
  return parseDiff(
    await git.run([
      'diff',
      '--unified=0',
      '--no-color',
      '--no-ext-diff',
      '--diff-filter=AM',
      '--no-renames',
      `${base}...HEAD`,
    ]),
  );
}

/** Per-line hits of one coverage file, kept only for changed files, so memory follows the change, not the project. */
async function lineHits(
  file: string,
  workspace: string,
  changed: ChangedLines,
  limits: ParseLimits,
  each: (path: string, line: number, hits: number) => void,
): Promise<void> {
  const repoPath = (path: string) => {
    const rel = isAbsolute(path) ? relative(workspace, path) : path.replace(/^\.\//, '');
    if (changed.has(rel)) return rel;
    // Tools write paths from their own root (a package folder, a <source>): match the changed path they end.
    for (const candidate of changed.keys()) if (candidate.endsWith(`/${rel}`)) return candidate;
    return undefined;
  };
  const format = await reportFormat(file, 'auto');
  if (format === 'lcov') {
    let current: string | undefined;
    await forEachLine(file, limits, (line) => {
      if (line.startsWith('SF:')) current = repoPath(line.slice(3).trim());
      else if (current && line.startsWith('DA:')) {
        const [number, hits] = line.slice(3).split(',');
        each(current, Number(number), Number(hits));
      } else if (line.startsWith('end_of_record')) current = undefined;
    });
  } else if (format === 'cobertura') {
    const sources: string[] = [];
    let inSource = false;
    let current: string | undefined;
    let inMethods = 0;
    await streamXml(file, limits, {
      open({ name, attributes }) {
        if (name === 'source') inSource = true;
        else if (name === 'class') {
          const filename = attributes.filename ?? '';
          current = repoPath(filename) ?? sources.map((source) => repoPath(join(source, filename))).find(Boolean);
        } else if (name === 'methods') inMethods += 1;
        else if (name === 'line' && current && inMethods === 0)
          each(current, Number(attributes.number), Number(attributes.hits));
      },
      close(name) {
        if (name === 'source') inSource = false;
        else if (name === 'methods') inMethods -= 1;
        else if (name === 'class') current = undefined;
      },
      wantsText: () => inSource,
      text(text) {
        if (inSource && text.trim()) sources.push(text.trim());
      },
    });
  } else {
    throw new UserError(`${file}: is a ${format} test report, not an LCOV or Cobertura coverage file.`);
  }
}

/** Coverage of the changed lines, from every coverage file (a line covered in any of them is covered). */
export async function patchCoverage(
  coverageFiles: readonly string[],
  changed: ChangedLines,
  workspace: string,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<PatchCoverage> {
  const hits = new Map<string, Map<number, boolean>>();
  for (const file of coverageFiles) {
    await lineHits(file, workspace, changed, limits, (path, line, count) => {
      if (!changed.get(path)?.has(line)) return;
      let lines = hits.get(path);
      if (!lines) hits.set(path, (lines = new Map<number, boolean>()));
      lines.set(line, (lines.get(line) ?? false) || count > 0);
    });
  }
  const uncovered: PatchCoverage['uncovered'] = [];
  let coverable = 0;
  let covered = 0;
  for (const path of [...hits.keys()].sort()) {
    for (const [line, hit] of [...hits.get(path)!.entries()].sort(([a], [b]) => a - b)) {
      coverable += 1;
      if (hit) covered += 1;
      else uncovered.push({ file: path, line });
    }
  }
  return { coverable, covered, uncovered };
}
