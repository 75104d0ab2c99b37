import type { ChatPostMessageResponse, WebClient as SlackWebClient } from '@slack/web-api';
import type { SendContext } from './provider.js';
import { type Attempt, withRetry } from '../runtime/retry.js';

/** Slack errors worth another try; any other `ok:false` is the caller's mistake. */
export const SLACK_TRANSIENT_ERRORS = [
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
];

type Method = 'chat.postMessage' | 'chat.update';

const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => 'error' as never,
  setName() {},
};

/** Maps the SDK's errors onto the shared policy; the SDK's own retries are off so only one policy runs. */
function classify(error: unknown): Attempt<never> {
  const e = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
    original?: Error;
    message?: string;
  };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return {
        done: false,
        retryable: true,
        reason: 'rate limited by Slack',
        waitMs: Math.ceil((e.retryAfter ?? 1) * 1000),
      };
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      return {
        done: false,
        retryable: SLACK_TRANSIENT_ERRORS.includes(code),
        reason: `Slack answered ok:false: ${code}`,
      };
    }
    case 'slack_webapi_http_error':
      return { done: false, retryable: (e.statusCode ?? 0) >= 500, reason: `HTTP ${e.statusCode}` };
    case 'slack_webapi_request_error':
      return { done: false, retryable: true, reason: `network error: ${e.original?.message ?? 'request failed'}` };
    default:
      return { done: false, retryable: false, reason: e.message ?? String(error) };
  }
}

/** Calls `chat.postMessage` / `chat.update` through `@slack/web-api`, loaded only when a token is used. */
export async function sendSlackApi(
  token: string,
  method: Method,
  args: Record<string, unknown>,
  context: SendContext,
): Promise<{ value: ChatPostMessageResponse; attempts: number }> {
  const { WebClient } = await import('@slack/web-api');
  return withRetry(
    async (remainingMs): Promise<Attempt<ChatPostMessageResponse>> => {
      const client: SlackWebClient = new WebClient(token, {
        slackApiUrl: context.slackApiUrl,
        logger: silent,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        allowAbsoluteUrls: false,
        timeout: remainingMs,
      });
      try {
        const value = (await client.apiCall(method, args)) as ChatPostMessageResponse;
        return { done: true, value };
      } catch (error) {
        return classify(error);
      }
    },
    context.policy,
    { clock: context.clock, random: context.random ?? Math.random },
  );
}
