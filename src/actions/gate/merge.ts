import { mkdtemp } from 'node:fs/promises';
import { join, relative } from 'node:path';
import picomatch from 'picomatch';
import { UserError } from '../../runtime/errors.js';
import { confineToRoot } from '../../gating/io/confine.js';
import { findFiles } from '../../runtime/glob.js';

export interface MergedReports {
  /** Report files of every matching artifact, artifact by artifact (so job by job). */
  files: string[];
  /** `artifact-name/path/in/artifact`: which job each report came from, for failures and the summary. */
  label: (file: string) => string;
  artifacts: string[];
}

/**
 * `mode: merge`: downloads this run's artifacts whose names match `pattern` (the reports each matrix job
 * uploaded) into a temporary directory and finds the reports in each, each confined to its artifact.
 */
export async function mergedReports(
  pattern: string,
  reportGlobs: readonly string[],
  temp: string,
): Promise<MergedReports> {
  // The artifact client (and the Azure SDK under it) loads only in merge mode.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const matches = picomatch(pattern);
  const listed = (await client.listArtifacts({ latest: true })).artifacts
    .filter((artifact) => matches(artifact.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (listed.length === 0)
    throw new UserError(
      `Input 'artifact-pattern' (${JSON.stringify(pattern)}) matches no artifact of this run; upload each job's reports with actions/upload-artifact before the merge job runs.`,
    );
  const root = await mkdtemp(join(temp, 'slipway-gate-merge-'));
  const files: string[] = [];
  const labels = new Map<string, string>();
  for (const artifact of listed) {
    const dir = join(root, String(artifact.id));
    await client.downloadArtifact(artifact.id, { path: dir });
    const found = confineToRoot(findFiles(reportGlobs, dir), dir);
    if (found.length === 0)
      throw new UserError(
        `Artifact '${artifact.name}' holds no file matching ${reportGlobs.map((glob) => JSON.stringify(glob)).join(', ')}; check the 'reports' globs (relative to each artifact in merge mode).`,
      );
    for (const file of found) labels.set(file, `${artifact.name}/${relative(dir, file)}`);
    files.push(...found);
  }
  return { files, label: (file) => labels.get(file) ?? file, artifacts: listed.map((artifact) => artifact.name) };
}
