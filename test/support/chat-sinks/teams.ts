import { adaptiveCardErrors } from './adaptive-card-schema.js';
import { sendReply, startSinkServer, type Reply, type SinkControls, type SinkRequest } from './sink-server.js';

/**
 * A Microsoft Teams Workflows webhook ("When a Teams webhook request is received"): 202 Accepted
 * for `{ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive',
 * content: { type: 'AdaptiveCard', version ≤ 1.4, body: [...] } }] }` whose card passes the published
 * Adaptive Card 1.4 schema; 400 for any other shape,
 * 413 over Teams' 28 KB message size, 401 without the URL's signature.
 */

export interface TeamsMessage {
  /** The Adaptive Cards posted, in order. */
  cards: Array<{ version: string; body: unknown[]; [key: string]: unknown }>;
  payload: unknown;
}

export interface TeamsSink extends SinkControls {
  webhookUrl: string;
  messages: TeamsMessage[];
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const MAX_VERSION = [1, 4];
const SIZE_LIMIT = 28 * 1024;

/** Why Teams would refuse the payload, or undefined when it would post it. */
export function teamsPayloadProblem(payload: unknown): string | undefined {
  const body = payload as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!body || typeof body !== 'object') return 'The request body must be a JSON object.';
  if (body.type !== 'message') return "Property 'type' must be 'message'.";
  if (!Array.isArray(body.attachments) || body.attachments.length === 0)
    return "Property 'attachments' must be a non-empty array.";
  for (const [index, attachment] of body.attachments.entries()) {
    if (attachment?.contentType !== ADAPTIVE_CARD)
      return `attachments[${index}].contentType must be '${ADAPTIVE_CARD}'.`;
    const card = attachment.content;
    if (card?.type !== 'AdaptiveCard') return `attachments[${index}].content.type must be 'AdaptiveCard'.`;
    const version = /^(\d+)\.(\d+)$/.exec(String(card.version ?? ''));
    if (!version) return `attachments[${index}].content.version is missing or invalid.`;
    const [major, minor] = [Number(version[1]), Number(version[2])];
    if (major > MAX_VERSION[0]! || (major === MAX_VERSION[0] && minor > MAX_VERSION[1]!)) {
      return `Adaptive Card version ${card.version} is not supported; the highest supported version is 1.4.`;
    }
    if (!Array.isArray(card.body)) return `attachments[${index}].content.body must be an array.`;
    const errors = adaptiveCardErrors(card);
    if (errors.length > 0)
      return `attachments[${index}].content is not a valid Adaptive Card 1.4: ${errors.slice(0, 3).join('; ')}`;
  }
  return undefined;
}

export async function startTeamsSink(): Promise<TeamsSink> {
  const signature = 'slipwayTeamsSignature0001';
  const path = '/workflows/5f3c1a2b9d8e4f7a/triggers/manual/paths/invoke';
  const messages: TeamsMessage[] = [];
  const badRequest = (message: string): Reply => ({
    status: 400,
    json: { error: { code: 'InvalidRequestContent', message } },
  });

  function handle(request: SinkRequest): Reply {
    if (request.path !== path)
      return {
        status: 404,
        json: { error: { code: 'WorkflowNotFound', message: 'The workflow could not be found.' } },
      };
    if (request.query.sig !== signature) {
      return {
        status: 401,
        json: { error: { code: 'DirectApiAuthorizationRequired', message: 'The request must be authenticated.' } },
      };
    }
    if (request.method !== 'POST')
      return { status: 405, json: { error: { code: 'MethodNotAllowed', message: 'Use POST.' } } };
    if (Buffer.byteLength(request.rawBody) > SIZE_LIMIT) {
      return {
        status: 413,
        json: { error: { code: 'RequestEntityTooLarge', message: 'The message is larger than 28 KB.' } },
      };
    }
    const problem = teamsPayloadProblem(request.body);
    if (problem) return badRequest(problem);
    const payload = request.body as { attachments: Array<{ content: TeamsMessage['cards'][number] }> };
    messages.push({ cards: payload.attachments.map((attachment) => attachment.content), payload });
    return { status: 202 };
  }

  const controls = await startSinkServer(handle, (fault, response) =>
    sendReply(response, {
      status: fault.status,
      headers: fault.retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(fault.retryAfter)) },
      json: {
        error: {
          code: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
          message: 'The request failed.',
        },
      },
    }),
  );
  const query = new URLSearchParams({
    'api-version': '2016-06-01',
    'sp': '/triggers/manual/run',
    'sv': '1.0',
    'sig': signature,
  });
  return { ...controls, webhookUrl: `${controls.url}${path}?${query.toString()}`, messages };
}
