import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type { WebhookEventMap, WebhookEventName } from '@octokit/webhooks-types';

// The package's entry point is a JSON file, which ESM can only import with attributes; require reads it plainly.
const webhookDefinitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/**
 * A webhook payload recorded from GitHub (`@octokit/webhooks-examples`): the first example of
 * `eventName`, or of `eventName.action` (e.g. `pull_request.closed`). Every call returns a fresh
 * deep copy, which `adjust` may change in place or replace by returning a new object.
 */
export function examplePayload<E extends WebhookEventName>(
  eventName: E | `${E}.${string}`,
  adjust?: (payload: WebhookEventMap[E]) => WebhookEventMap[E] | void,
): WebhookEventMap[E] {
  const [name, action] = eventName.split('.') as [E, string | undefined];
  const definition = webhookDefinitions.find((candidate) => candidate.name === name);
  if (!definition) {
    const known = webhookDefinitions.map((candidate) => candidate.name).join(', ');
    throw new Error(`No recorded webhook example for event '${name}'; recorded events: ${known}`);
  }
  const examples = definition.examples as Array<WebhookEventMap[E]>;
  const example = action
    ? examples.find((candidate) => (candidate as { action?: string }).action === action)
    : examples[0];
  if (!example) {
    const actions = [...new Set(examples.map((candidate) => (candidate as { action?: string }).action))].join(', ');
    throw new Error(`No recorded '${name}' example with action '${action}'; recorded actions: ${actions}`);
  }
  const payload = structuredClone(example);
  return adjust?.(payload) ?? payload;
}
