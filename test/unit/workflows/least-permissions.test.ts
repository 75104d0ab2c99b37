import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowFiles } from '../../../scripts/workflow-lint.mjs';
import {
  type Job,
  loadWorkflow,
  type Permissions,
  root,
  slipwayAction,
  slipwayWorkflow,
  type Step,
} from './workflow-files.js';

type Level = 'read' | 'write';
type Needs = Record<string, Level>;

const given = (step: Step, input: string) => String(step.with?.[input] ?? '').trim() !== '';

/**
 * What each Slipway action needs of GITHUB_TOKEN, as README.md's table says (checked against it
 * below), depending on the inputs a step gives.
 */
const ACTION_NEEDS: Record<string, { always: Needs; when?: Array<[(step: Step) => boolean, Needs]> }> = {
  'package': { always: {} },
  'gate': {
    always: {},
    when: [
      [(step) => given(step, 'check-run'), { checks: 'write' }],
      [(step) => given(step, 'required-checks'), { checks: 'read', statuses: 'read' }],
    ],
  },
  'promote': {
    always: { deployments: 'write' },
    when: [
      // Another run's artifact: named by run-id, or the upstream deployment's when only `from` says where.
      [(step) => given(step, 'run-id') || (given(step, 'from') && !given(step, 'artifact')), { actions: 'read' }],
      [(step) => given(step, 'release-asset'), { contents: 'read' }],
    ],
  },
  'rollback': { always: { deployments: 'write' }, when: [[(step) => given(step, 'run-id'), { actions: 'read' }]] },
  'status': { always: { deployments: 'read' } },
  'flags': { always: { deployments: 'write' } },
  'release-notes': { always: { 'contents': 'write', 'pull-requests': 'read' } },
  'notify': { always: {} },
};

/** The README's row for each action says the same as the map (its unconditional part at least). */
function readmePermissions(): Record<string, string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const rows = [
    ...readme.matchAll(/^\| \[`([a-z-]+)`\]\([^)]*\)(?: \/ \[`([a-z-]+)`\]\([^)]*\))? \|[^|]*\| (.+) \|$/gm),
  ];
  return Object.fromEntries(rows.flatMap((row) => [row[1], row[2]].filter(Boolean).map((name) => [name!, row[3]!])));
}

const merge = (...all: Needs[]): Needs => {
  const out: Needs = {};
  for (const needs of all)
    for (const [scope, level] of Object.entries(needs)) if (out[scope] !== 'write') out[scope] = level;
  return out;
};

/** What one step needs of GITHUB_TOKEN. */
function stepNeeds(step: Step): Needs {
  const action = slipwayAction(step.uses);
  if (action) {
    const needs = ACTION_NEEDS[action];
    expect(needs, `${action} is in the map`).toBeDefined();
    return merge(needs!.always, ...(needs!.when ?? []).filter(([applies]) => applies(step)).map(([, extra]) => extra));
  }
  if (step.uses?.startsWith('actions/checkout@')) return { contents: 'read' };
  if (step.uses?.startsWith('actions/setup-node@')) return {};
  // This run's artifacts come through the runner's own token; another run's need actions: read.
  if (step.uses?.startsWith('actions/download-artifact@'))
    return given(step, 'run-id') || given(step, 'github-token') ? { actions: 'read' } : {};
  if (step.uses) throw new Error(`no permission entry for ${step.uses}`);
  const script = step.run ?? '';
  const needs: Needs[] = [];
  for (const call of script.matchAll(/gh api "([^"]+)"([^\n]*)/g)) {
    const [path, flags] = [call[1]!, call[2]!];
    // A user's permission on the repository is metadata, which every GITHUB_TOKEN can read.
    if (/\/collaborators\/[^/]+\/permission$/.test(path)) continue;
    // A comment on an issue or a pull request (chatops answers in either).
    if (/\/issues\/[^/]+\/comments$/.test(path) && / -f /.test(` ${flags}`)) {
      needs.push({ 'issues': 'write', 'pull-requests': 'write' });
      continue;
    }
    // Reading deployments and their statuses (release.yml finds what an environment runs).
    if (/\/deployments(\?|\/|$)/.test(path) && !/ -f /.test(` ${flags}`)) {
      needs.push({ deployments: 'read' });
      continue;
    }
    throw new Error(`no permission entry for gh api ${path}`);
  }
  // Pushing commits or tags with the token checkout persisted.
  if (/\bgit push\b/.test(script)) needs.push({ contents: 'write' });
  // npm signs the provenance statement with the job's OIDC token.
  if (/\bnpm publish\b.*--provenance/.test(script)) needs.push({ 'id-token': 'write' });
  if (/\bgh\b/.test(script.replace(/gh api "[^"]+"/g, '')))
    throw new Error(`a gh command the map does not know: ${script}`);
  return merge(...needs);
}

const granted = (job: Job): Needs => {
  expect(typeof job.permissions, 'each job states its permissions').toBe('object');
  return Object.fromEntries(
    Object.entries(job.permissions as Permissions).filter(([, level]) => level !== 'none'),
  ) as Needs;
};

const sorted = (needs: Needs) => Object.fromEntries(Object.entries(needs).sort(([a], [b]) => a.localeCompare(b)));

/** What a job needs: its steps', or for a call to a reusable workflow, what that workflow's jobs declare. */
function jobNeeds(job: Job): Needs {
  const called = slipwayWorkflow(job.uses);
  if (called) return merge(...Object.values(loadWorkflow(called).jobs).map(granted));
  if (job.uses) throw new Error(`no permission entry for ${job.uses}`);
  return merge(...(job.steps ?? []).map(stepNeeds));
}

describe('permissions: the least each job needs', () => {
  it("the map agrees with README.md's table", () => {
    const readme = readmePermissions();
    expect(Object.keys(readme).sort()).toEqual(Object.keys(ACTION_NEEDS).sort());
    for (const [action, needs] of Object.entries(ACTION_NEEDS)) {
      const text = readme[action]!;
      if (Object.keys(needs.always).length === 0 && !needs.when) expect(text, action).toMatch(/^none\b/);
      for (const [scope, level] of Object.entries(
        merge(needs.always, ...(needs.when ?? []).map(([, extra]) => extra)),
      )) {
        expect(text, `${action}: ${scope}`).toContain(`${scope}: ${level}`);
      }
    }
  });

  describe.each(workflowFiles(root).map((file) => [relative(root, file), file]))('%s', (name) => {
    const workflow = loadWorkflow(name);

    it('grants nothing at the top', () => {
      expect(workflow.permissions).toEqual({});
    });

    it.each(Object.keys(workflow.jobs))('job %s is granted exactly what it needs', (jobId) => {
      const job = workflow.jobs[jobId]!;
      expect(sorted(granted(job)), `${basename(name)} job ${jobId}`).toEqual(sorted(jobNeeds(job)));
    });
  });

  it('would catch a job granted more than it needs', () => {
    const job: Job = {
      permissions: { contents: 'write' },
      steps: [{ uses: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683' }],
    };
    expect(granted(job)).not.toEqual(jobNeeds(job));
  });
});
