import type { Fetch } from './http-request.js';
import type { MessageRef } from './message-ids.js';
import type { Clock } from '../runtime/clock.js';
import type { RetryPolicy } from '../runtime/retry.js';

/** What happened to the message: a new one, the old one changed, or a reply in its thread. */
export type DeliveryAction = 'posted' | 'edited' | 'replied';

export interface SendContext {
  policy: RetryPolicy;
  clock: Clock;
  /** Source of backoff jitter; default Math.random. */
  random?: () => number;
  fetch?: Fetch;
  /** Slack Web API root (tests point it at a local sink). */
  slackApiUrl?: string;
  /** Replaces every part of the destination's secrets in a text an error may quote (see redact.ts). */
  redact?(text: string): string;
}

export interface PlanContext {
  /** Masks a secret built from parts (a webhook URL with a query added) before it exists anywhere else. */
  mask(secret: string): void;
  /** A fresh id for messages the service does not number itself (generic webhook, email). */
  newId(): string;
  /** Thread key shared by every message of one workflow run (Google Chat). */
  runThreadKey: string;
  now: Date;
}

/**
 * One planned delivery: what will be sent (shown as is by dry runs) and how to send it. `target`
 * names the endpoint without its secret parts.
 */
export interface Delivery {
  action: DeliveryAction;
  target: string;
  payload: unknown;
  /** Headers a receiver checks (the webhook signature), shown by dry runs: they are signatures, never secrets. */
  headers?: Record<string, string>;
  send(context: SendContext): Promise<{ ref: MessageRef; attempts: number }>;
}
