import { sendReply, startSinkServer, type Reply, type SinkControls, type SinkRequest } from './sink-server.js';

/**
 * A Discord webhook: POST /api/webhooks/{id}/{token} (204, or the message with `?wait=true`),
 * GET/PATCH/DELETE .../messages/{message_id}. Invalid bodies get 400 `{ code: 50035, message:
 * 'Invalid Form Body', errors }`; limits: content ≤ 2,000, ≤ 10 embeds, title ≤ 256,
 * description ≤ 4,096, ≤ 25 fields (name ≤ 256, value ≤ 1,024), footer ≤ 2,048, author ≤ 256,
 * all embed text ≤ 6,000, username ≤ 80. 429s carry JSON `retry_after` (seconds, float) and headers.
 */

export interface DiscordMessage {
  id: string;
  content: string;
  embeds: unknown[];
  username?: string;
  threadId?: string;
  timestamp: string;
  editedTimestamp: string | null;
}

export interface DiscordSink extends SinkControls {
  /** POST here (add `?wait=true` to get the message back). */
  webhookUrl: string;
  webhookId: string;
  messages: DiscordMessage[];
}

type FieldErrors = Record<string, unknown>;

function maxLength(errors: FieldErrors, path: string[], value: unknown, limit: number): void {
  if (typeof value === 'string' && value.length > limit) {
    setError(errors, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer in length.`);
  }
}

function setError(errors: FieldErrors, path: string[], code: string, message: string): void {
  let node = errors;
  for (const key of path) node = (node[key] ??= {}) as FieldErrors;
  ((node._errors ??= []) as unknown[]).push({ code, message });
}

/** Discord's nested `errors` object for a webhook message body; empty when the body is valid. */
export function discordFormErrors(body: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  maxLength(errors, ['content'], body.content, 2_000);
  maxLength(errors, ['username'], body.username, 80);
  if (body.embeds !== undefined) {
    if (!Array.isArray(body.embeds))
      setError(errors, ['embeds'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    else if (body.embeds.length > 10)
      setError(errors, ['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    else {
      let total = 0;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      body.embeds.forEach((embed: Record<string, any>, index) => {
        const at = ['embeds', String(index)];
        maxLength(errors, [...at, 'title'], embed?.title, 256);
        maxLength(errors, [...at, 'description'], embed?.description, 4_096);
        maxLength(errors, [...at, 'footer', 'text'], embed?.footer?.text, 2_048);
        maxLength(errors, [...at, 'author', 'name'], embed?.author?.name, 256);
        const fields = Array.isArray(embed?.fields) ? embed.fields : [];
        if (fields.length > 25)
          setError(errors, [...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        fields.forEach((field: Record<string, unknown>, fieldIndex: number) => {
          // Both are required and may not be empty.
          for (const key of ['name', 'value']) {
            if (typeof field?.[key] !== 'string' || field[key].length === 0)
              setError(
                errors,
                [...at, 'fields', String(fieldIndex), key],
                'BASE_TYPE_REQUIRED',
                'This field is required',
              );
          }
          maxLength(errors, [...at, 'fields', String(fieldIndex), 'name'], field?.name, 256);
          maxLength(errors, [...at, 'fields', String(fieldIndex), 'value'], field?.value, 1_024);
        });
        const texts = [
          embed?.title,
          embed?.description,
          embed?.footer?.text,
          embed?.author?.name,
          ...fields.flatMap((f: Record<string, unknown>) => [f?.name, f?.value]),
        ];
        total += texts.reduce((sum: number, text) => sum + (typeof text === 'string' ? text.length : 0), 0);
      });
      if (total > 6_000)
        setError(errors, ['embeds'], 'MESSAGE_EMBEDS_TOO_LONG', 'Embed size exceeds maximum size of 6000');
    }
  }
  return errors;
}

export async function startDiscordSink(): Promise<DiscordSink> {
  const webhookId = '1180000000000000001';
  const webhookToken = 'slipway-discord-webhook-token';
  const base = `/api/webhooks/${webhookId}/${webhookToken}`;
  const messages: DiscordMessage[] = [];
  let snowflake = 1_190_000_000_000_000_000n;

  const messageJson = (message: DiscordMessage) => ({
    id: message.id,
    type: 0,
    content: message.content,
    channel_id: message.threadId ?? '1170000000000000001',
    author: { bot: true, id: webhookId, username: message.username ?? 'Slipway', avatar: null, discriminator: '0000' },
    attachments: [],
    embeds: message.embeds,
    mentions: [],
    mention_roles: [],
    pinned: false,
    mention_everyone: false,
    tts: false,
    timestamp: message.timestamp,
    edited_timestamp: message.editedTimestamp,
    flags: 0,
    components: [],
    webhook_id: webhookId,
  });
  const rateHeaders = {
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '4',
    'x-ratelimit-reset-after': '2.000',
    'x-ratelimit-bucket': 'slipway-webhook',
  };
  const invalid = (errors: FieldErrors): Reply => ({
    status: 400,
    json: { code: 50035, errors, message: 'Invalid Form Body' },
  });
  const unknownMessage: Reply = { status: 404, json: { message: 'Unknown Message', code: 10008 } };

  function handle(request: SinkRequest): Reply {
    const match = /^\/api\/webhooks\/([^/]+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(request.path);
    if (!match || match[1] !== webhookId) return { status: 404, json: { message: 'Unknown Webhook', code: 10015 } };
    if (match[2] !== webhookToken) return { status: 401, json: { message: 'Invalid Webhook Token', code: 50027 } };
    const messageId = match[3];
    const body = request.body as Record<string, unknown> | undefined;
    const needsBody = request.method === 'POST' || request.method === 'PATCH';
    if (needsBody && (!body || typeof body !== 'object' || Array.isArray(body))) {
      return { status: 400, json: { code: 50109, message: 'The request body contains invalid JSON.' } };
    }

    if (!messageId && request.method === 'POST') {
      const errors = discordFormErrors(body!);
      if (Object.keys(errors).length > 0) return invalid(errors);
      const content = typeof body!.content === 'string' ? body!.content : '';
      const embeds = Array.isArray(body!.embeds) ? body!.embeds : [];
      if (content === '' && embeds.length === 0)
        return { status: 400, json: { message: 'Cannot send an empty message', code: 50006 } };
      snowflake += 1n;
      const message: DiscordMessage = {
        id: String(snowflake),
        content,
        embeds,
        username: typeof body!.username === 'string' ? body!.username : undefined,
        threadId: request.query.thread_id,
        timestamp: new Date().toISOString(),
        editedTimestamp: null,
      };
      messages.push(message);
      return request.query.wait === 'true'
        ? { status: 200, json: messageJson(message), headers: rateHeaders }
        : { status: 204, headers: rateHeaders };
    }
    const message = messages.find((candidate) => candidate.id === messageId);
    if (!messageId || !message)
      return messageId ? unknownMessage : { status: 405, json: { message: '405: Method Not Allowed', code: 0 } };
    if (request.method === 'GET') return { status: 200, json: messageJson(message), headers: rateHeaders };
    if (request.method === 'DELETE') {
      messages.splice(messages.indexOf(message), 1);
      return { status: 204, headers: rateHeaders };
    }
    if (request.method === 'PATCH') {
      const errors = discordFormErrors(body!);
      if (Object.keys(errors).length > 0) return invalid(errors);
      if (typeof body!.content === 'string') message.content = body!.content;
      if (Array.isArray(body!.embeds)) message.embeds = body!.embeds;
      message.editedTimestamp = new Date().toISOString();
      return { status: 200, json: messageJson(message), headers: rateHeaders };
    }
    return { status: 405, json: { message: '405: Method Not Allowed', code: 0 } };
  }

  const controls = await startSinkServer(handle, (fault, response) => {
    if (fault.status === 429) {
      const retryAfter = fault.retryAfter ?? 1;
      sendReply(response, {
        status: 429,
        headers: {
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': retryAfter.toFixed(3),
          'x-ratelimit-scope': 'shared',
        },
        json: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      });
    } else {
      sendReply(response, {
        status: fault.status,
        json: { message: `${fault.status}: Internal Server Error`, code: 0 },
      });
    }
  });
  return { ...controls, webhookUrl: `${controls.url}${base}`, webhookId, messages };
}
