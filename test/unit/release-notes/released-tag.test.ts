import { describe, expect, it } from 'vitest';
import { type Inputs, releasedTag } from '../../../src/actions/release-notes/inputs.js';

const inputs = (tag?: string) => ({ tag }) as Inputs;

describe('the tag being released', () => {
  it.each(['v1.4.0', '1.4.0', 'web/v1.4.0', 'api@2.0.0', 'v2.0.0-rc.1', 'v1.0.0+build.5'])('accepts %s', (tag) => {
    expect(releasedTag(inputs(tag), undefined)).toBe(tag);
    expect(releasedTag(inputs(), `refs/tags/${tag}`)).toBe(tag);
  });

  it.each(['release-candidate', 'v1.4', 'v01.2.3', 'nightly-2026'])('refuses %s naming the input', (tag) => {
    expect(() => releasedTag(inputs(tag), undefined)).toThrow(
      `Input 'tag' must end with a semantic version, e.g. \`v1.4.0\` or \`web/v1.4.0\`; got "${tag}".`,
    );
  });

  it('needs a tag when the run is not a tag push', () => {
    expect(() => releasedTag(inputs(), 'refs/heads/main')).toThrow(/^Input 'tag' is needed/);
  });
});
