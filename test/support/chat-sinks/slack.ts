import { sendReply, startSinkServer, type Reply, type SinkControls, type SinkRequest } from './sink-server.js';

/**
 * Slack as incoming webhooks and the Web API (chat.postMessage, chat.update, conversations.history)
 * answer: webhooks with plain-text bodies and 4xx statuses, the Web API with HTTP 200 and
 * `{ ok: false, error }`. Limits: text ≤ 40,000 chars, ≤ 50 blocks, section text ≤ 3,000,
 * section fields ≤ 10 of ≤ 2,000, header text ≤ 150, actions ≤ 25 elements (button text ≤ 75,
 * URL ≤ 3,000), ≤ 100 attachments.
 */

export interface SlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  via: 'webhook' | 'api';
  /** Set when chat.update changed the message. */
  edited?: { ts: string };
}

export interface SlackSink extends SinkControls {
  /** An incoming webhook URL posting to `#deployments`. */
  webhookUrl: string;
  /** The Web API base, as @slack/web-api's `slackApiUrl` expects (ends with `/api/`). */
  apiUrl: string;
  /** The bot token the Web API accepts. */
  token: string;
  /** Channel ids by name (without `#`). */
  channels: Record<string, string>;
  messages: SlackMessage[];
}

export interface SlackSinkOptions {
  token?: string;
  /** Channel names (without `#`) to ids; default `{ deployments: 'C0DEPLOYS', releases: 'C0RELEASES' }`. */
  channels?: Record<string, string>;
}

const WEBHOOK_PATH = '/services/T0SLIPWAY/B0SLIPWAY/slipwayWebhookSecret0001';
const TEXT_LIMIT = 40_000;
const BLOCK_LIMIT = 50;
const SECTION_TEXT_LIMIT = 3_000;
const ATTACHMENT_LIMIT = 100;
const BLOCK_TYPES = new Set([
  'section',
  'divider',
  'header',
  'context',
  'actions',
  'image',
  'rich_text',
  'markdown',
  'input',
  'file',
  'video',
]);

/** Messages for `response_metadata.messages` when blocks break Block Kit's rules; empty when valid. */
export function blockKitErrors(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return ['[ERROR] must provide an array [json-pointer:/blocks]'];
  const errors: string[] = [];
  if (blocks.length > BLOCK_LIMIT)
    errors.push(`[ERROR] no more than ${BLOCK_LIMIT} items allowed [json-pointer:/blocks]`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  blocks.forEach((block: Record<string, any>, index) => {
    const at = `/blocks/${index}`;
    if (!block || typeof block !== 'object' || !BLOCK_TYPES.has(block.type)) {
      errors.push(`[ERROR] failed to match all allowed schemas [json-pointer:${at}]`);
      return;
    }
    const textLength = (text: unknown): number =>
      typeof text === 'object' && text && typeof (text as { text?: unknown }).text === 'string'
        ? (text as { text: string }).text.length
        : -1;
    if (block.type === 'section') {
      if (!block.text && !block.fields) errors.push(`[ERROR] must provide text or fields [json-pointer:${at}]`);
      if (block.text && textLength(block.text) < 0)
        errors.push(`[ERROR] must provide a text object [json-pointer:${at}/text]`);
      if (textLength(block.text) > SECTION_TEXT_LIMIT) {
        errors.push(`[ERROR] must be less than ${SECTION_TEXT_LIMIT + 1} characters [json-pointer:${at}/text/text]`);
      }
      if (Array.isArray(block.fields)) {
        if (block.fields.length > 10) errors.push(`[ERROR] no more than 10 items allowed [json-pointer:${at}/fields]`);
        block.fields.forEach((field: unknown, fieldIndex: number) => {
          if (textLength(field) > 2_000)
            errors.push(`[ERROR] must be less than 2001 characters [json-pointer:${at}/fields/${fieldIndex}/text]`);
        });
      }
    }
    if (
      block.type === 'header' &&
      (block.text?.type !== 'plain_text' || textLength(block.text) < 1 || textLength(block.text) > 150)
    ) {
      errors.push(`[ERROR] must be a plain_text object of at most 150 characters [json-pointer:${at}/text]`);
    }
    if (block.type === 'actions') {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const elements: Array<Record<string, any>> = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > 25)
        errors.push(`[ERROR] must provide between 1 and 25 elements [json-pointer:${at}/elements]`);
      elements.forEach((element, elementIndex) => {
        if (element?.type !== 'button') return;
        if (textLength(element.text) < 1 || textLength(element.text) > 75)
          errors.push(
            `[ERROR] must be less than 76 characters [json-pointer:${at}/elements/${elementIndex}/text/text]`,
          );
        if (typeof element.url === 'string' && element.url.length > 3_000)
          errors.push(`[ERROR] must be less than 3001 characters [json-pointer:${at}/elements/${elementIndex}/url]`);
      });
    }
    if (
      block.type === 'context' &&
      (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10)
    ) {
      errors.push(`[ERROR] must provide between 1 and 10 elements [json-pointer:${at}/elements]`);
    }
    if (typeof block.block_id === 'string' && block.block_id.length > 255) {
      errors.push(`[ERROR] must be less than 256 characters [json-pointer:${at}/block_id]`);
    }
  });
  return errors;
}

interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

type ContentCheck = { content: MessageContent } | { error: string; messages?: string[] };

/** Reads text/blocks/attachments from a JSON body or a form body (where they are JSON strings). */
function messageContent(body: Record<string, unknown>): ContentCheck {
  const decoded: Record<string, unknown> = {};
  for (const key of ['blocks', 'attachments'] as const) {
    const value = body[key];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') {
      decoded[key] = value;
      continue;
    }
    try {
      decoded[key] = JSON.parse(value);
    } catch {
      return { error: key === 'blocks' ? 'invalid_blocks_format' : 'invalid_attachments' };
    }
  }
  const text = typeof body.text === 'string' && body.text !== '' ? body.text : undefined;
  const blocks = decoded.blocks as unknown[] | undefined;
  const attachments = decoded.attachments as unknown[] | undefined;
  if (!text && !(Array.isArray(blocks) && blocks.length) && !(Array.isArray(attachments) && attachments.length))
    return { error: 'no_text' };
  if (text && text.length > TEXT_LIMIT) return { error: 'msg_too_long' };
  if (blocks !== undefined) {
    const errors = blockKitErrors(blocks);
    if (errors.length > 0) return { error: 'invalid_blocks', messages: errors };
  }
  if (attachments !== undefined && (!Array.isArray(attachments) || attachments.length > ATTACHMENT_LIMIT)) {
    return { error: Array.isArray(attachments) ? 'too_many_attachments' : 'invalid_attachments' };
  }
  // Blocks inside an attachment follow the same Block Kit rules as top-level ones.
  for (const attachment of attachments ?? []) {
    const nested = (attachment as { blocks?: unknown } | null)?.blocks;
    const errors = nested === undefined ? [] : blockKitErrors(nested);
    if (errors.length > 0) return { error: 'invalid_attachments', messages: errors };
  }
  return { content: { text, blocks, attachments } };
}

export async function startSlackSink(options: SlackSinkOptions = {}): Promise<SlackSink> {
  const token = options.token ?? 'xoxb-slipway-test-token';
  const channels = options.channels ?? { deployments: 'C0DEPLOYS', releases: 'C0RELEASES' };
  const messages: SlackMessage[] = [];
  let clock = 1_700_000_000_000_000; // microseconds: ts values are unique and increasing, like Slack's
  const nextTs = (): string => {
    clock += 1;
    return `${Math.floor(clock / 1_000_000)}.${String(clock % 1_000_000).padStart(6, '0')}`;
  };
  const channelId = (given: unknown): string | undefined => {
    if (typeof given !== 'string') return undefined;
    const name = given.replace(/^#/, '');
    return channels[name] ?? (Object.values(channels).includes(given) ? given : undefined);
  };
  const apiMessage = (message: SlackMessage) => ({
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'B0SLIPWAY',
    text: message.text ?? '',
    ts: message.ts,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.edited ? { edited: { user: 'U0SLIPWAY', ts: message.edited.ts } } : {}),
  });
  const fail = (error: string, extra: Record<string, unknown> = {}): Reply => ({
    status: 200,
    json: { ok: false, error, ...extra },
  });

  function webhook(request: SinkRequest): Reply {
    if (request.path !== WEBHOOK_PATH) return { status: 404, text: 'no_service' };
    if (request.method !== 'POST') return { status: 405, text: 'invalid_method' };
    let body = request.body as Record<string, unknown> | undefined;
    if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      try {
        body = JSON.parse(String(body?.payload)) as Record<string, unknown>;
      } catch {
        body = undefined;
      }
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { status: 400, text: 'invalid_payload' };
    const checked = messageContent(body);
    if ('error' in checked)
      return { status: 400, text: checked.error === 'invalid_blocks_format' ? 'invalid_blocks' : checked.error };
    messages.push({
      channel: channels.deployments ?? Object.values(channels)[0] ?? 'C0DEPLOYS',
      ts: nextTs(),
      via: 'webhook',
      ...checked.content,
    });
    return { status: 200, text: 'ok' };
  }

  function webApi(request: SinkRequest, method: string): Reply {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const isJson = request.headers['content-type']?.startsWith('application/json');
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const given = bearer ?? (isJson ? undefined : (body.token as string | undefined));
    if (!given) return fail('not_authed');
    if (given !== token) return fail('invalid_auth');
    const channel = channelId(body.channel);

    if (method === 'chat.postMessage') {
      if (!channel) return fail('channel_not_found');
      const checked = messageContent(body);
      if ('error' in checked)
        return fail(checked.error, checked.messages ? { response_metadata: { messages: checked.messages } } : {});
      const threadTs = typeof body.thread_ts === 'string' && body.thread_ts !== '' ? body.thread_ts : undefined;
      const message: SlackMessage = { channel, ts: nextTs(), via: 'api', threadTs, ...checked.content };
      messages.push(message);
      return { status: 200, json: { ok: true, channel, ts: message.ts, message: apiMessage(message) } };
    }
    if (method === 'chat.update') {
      if (!channel) return fail('channel_not_found');
      const message = messages.find((candidate) => candidate.channel === channel && candidate.ts === body.ts);
      if (!message) return fail('message_not_found');
      const checked = messageContent(body);
      if ('error' in checked)
        return fail(checked.error, checked.messages ? { response_metadata: { messages: checked.messages } } : {});
      Object.assign(message, checked.content, { edited: { ts: nextTs() } });
      return {
        status: 200,
        json: { ok: true, channel, ts: message.ts, text: message.text ?? '', message: apiMessage(message) },
      };
    }
    if (method === 'conversations.history') {
      if (!channel) return fail('channel_not_found');
      const limit = Math.min(Number(body.limit ?? request.query.limit ?? 100) || 100, 999);
      const inChannel = messages.filter((message) => message.channel === channel && !message.threadTs).reverse();
      return {
        status: 200,
        json: { ok: true, messages: inChannel.slice(0, limit).map(apiMessage), has_more: inChannel.length > limit },
      };
    }
    return fail('unknown_method');
  }

  const controls = await startSinkServer(
    (request) => {
      if (request.path.startsWith('/api/')) {
        if (request.method !== 'POST' && request.method !== 'GET') return fail('invalid_request');
        const body = request.method === 'GET' ? request.query : request.body;
        return webApi({ ...request, body }, request.path.slice('/api/'.length));
      }
      return webhook(request);
    },
    (fault, response) => {
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(fault.retryAfter)) };
      const isApi = response.req.url?.startsWith('/api/');
      if (fault.status === 429) {
        sendReply(
          response,
          isApi
            ? { status: 429, headers, json: { ok: false, error: 'ratelimited' } }
            : { status: 429, headers, text: 'rate_limited' },
        );
      } else {
        sendReply(response, {
          status: fault.status,
          headers,
          text: fault.status >= 500 ? 'internal_error' : 'invalid_request',
        });
      }
    },
  );
  return {
    ...controls,
    webhookUrl: `${controls.url}${WEBHOOK_PATH}`,
    apiUrl: `${controls.url}/api/`,
    token,
    channels,
    messages,
  };
}
