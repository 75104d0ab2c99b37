import { describe, expect, it } from 'vitest';
import { releaseExcerpt } from '../../../src/notify/excerpt.js';
import { composeMessage, linkUrlProblem, type RunContext } from '../../../src/notify/message.js';

const run: RunContext = {
  serverUrl: 'https://github.com',
  repository: 'octo/app',
  runId: '42',
  actor: 'octocat',
  sha: '0123456789abcdef0123456789abcdef01234567',
};

describe('composeMessage', () => {
  it.each([
    ['deployment-started', 'progress', 'Deploying 1.4.0 to production…'],
    ['deployment-succeeded', 'success', 'Deployed 1.4.0 to production ✅'],
    ['deployment-failed', 'failure', 'Deployment of 1.4.0 to production failed ❌'],
    ['rolled-back', 'warning', 'Rolled back production to 1.4.0 ↩️'],
    ['release-published', 'success', 'Released 1.4.0 🚀'],
    ['gate-failed', 'failure', 'Gate failed for 1.4.0 to production ⛔'],
  ] as const)('%s reads as a %s message: %s', (event, tone, title) => {
    const message = composeMessage({ event, version: '1.4.0', environment: 'production' }, run);
    expect(message.tone).toBe(tone);
    expect(message.title).toBe(title);
  });

  it('fills fields and links from the inputs and the run context', () => {
    const message = composeMessage(
      {
        event: 'deployment-succeeded',
        version: '1.4.0',
        environment: 'production',
        environmentUrl: 'https://app.example.com',
        releaseUrl: 'https://github.com/octo/app/releases/tag/v1.4.0',
      },
      { ...run, pullRequest: { number: 7, title: 'Add search', url: 'https://github.com/octo/app/pull/7' } },
    );
    expect(message.fields).toEqual([
      { label: 'Repository', value: 'octo/app', url: 'https://github.com/octo/app' },
      { label: 'Version', value: '1.4.0', url: 'https://github.com/octo/app/releases/tag/v1.4.0' },
      { label: 'Environment', value: 'production', url: 'https://app.example.com' },
      {
        label: 'Commit',
        value: '0123456',
        url: 'https://github.com/octo/app/commit/0123456789abcdef0123456789abcdef01234567',
      },
      { label: 'Actor', value: 'octocat', url: 'https://github.com/octocat' },
      { label: 'Pull request', value: '#7 Add search', url: 'https://github.com/octo/app/pull/7' },
    ]);
    expect(message.links.map((l) => l.label)).toEqual(['Open production', 'Release notes', 'Workflow run']);
    expect(message.links[2]?.url).toBe('https://github.com/octo/app/actions/runs/42');
  });

  it('keeps only http and https links: a javascript: URL from the event payload or the CLI never becomes a button', () => {
    const message = composeMessage(
      {
        event: 'deployment-succeeded',
        version: '1.4.0',
        environment: 'production',
        environmentUrl: 'javascript:alert(document.cookie)',
        releaseUrl: 'data:text/html,<script>alert(1)</script>',
      },
      {
        ...run,
        serverUrl: 'https://github.com',
        pullRequest: { number: 7, title: 'Add search', url: 'JavaScript:alert(1)' },
      },
    );
    const urls = [...message.fields.map((f) => f.url), ...message.links.map((l) => l.url)].filter(Boolean);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
    expect(message.fields.find((f) => f.label === 'Pull request')).toEqual({
      label: 'Pull request',
      value: '#7 Add search',
    });
    expect(message.links.map((l) => l.label)).toEqual(['Workflow run']);
    expect(linkUrlProblem('javascript:alert(1)')).toBe('must be an http or https URL; got a "javascript:" URL');
    expect(linkUrlProblem('https://app.example.com/')).toBeUndefined();
  });

  it('a re-run of the job says so, and links to its own attempt; a first attempt does not', () => {
    const first = composeMessage(
      { event: 'deployment-succeeded', version: '1.4.0', environment: 'production' },
      { ...run, runAttempt: 1 },
    );
    const again = composeMessage(
      { event: 'deployment-succeeded', version: '1.4.0', environment: 'production' },
      { ...run, runAttempt: 2 },
    );
    expect(first.title).toBe('Deployed 1.4.0 to production ✅');
    expect(first.fields.map((field) => field.label)).not.toContain('Attempt');
    expect(first.links).toContainEqual({ label: 'Workflow run', url: 'https://github.com/octo/app/actions/runs/42' });
    expect(again.title).toBe('Deployed 1.4.0 to production ✅ — re-run (attempt 2)');
    expect(again.fields).toContainEqual({
      label: 'Attempt',
      value: '2 (re-run)',
      url: 'https://github.com/octo/app/actions/runs/42/attempts/2',
    });
    expect(again.links).toContainEqual({
      label: 'Workflow run',
      url: 'https://github.com/octo/app/actions/runs/42/attempts/2',
    });
    expect(again.data['run-attempt']).toBe('2');
  });

  it('reports the real outcome of an always() step through status', () => {
    expect(composeMessage({ event: 'deployment-succeeded', status: 'failure', version: '1' }, run).event).toBe(
      'deployment-failed',
    );
    expect(composeMessage({ event: 'deployment-succeeded', status: 'cancelled', version: '1' }, run).tone).toBe(
      'failure',
    );
    expect(composeMessage({ event: 'deployment-failed', status: 'success', version: '1' }, run).event).toBe(
      'deployment-succeeded',
    );
  });

  it('renders a custom message template, coloured by status', () => {
    const message = composeMessage(
      {
        event: 'custom',
        status: 'warning',
        message: '{{ version }} is waiting in {{environment}} for {{ actor }}',
        version: '2.0.0',
        environment: 'staging',
      },
      run,
    );
    expect(message.text).toBe('2.0.0 is waiting in staging for octocat');
    expect(message.tone).toBe('warning');
    expect(message.title).toBe('Update from octo/app');
  });

  it('refuses an unknown placeholder and a custom event with nothing to say', () => {
    expect(() => composeMessage({ event: 'custom', message: 'hi {{ versoin }}' }, run)).toThrow(
      /unknown placeholder \{\{ versoin \}\}; accepted: .*\{\{ version \}\}/,
    );
    expect(() => composeMessage({ event: 'custom' }, run)).toThrow("Event 'custom' needs a 'message'");
  });
});

describe('releaseExcerpt', () => {
  it('keeps whole lines up to the limits and marks the cut', () => {
    const notes = Array.from({ length: 20 }, (_, i) => `- change ${i}`).join('\n');
    expect(releaseExcerpt(notes, 500, 3)).toBe('- change 0\n- change 1\n- change 2\n…');
    expect(releaseExcerpt('short notes')).toBe('short notes');
    expect(releaseExcerpt('x'.repeat(600), 100)).toHaveLength(101);
    expect(releaseExcerpt('   ')).toBeUndefined();
  });
});
