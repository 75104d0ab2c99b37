import { clipEscaped, clipText } from '../runtime/clip.js';
import type { Destination } from './destinations.js';
import { slackLink, slackText } from './escaping.js';
import { linesWithin, notesLines } from './excerpt.js';
import { classifyHttp, type HttpResponse, sendHttp } from './http-request.js';
import type { Message, Tone } from './message.js';
import type { MessageRef } from './message-ids.js';
import type { Delivery, PlanContext } from './provider.js';
import type { Attempt } from '../runtime/retry.js';
import { sendSlackApi, SLACK_TRANSIENT_ERRORS } from './slack-web-api.js';

type SlackDestination = Extract<Destination, { provider: 'slack' }>;

export const SLACK_COLORS: Record<Tone, string> = {
  progress: '#1D9BD1',
  success: '#2EB67D',
  failure: '#E01E5A',
  warning: '#ECB22E',
  neutral: '#868686',
};
const STATUS_EMOJI: Record<Tone, string> = {
  progress: ':hourglass_flowing_sand:',
  success: ':white_check_mark:',
  failure: ':x:',
  warning: ':warning:',
  neutral: ':information_source:',
};

/** Slack's documented limits: section text 3,000, a field 2,000, 10 fields, button text 75, button URL 3,000. */
const LIMIT = { section: 3000, field: 2000, fields: 10, button: 75, url: 3000, fallback: 3000 };

export interface SlackMessage {
  text: string;
  attachments: [{ color: string; fallback: string; blocks: unknown[] }];
}

/** Block Kit in a coloured attachment: headline and text, fields, release notes, link buttons, status line. */
export function buildSlackMessage(message: Message): SlackMessage {
  const headline = `*${clipEscaped(message.title, 300, slackText)}*`;
  const body = message.text ? `\n${clipEscaped(message.text, LIMIT.section - headline.length - 1, slackText)}` : '';
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: `${headline}${body}` } }];
  if (message.fields.length > 0) {
    const fields = message.fields.slice(0, LIMIT.fields).map((field) => {
      const value = field.url
        ? slackLink(field.url, clipText(field.value, 500))
        : clipEscaped(field.value, 500, slackText);
      return { type: 'mrkdwn', text: `*${field.label}*\n${value}` };
    });
    blocks.push({ type: 'section', fields });
  }
  if (message.excerpt) {
    // mrkdwn has no headings or lists: a heading is bold, an item a bullet, the whole a quote.
    const lines = notesLines(message.excerpt, {
      heading: (text) => `>*${slackText(text)}*`,
      item: (text) => `>• ${slackText(text)}`,
      text: (text) => `>${slackText(text)}`,
    });
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Release notes*\n${linesWithin(lines, LIMIT.section - 40).join('\n')}` },
    });
  }
  const buttons = message.links
    .filter((link) => link.url.length <= LIMIT.url)
    .map((link) => ({
      type: 'button',
      text: { type: 'plain_text', text: clipText(link.label, LIMIT.button), emoji: true },
      url: link.url,
    }));
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  const status = [
    `${STATUS_EMOJI[message.tone]} *${message.statusLabel}*`,
    message.repository ? slackText(message.repository) : undefined,
    message.eventLabel,
  ]
    .filter(Boolean)
    .join('  ·  ');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: status }] });
  const fallback = clipEscaped(`${message.statusLabel}: ${message.title}`, LIMIT.fallback, slackText);
  return { text: fallback, attachments: [{ color: SLACK_COLORS[message.tone], fallback, blocks }] };
}

/** Incoming webhooks answer `ok`; a JSON `ok:false` (as the Web API answers) is a failure even with HTTP 200. */
export function classifySlackWebhook(response: HttpResponse, now: number): Attempt<HttpResponse> {
  const outcome = classifyHttp(response, now);
  const json = response.json as { ok?: unknown; error?: unknown } | undefined;
  if (!outcome.done || json?.ok !== false) return outcome;
  const error = typeof json.error === 'string' ? json.error : 'unknown_error';
  return {
    done: false,
    retryable: SLACK_TRANSIENT_ERRORS.includes(error),
    reason: `Slack answered ok:false: ${error}`,
  };
}

export function planSlack(
  destination: SlackDestination,
  message: Message,
  ref: MessageRef | undefined,
  _context: PlanContext,
): Delivery {
  const built = buildSlackMessage(message);
  const thread = ref?.thread ?? destination.thread;
  if (destination.token) {
    const channel = ref?.channel ?? destination.channel ?? '';
    const editable = ref?.id !== undefined;
    const args = editable
      ? { channel, ts: ref.id, ...built }
      : { channel, ...built, ...(thread ? { thread_ts: thread } : {}) };
    const method = editable ? 'chat.update' : 'chat.postMessage';
    const token = destination.token;
    return {
      action: editable ? 'edited' : 'posted',
      target: `Slack Web API ${method}`,
      payload: args,
      send: async (context) => {
        const { value, attempts } = await sendSlackApi(token, method, args, context);
        return {
          ref: {
            provider: 'slack',
            channel: value.channel ?? channel,
            id: value.ts ?? ref?.id,
            ...(thread ? { thread } : {}),
          },
          attempts,
        };
      },
    };
  }
  // An incoming webhook cannot edit and does not say which message it posted: an update is a new message, in the thread when one is known.
  const payload = thread ? { ...built, thread_ts: thread } : built;
  const url = destination.webhookUrl ?? '';
  return {
    action: ref && thread ? 'replied' : 'posted',
    target: 'Slack incoming webhook',
    payload,
    send: async (context) => {
      const request = {
        method: 'POST' as const,
        url,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
      };
      const { attempts } = await sendHttp(request, { ...context, classify: classifySlackWebhook });
      return { ref: { provider: 'slack', ...(thread ? { thread } : {}) }, attempts };
    },
  };
}
