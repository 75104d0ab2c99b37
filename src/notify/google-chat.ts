import type { Destination } from './destinations.js';
import { clipEscaped } from '../runtime/clip.js';
import { htmlText } from './escaping.js';
import { linesWithin, notesLines } from './excerpt.js';
import { sendHttp } from './http-request.js';
import type { Message, Tone } from './message.js';
import type { MessageRef } from './message-ids.js';
import type { Delivery, PlanContext } from './provider.js';

type GoogleChatDestination = Extract<Destination, { provider: 'google-chat' }>;

const COLORS: Record<Tone, string> = {
  progress: '#1D9BD1',
  success: '#188038',
  failure: '#D93025',
  warning: '#E37400',
  neutral: '#5F6368',
};

const html = (text: string, max: number) => clipEscaped(text, max, htmlText).replace(/\r?\n/g, '<br>');
const attribute = (url: string) =>
  url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '%3C').replace(/>/g, '%3E');

/**
 * A cardsV2 card. Card text is a small HTML subset, so all untrusted text is HTML-escaped and kept
 * out of the plain header; the thread key groups every message of one run.
 */
export function buildGoogleChatPayload(message: Message, threadKey: string): Record<string, unknown> {
  const widgets: unknown[] = [
    {
      textParagraph: {
        text: `<font color="${COLORS[message.tone]}"><b>${htmlText(message.statusLabel)}</b></font>  <b>${html(message.title, 500)}</b>`,
      },
    },
  ];
  if (message.text) widgets.push({ textParagraph: { text: html(message.text, 4000) } });
  for (const field of message.fields) {
    const value = html(field.value, 500);
    widgets.push({
      decoratedText: {
        topLabel: field.label,
        text: field.url ? `<a href="${attribute(field.url)}">${value}</a>` : value,
      },
    });
  }
  const sections: unknown[] = [{ widgets }];
  if (message.excerpt) {
    const lines = notesLines(message.excerpt, {
      heading: (text) => `<b>${htmlText(text)}</b>`,
      item: (text) => `• ${htmlText(text)}`,
      text: htmlText,
    });
    sections.push({
      header: 'Release notes',
      collapsible: true,
      uncollapsibleWidgetsCount: 1,
      widgets: [{ textParagraph: { text: linesWithin(lines, 2000, '<br>').join('<br>') } }],
    });
  }
  if (message.links.length > 0) {
    sections.push({
      widgets: [
        {
          buttonList: {
            buttons: message.links.map((link) => ({ text: link.label, onClick: { openLink: { url: link.url } } })),
          },
        },
      ],
    });
  }
  return {
    cardsV2: [
      {
        cardId: 'slipway-notification',
        card: {
          header: {
            title: message.repository ?? 'Slipway',
            subtitle: `${message.statusLabel} · ${message.eventLabel}`,
          },
          sections,
        },
      },
    ],
    thread: { threadKey },
  };
}

/** Webhooks cannot edit a message, so an update is a reply in the message's thread. */
export function planGoogleChat(
  destination: GoogleChatDestination,
  message: Message,
  ref: MessageRef | undefined,
  context: PlanContext,
): Delivery {
  const threadKey = ref?.thread ?? destination.thread ?? context.runThreadKey;
  const payload = buildGoogleChatPayload(message, threadKey);
  const url = new URL(destination.webhookUrl);
  url.searchParams.set('messageReplyOption', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD');
  context.mask(url.toString());
  return {
    action: ref ? 'replied' : 'posted',
    target: 'Google Chat webhook (messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD)',
    payload,
    send: async (sendContext) => {
      const request = {
        method: 'POST' as const,
        url: url.toString(),
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: JSON.stringify(payload),
      };
      const { response, attempts } = await sendHttp(request, sendContext);
      const name = (response.json as { name?: unknown } | undefined)?.name;
      return {
        ref: {
          provider: 'google-chat',
          thread: threadKey,
          ...(typeof name === 'string' ? { id: name } : ref?.id ? { id: ref.id } : {}),
        },
        attempts,
      };
    },
  };
}
