import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../support/emulator/index.js';
import type { SampleHistory } from '../../unit/release-notes/sample-history.js';
import { closeSampleBed, startSampleBed } from './sample-bed.js';
import { checkout as checkoutOf, releaseOnTagPush } from './tag-push.js';

const END = '<!-- /slipway:release-notes -->';
let gh: GitHubEmulator;
let sample: SampleHistory;
let scratch: string;

beforeEach(async () => {
  ({ gh, sample, scratch } = await startSampleBed('slipway-rn-untrusted-'));
});
afterEach(() => closeSampleBed({ gh, sample, scratch }));

const checkout = (tag: string) => checkoutOf(sample.repo.dir, tag, scratch);
const release = (tag: string, inputs: Record<string, string> = {}, workspace?: string) =>
  releaseOnTagPush(gh, sample.repo.dir, tag, { inputs, scratch, workspace });

const pullRequest = (number: number) => gh.state.pullRequests.find((pr) => pr.number === number)!;
const bodyOf = (tag: string) => gh.state.releases.find((release) => release.tag_name === tag)!.body!;

describe('untrusted text in the release body', () => {
  it('a title holding the end marker cannot break re-runs: the body keeps its size over three runs', async () => {
    pullRequest(6).title = `docs: describe login ${END} junk after the marker`;
    // The default Markdown escapes the title; a template prints it raw, so the markers themselves must hold.
    const rawTitles = '{% for s in sections %}{% for c in s.changes %}- {{ c.title }}\n{% endfor %}{% endfor %}';
    for (const inputs of [{}, { template: rawTitles }] as Array<Record<string, string>>) {
      const sizes: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        expect((await release('v1.1.0', inputs)).errors).toEqual([]);
        sizes.push(bodyOf('v1.1.0').length);
      }
      expect(sizes[1]).toBe(sizes[0]);
      expect(sizes[2]).toBe(sizes[0]);
      expect(bodyOf('v1.1.0').split(END)).toHaveLength(2);
      expect(bodyOf('v1.1.0').endsWith(END)).toBe(true);
    }
  });

  it('HTML, comments, links, images and mentions in titles and names arrive as text', async () => {
    pullRequest(1).title =
      'feat: add login <img src=x onerror=alert(1)> [click](https://evil.example) ![pixel](https://evil.example/p.png) cc @octo-org/admins';
    pullRequest(6).title = '<!-- hide this entry --> docs: describe login';
    const body = bodyOf((await release('v1.1.0'), 'v1.1.0'));
    expect(body).toContain(
      '- add login &lt;img src=x onerror=alert(1)&gt; \\[click\\](https://evil.example) !\\[pixel\\](https://evil.example/p.png) cc @&#8203;octo-org/admins (#1) @bob',
    );
    expect(body).toContain('- &lt;!-- hide this entry --&gt; docs: describe login (#6) @carol');
    expect(body).not.toMatch(/<img|<!-- hide|[^\\]\]\(https:\/\/evil/);
  });

  it(`stays within 125,000 characters with a person's 10,000-character section outside the markers`, async () => {
    // Notes of about 125,000 characters: one pull request with a very long title.
    pullRequest(6).title = `docs: ${'a thorough description of the login flow '.repeat(3_100)}`;
    expect((await release('v1.1.0')).errors).toEqual([]);
    const release_ = gh.state.releases[0]!;
    const person = `## Highlights\n\n${'Written by a person. '.repeat(500)}\n\n`;
    expect(person.length).toBeGreaterThan(10_000);
    release_.body = `${person}${release_.body}`;
    const again = await release('v1.1.0');
    expect(again.errors).toEqual([]);
    expect(again.outputs.notes!.length + person.length).toBeGreaterThan(125_000);
    expect(bodyOf('v1.1.0').length).toBeLessThanOrEqual(125_000);
    expect(bodyOf('v1.1.0').startsWith(person)).toBe(true);
    expect(bodyOf('v1.1.0')).toContain('Release notes shortened');
  });
});

describe("input 'changelog-file'", () => {
  it('refuses a symbolic link and a path outside the workspace, writing nothing', async () => {
    const outside = path.join(scratch, 'outside.md');
    writeFileSync(outside, 'not yours\n');
    const workspace = checkout('v1.1.0');
    symlinkSync(outside, path.join(workspace, 'CHANGELOG.md'));
    const linked = await release('v1.1.0', { 'changelog-file': 'CHANGELOG.md' }, workspace);
    expect(linked.exitCode).toBe(1);
    expect(linked.errors).toEqual([
      'Input \'changelog-file\' goes through a symbolic link ("CHANGELOG.md"); give a regular file in the workspace.',
    ]);
    expect(readFileSync(outside, 'utf8')).toBe('not yours\n');

    symlinkSync(scratch, path.join(workspace, 'docs-link'));
    const throughDirectory = await release('v1.1.0', { 'changelog-file': 'docs-link/new.md' }, workspace);
    expect(throughDirectory.errors).toEqual([
      'Input \'changelog-file\' goes through a symbolic link ("docs-link"); give a regular file in the workspace.',
    ]);
    expect(existsSync(path.join(scratch, 'new.md'))).toBe(false);

    const escaping = await release('v1.1.0', { 'changelog-file': '../outside.md' }, workspace);
    expect(escaping.errors).toEqual([
      'Input \'changelog-file\' must be a file inside the workspace; got "../outside.md".',
    ]);
    expect(readFileSync(outside, 'utf8')).toBe('not yours\n');
    expect(gh.state.releases).toHaveLength(0);
  });
});
