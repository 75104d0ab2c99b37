import { createHmac } from 'node:crypto';
import type { Destination } from './destinations.js';
import { sendHttp } from './http-request.js';
import type { Message } from './message.js';
import type { MessageRef } from './message-ids.js';
import type { Delivery, PlanContext } from './provider.js';

type WebhookDestination = Extract<Destination, { provider: 'webhook' }>;

export const SIGNATURE_HEADER = 'X-Slipway-Signature';

/** `sha256=<hex HMAC of the exact body>`, as GitHub signs its own webhooks. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * Plain JSON for any receiver: raw text (receivers escape for their own output), the message id,
 * and `action: update` with the same id when a later step changes the message.
 */
export function buildWebhookPayload(message: Message, id: string, update: boolean, now: Date): Record<string, unknown> {
  return {
    id,
    action: update ? 'update' : 'create',
    event: message.event,
    status: message.tone,
    statusLabel: message.statusLabel,
    title: message.title,
    ...(message.text ? { text: message.text } : {}),
    ...Object.fromEntries(
      Object.entries(message.data).filter(([key, value]) => value !== undefined && key !== 'event'),
    ),
    ...(message.excerpt ? { 'release-notes': message.excerpt } : {}),
    fields: message.fields,
    links: message.links,
    timestamp: now.toISOString(),
  };
}

export function planWebhook(
  destination: WebhookDestination,
  message: Message,
  ref: MessageRef | undefined,
  context: PlanContext,
): Delivery {
  const id = ref?.id ?? context.newId();
  const payload = buildWebhookPayload(message, id, ref?.id !== undefined, context.now);
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'slipway-notify',
    'x-slipway-event': message.event,
    'x-slipway-message-id': id,
  };
  const signature = destination.secret ? signBody(body, destination.secret) : undefined;
  if (signature) headers[SIGNATURE_HEADER.toLowerCase()] = signature;
  return {
    action: ref?.id ? 'edited' : 'posted',
    target: `generic webhook${destination.secret ? ' (signed)' : ''}`,
    payload,
    ...(signature ? { headers: { [SIGNATURE_HEADER]: signature } } : {}),
    send: async (context) => {
      const { attempts } = await sendHttp({ method: 'POST', url: destination.webhookUrl, headers, body }, context);
      return { ref: { provider: 'webhook', id }, attempts };
    },
  };
}
