import { sendReply, startSinkServer, type Reply, type SinkControls, type SinkRequest } from './sink-server.js';

/**
 * A Google Chat space's incoming webhook: POST /v1/spaces/{space}/messages?key=…&token=… with
 * `text` (≤ 4,096 chars) and/or `cardsV2`; the thread comes from `thread.threadKey` (or the older
 * `threadKey` query parameter) and only counts with `messageReplyOption` REPLY_MESSAGE_*,
 * as documented: the default starts a new thread. Errors use Google's `{ error: { code, message, status } }`.
 */

export interface GoogleChatMessage {
  name: string;
  text?: string;
  cardsV2?: unknown[];
  thread: { name: string; threadKey?: string };
  createTime: string;
}

export interface GoogleChatSink extends SinkControls {
  webhookUrl: string;
  space: string;
  messages: GoogleChatMessage[];
}

const TEXT_LIMIT = 4_096;
const MESSAGE_BYTES_LIMIT = 32_000;
const REPLY_OPTIONS = new Set([
  'MESSAGE_REPLY_OPTION_UNSPECIFIED',
  'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
  'REPLY_MESSAGE_OR_FAIL',
]);

const googleError = (code: number, status: string, message: string): Reply => ({
  status: code,
  json: { error: { code, message, status } },
});

export async function startGoogleChatSink(): Promise<GoogleChatSink> {
  const space = 'AAAASlipway';
  const key = 'AIzaSySlipwayTestKey';
  const token = 'slipway-chat-token';
  const messages: GoogleChatMessage[] = [];
  const threadsByKey = new Map<string, string>();
  let counter = 0;
  const nextId = (): string => `slipway${String(++counter).padStart(6, '0')}`;

  function handle(request: SinkRequest): Reply {
    const match = /^\/v1\/spaces\/([^/]+)\/messages$/.exec(request.path);
    if (!match || request.method !== 'POST') return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
    if (request.query.key !== key)
      return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.');
    if (request.query.token !== token || match[1] !== space) {
      return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    }
    const body = request.body as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    const replyOption = request.query.messageReplyOption ?? 'MESSAGE_REPLY_OPTION_UNSPECIFIED';
    if (!REPLY_OPTIONS.has(replyOption))
      return googleError(400, 'INVALID_ARGUMENT', `Invalid value at 'message_reply_option' (${replyOption})`);
    const text = typeof body.text === 'string' && body.text !== '' ? body.text : undefined;
    const cardsV2 = Array.isArray(body.cardsV2) && body.cardsV2.length > 0 ? body.cardsV2 : undefined;
    if (!text && !cardsV2)
      return googleError(400, 'INVALID_ARGUMENT', 'Message cannot be empty. Discarding empty message.');
    if (text && text.length > TEXT_LIMIT)
      return googleError(400, 'INVALID_ARGUMENT', `Message text exceeds the maximum of ${TEXT_LIMIT} characters.`);
    if (Buffer.byteLength(request.rawBody) > MESSAGE_BYTES_LIMIT)
      return googleError(400, 'INVALID_ARGUMENT', 'Message exceeds the maximum size of 32,000 bytes.');
    if (
      cardsV2?.some((card: Record<string, unknown>) => !card || typeof card.card !== 'object' || card.card === null)
    ) {
      return googleError(400, 'INVALID_ARGUMENT', "Invalid JSON payload received. Each cardsV2 entry needs a 'card'.");
    }

    const threadKey: string | undefined = body.thread?.threadKey ?? request.query.threadKey;
    const threadName: string | undefined = body.thread?.name;
    const replying = replyOption !== 'MESSAGE_REPLY_OPTION_UNSPECIFIED';
    let thread: string | undefined;
    if (replying && threadName) {
      thread = messages.find((message) => message.thread.name === threadName)?.thread.name;
      if (!thread && replyOption === 'REPLY_MESSAGE_OR_FAIL')
        return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
    } else if (replying && threadKey) {
      thread = threadsByKey.get(threadKey);
    }
    thread ??= `spaces/${space}/threads/${nextId()}`;
    if (replying && threadKey && !threadsByKey.has(threadKey)) threadsByKey.set(threadKey, thread);

    const message: GoogleChatMessage = {
      name: `spaces/${space}/messages/${nextId()}`,
      text,
      cardsV2,
      thread: { name: thread, ...(replying && threadKey ? { threadKey } : {}) },
      createTime: new Date().toISOString(),
    };
    messages.push(message);
    return {
      status: 200,
      json: {
        name: message.name,
        sender: { name: 'users/114022495153014004089', displayName: 'Slipway', type: 'BOT' },
        createTime: message.createTime,
        ...(text ? { text, formattedText: text, argumentText: text } : {}),
        ...(cardsV2 ? { cardsV2 } : {}),
        thread: message.thread,
        space: { name: `spaces/${space}`, type: 'ROOM', spaceType: 'SPACE' },
      },
    };
  }

  const controls = await startSinkServer(handle, (fault, response) =>
    sendReply(response, {
      ...(fault.status === 429
        ? googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).')
        : googleError(
            fault.status,
            fault.status === 503 ? 'UNAVAILABLE' : 'INTERNAL',
            'The service is currently unavailable.',
          )),
      headers: fault.retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(fault.retryAfter)) },
    }),
  );
  return {
    ...controls,
    webhookUrl: `${controls.url}/v1/spaces/${space}/messages?key=${key}&token=${token}`,
    space,
    messages,
  };
}
