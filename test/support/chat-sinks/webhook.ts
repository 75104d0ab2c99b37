import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { sendReply, startSinkServer, type Reply, type SinkControls, type SinkRequest } from './sink-server.js';

/**
 * A generic JSON webhook receiver: any POST under /hooks/ with a JSON body gets 200 and is kept
 * with its headers. With a secret, it requires `X-Slipway-Signature: sha256=<hex HMAC-SHA256 of
 * the raw body>` and answers 401 otherwise.
 */

export interface WebhookDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
}

export interface WebhookSink extends SinkControls {
  /** A URL the sink accepts; any path under /hooks/ works. */
  url: string;
  secret?: string;
  messages: WebhookDelivery[];
}

export function slipwaySignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export async function startWebhookSink(options: { secret?: string } = {}): Promise<WebhookSink> {
  const messages: WebhookDelivery[] = [];
  function handle(request: SinkRequest): Reply {
    if (!request.path.startsWith('/hooks/')) return { status: 404, json: { error: 'not found' } };
    if (request.method !== 'POST') return { status: 405, json: { error: 'method not allowed' } };
    if (options.secret) {
      const given = Buffer.from(String(request.headers['x-slipway-signature'] ?? ''));
      const expected = Buffer.from(slipwaySignature(options.secret, request.rawBody));
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { status: 401, json: { error: 'invalid signature' } };
    }
    if (!request.headers['content-type']?.startsWith('application/json') || request.body === undefined) {
      return { status: 400, json: { error: 'expected a JSON body' } };
    }
    messages.push({ path: request.path, headers: request.headers, body: request.body, rawBody: request.rawBody });
    return { status: 200, json: { received: true } };
  }
  const controls = await startSinkServer(handle, (fault, response) =>
    sendReply(response, {
      status: fault.status,
      headers: fault.retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(fault.retryAfter)) },
      json: { error: fault.status === 429 ? 'rate limited' : 'unavailable' },
    }),
  );
  return { ...controls, url: `${controls.url}/hooks/slipway`, secret: options.secret, messages };
}
