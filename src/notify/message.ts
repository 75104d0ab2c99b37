import { workflowRunUrl } from '../runtime/action-context.js';
import { UserError } from '../runtime/errors.js';
import { releaseExcerpt } from './excerpt.js';
import { renderMessageTemplate } from './template.js';

export const EVENTS = [
  'deployment-started',
  'deployment-succeeded',
  'deployment-failed',
  'rolled-back',
  'release-published',
  'gate-failed',
  'custom',
] as const;
export type NotifyEvent = (typeof EVENTS)[number];

/** What a step reports about itself; `job.status` values are accepted so `status: ${{ job.status }}` works. */
export const STATUSES = ['success', 'failure', 'cancelled', 'warning', 'info'] as const;
export type StatusInput = (typeof STATUSES)[number];

/** How a message looks: colour and status word in every provider. */
export type Tone = 'progress' | 'success' | 'failure' | 'warning' | 'neutral';

/** Facts about the workflow run, read by the shell from the runner's environment and event payload. */
export interface RunContext {
  serverUrl: string;
  repository?: string;
  runId?: string;
  /** `GITHUB_RUN_ATTEMPT`: above 1, the job was re-run, and the message says so. */
  runAttempt?: number;
  actor?: string;
  sha?: string;
  pullRequest?: { number: number; title: string; url?: string };
}

export interface MessageInput {
  event: NotifyEvent;
  status?: StatusInput;
  title?: string;
  message?: string;
  version?: string;
  environment?: string;
  environmentUrl?: string;
  releaseUrl?: string;
  releaseNotes?: string;
}

export interface Field {
  label: string;
  value: string;
  url?: string;
}

export interface Link {
  label: string;
  url: string;
}

/** One notification, as plain untrusted text: every provider escapes it for its own markup. */
export interface Message {
  event: NotifyEvent;
  tone: Tone;
  /** Short status word shown next to the colour: "In progress", "Succeeded", ... */
  statusLabel: string;
  /** The event in words ("Release published"), where people read it; `event` stays the machine name. */
  eventLabel: string;
  title: string;
  text?: string;
  fields: Field[];
  links: Link[];
  excerpt?: string;
  repository?: string;
  /** The values templates and the generic webhook see, by kebab-case name. */
  data: Record<string, string | undefined>;
}

/**
 * Why `value` cannot be a link in a message, or undefined when it can: only http and https open a
 * page; `javascript:`, `data:` and the like run or smuggle content in the reader's client. The value
 * is not quoted (it may carry credentials), only its scheme.
 */
export function linkUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http or https URL; got text that is not a URL';
  }
  return ['http:', 'https:'].includes(url.protocol)
    ? undefined
    : `must be an http or https URL; got a ${JSON.stringify(url.protocol)} URL`;
}

const link = (url: string | undefined) => (url !== undefined && linkUrlProblem(url) === undefined ? url : undefined);

const EVENT_LABEL: Record<NotifyEvent, string> = {
  'deployment-started': 'Deployment started',
  'deployment-succeeded': 'Deployment succeeded',
  'deployment-failed': 'Deployment failed',
  'rolled-back': 'Rolled back',
  'release-published': 'Release published',
  'gate-failed': 'Gate failed',
  'custom': 'Update',
};

const TONE_LABEL: Record<Tone, string> = {
  progress: 'In progress',
  success: 'Succeeded',
  failure: 'Failed',
  warning: 'Warning',
  neutral: 'Info',
};
const STATUS_TONE: Record<StatusInput, Tone> = {
  success: 'success',
  failure: 'failure',
  cancelled: 'warning',
  warning: 'warning',
  info: 'neutral',
};

/** A deployment step run with `if: always()` reports what really happened through `status`. */
function effectiveEvent(event: NotifyEvent, status: StatusInput | undefined): NotifyEvent {
  if (event === 'deployment-succeeded' && (status === 'failure' || status === 'cancelled')) return 'deployment-failed';
  if (event === 'deployment-failed' && status === 'success') return 'deployment-succeeded';
  return event;
}

function headline(event: NotifyEvent, what: string, where: string): { tone: Tone; title: string } {
  switch (event) {
    case 'deployment-started':
      return { tone: 'progress', title: `Deploying ${what}${where}…` };
    case 'deployment-succeeded':
      return { tone: 'success', title: `Deployed ${what}${where} ✅` };
    case 'deployment-failed':
      return { tone: 'failure', title: `Deployment of ${what}${where} failed ❌` };
    case 'rolled-back':
      return { tone: 'warning', title: `Rolled back${where ? where.replace(' to ', ' ') : ''} to ${what} ↩️` };
    case 'release-published':
      return { tone: 'success', title: `Released ${what} 🚀` };
    case 'gate-failed':
      return { tone: 'failure', title: `Gate failed for ${what}${where} ⛔` };
    case 'custom':
      return { tone: 'neutral', title: `Update from ${what}` };
  }
}

/** Builds the provider-neutral message from the step's inputs and the run context. */
export function composeMessage(input: MessageInput, run: RunContext): Message {
  const event = effectiveEvent(input.event, input.status);
  if (event === 'custom' && !input.message && !input.title) {
    throw new UserError("Event 'custom' needs a 'message' (or a 'title'); set one in the step's 'with:' block.");
  }
  const server = run.serverUrl.replace(/\/+$/, '');
  const repoUrl = run.repository ? `${server}/${run.repository}` : undefined;
  // A re-run announces itself, so people never see two indistinguishable messages for one run.
  const rerun = run.runAttempt !== undefined && run.runAttempt > 1 ? run.runAttempt : undefined;
  const runUrl = run.repository && run.runId ? workflowRunUrl(server, run.repository, run.runId, rerun) : undefined;
  const commitUrl = repoUrl && run.sha ? `${repoUrl}/commit/${run.sha}` : undefined;
  const data: Record<string, string | undefined> = {
    event,
    'repository': run.repository,
    'version': input.version,
    'environment': input.environment,
    'environment-url': input.environmentUrl,
    'actor': run.actor,
    'commit': run.sha,
    'run-url': runUrl,
    'run-attempt': run.runAttempt === undefined ? undefined : String(run.runAttempt),
    'release-url': input.releaseUrl,
    'pull-request-title': run.pullRequest?.title,
  };
  const what = input.version ?? run.repository ?? 'the application';
  const where = input.environment ? ` to ${input.environment}` : '';
  const plain = headline(event, event === 'custom' ? (run.repository ?? 'Slipway') : what, where);
  const standard = rerun ? { ...plain, title: `${plain.title} — re-run (attempt ${rerun})` } : plain;
  const tone = input.status && event === 'custom' ? STATUS_TONE[input.status] : standard.tone;

  // Every URL is checked once more here: the pull request's comes from the event payload, not an input.
  const fields: Field[] = [];
  const add = (label: string, value: string | undefined, url?: string) => {
    if (value) fields.push({ label, value, ...(link(url) ? { url } : {}) });
  };
  add('Repository', run.repository, repoUrl);
  add('Version', input.version, input.releaseUrl);
  add('Environment', input.environment, input.environmentUrl);
  add('Commit', run.sha?.slice(0, 7), commitUrl);
  add('Actor', run.actor, run.actor ? `${server}/${run.actor}` : undefined);
  add('Attempt', rerun ? `${rerun} (re-run)` : undefined, runUrl);
  if (run.pullRequest) add('Pull request', `#${run.pullRequest.number} ${run.pullRequest.title}`, run.pullRequest.url);

  const links: Link[] = [];
  const addLink = (label: string, url: string | undefined) => {
    if (link(url)) links.push({ label, url: url as string });
  };
  addLink(`Open ${input.environment ?? 'environment'}`, input.environmentUrl);
  addLink('Release notes', input.releaseUrl);
  addLink('Workflow run', runUrl);

  return {
    event,
    tone,
    statusLabel: TONE_LABEL[tone],
    eventLabel: EVENT_LABEL[event],
    title: input.title ? renderMessageTemplate(input.title, data, 'title') : standard.title,
    text: input.message ? renderMessageTemplate(input.message, data, 'message') : undefined,
    fields,
    links,
    excerpt: input.releaseNotes ? releaseExcerpt(input.releaseNotes) : undefined,
    repository: run.repository,
    data,
  };
}
