import { randomUUID } from 'node:crypto';
import { oneLine } from '../runtime/errors.js';
import type { Destination, Provider } from './destinations.js';
import { planDiscord } from './discord.js';
import { planEmail } from './email.js';
import { planGoogleChat } from './google-chat.js';
import type { Message } from './message.js';
import type { MessageRef, MessageRefs } from './message-ids.js';
import type { Delivery, DeliveryAction, PlanContext, SendContext } from './provider.js';
import { redact } from './redact.js';
import { RetryFailure } from '../runtime/retry.js';
import { planSlack } from './slack.js';
import { planTeams } from './teams.js';
import { planWebhook } from './webhook.js';

export interface NotificationResult {
  destination: string;
  label: string;
  provider: Provider;
  outcome: 'delivered' | 'failed' | 'dry-run';
  action: DeliveryAction;
  attempts: number;
  ref?: MessageRef;
  error?: string;
  /** Endpoint described without secrets, and the exact payload and signature header (dry runs). */
  target: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface NotifyOptions extends SendContext {
  /** Messages sent before, from the `update` input. */
  refs?: MessageRefs;
  dryRun?: boolean;
  runThreadKey: string;
  /** Masks secrets (the shell passes `core.setSecret`); every one is also kept out of error texts. */
  mask(secret: string): void;
  newId?: () => string;
  now?: Date;
}

export function planDelivery(
  destination: Destination,
  message: Message,
  ref: MessageRef | undefined,
  context: PlanContext,
): Delivery {
  switch (destination.provider) {
    case 'slack':
      return planSlack(destination, message, ref, context);
    case 'teams':
      return planTeams(destination, message, ref, context);
    case 'discord':
      return planDiscord(destination, message, ref, context);
    case 'google-chat':
      return planGoogleChat(destination, message, ref, context);
    case 'webhook':
      return planWebhook(destination, message, ref, context);
    case 'email':
      return planEmail(destination, message, ref, context);
  }
}

function secretsOf(destination: Destination): string[] {
  switch (destination.provider) {
    case 'slack':
      return [destination.webhookUrl, destination.token].filter((s): s is string => !!s);
    case 'webhook':
      return [destination.webhookUrl, destination.secret].filter((s): s is string => !!s);
    case 'email':
      return destination.smtp.password ? [destination.smtp.password] : [];
    default:
      return [destination.webhookUrl];
  }
}

/**
 * Sends the message to every destination at once, each under the shared retry policy, and reports
 * each one's result; one destination failing never stops the others.
 */
export async function deliverNotifications(
  destinations: Destination[],
  message: Message,
  options: NotifyOptions,
): Promise<NotificationResult[]> {
  const secrets = new Set<string>();
  const mask = (secret: string) => {
    secrets.add(secret);
    options.mask(secret);
  };
  const context: PlanContext = {
    mask,
    newId: options.newId ?? randomUUID,
    runThreadKey: options.runThreadKey,
    now: options.now ?? new Date(),
  };
  return Promise.all(
    destinations.map(async (destination): Promise<NotificationResult> => {
      secretsOf(destination).forEach(mask);
      const ref = options.refs?.[destination.id];
      const usable = ref && ref.provider === destination.provider ? ref : undefined;
      const base = { destination: destination.id, label: destination.label, provider: destination.provider };
      let delivery: Delivery;
      try {
        delivery = planDelivery(destination, message, usable, context);
      } catch (error) {
        return {
          ...base,
          outcome: 'failed',
          action: 'posted',
          attempts: 0,
          target: destination.provider,
          error: redact(oneLine(error), secrets),
        };
      }
      const planned = { ...base, action: delivery.action, target: delivery.target };
      if (options.dryRun)
        return {
          ...planned,
          outcome: 'dry-run',
          attempts: 0,
          payload: delivery.payload,
          ...(delivery.headers ? { headers: delivery.headers } : {}),
        };
      try {
        const { ref: sent, attempts } = await delivery.send({ ...options, redact: (text) => redact(text, secrets) });
        return { ...planned, outcome: 'delivered', attempts, ref: sent };
      } catch (error) {
        const attempts = error instanceof RetryFailure ? error.attempts : 1;
        return { ...planned, outcome: 'failed', attempts, error: redact(oneLine(error), secrets) };
      }
    }),
  );
}

/** The `message-ids` output: where each delivered message lives, for a later `update`. */
export function messageIds(results: NotificationResult[]): MessageRefs {
  return Object.fromEntries(results.filter((r) => r.ref).map((r) => [r.destination, r.ref as MessageRef]));
}
