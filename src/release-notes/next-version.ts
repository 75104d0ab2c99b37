import semver from 'semver';
import type { Change } from './notes-model.js';

export type Bump = 'major' | 'minor' | 'patch';

/** Breaking → major, a feature → minor, anything else → patch. */
export function bumpFor(changes: readonly Change[]): Bump {
  if (changes.some((change) => change.breaking)) return 'major';
  if (
    changes.some(
      (change) =>
        change.feature ||
        change.type === 'feat' ||
        change.type === 'feature' ||
        (!change.type && change.labels.some((label) => ['enhancement', 'feature'].includes(label.toLowerCase()))),
    )
  )
    return 'minor';
  return 'patch';
}

/**
 * The version these changes call for after `previous`. In 0.x nothing is promised, so everything
 * moves down one place: a breaking change bumps the minor (0.3.1 → 0.4.0) and a feature or fix the
 * patch (0.3.1 → 0.3.2); leaving 0.x is a decision people make by tagging 1.0.0. A prerelease
 * `previous` (2.0.0-rc.1) is finished rather than bumped (→ 2.0.0). With no previous release: 0.1.0.
 */
export function nextVersion(previous: string | undefined, changes: readonly Change[]): string {
  if (!previous) return '0.1.0';
  if (semver.prerelease(previous))
    return `${semver.major(previous)}.${semver.minor(previous)}.${semver.patch(previous)}`;
  const bump = bumpFor(changes);
  if (semver.major(previous) === 0) return semver.inc(previous, bump === 'major' ? 'minor' : 'patch')!;
  return semver.inc(previous, bump)!;
}
