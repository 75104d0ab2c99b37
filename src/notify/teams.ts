import { clipEscaped, clipText } from '../runtime/clip.js';
import type { Destination } from './destinations.js';
import { markdownUrl, teamsText } from './escaping.js';
import { notesSections } from './excerpt.js';
import { sendHttp } from './http-request.js';
import type { Message, Tone } from './message.js';
import type { MessageRef } from './message-ids.js';
import type { Delivery, PlanContext } from './provider.js';

type TeamsDestination = Extract<Destination, { provider: 'teams' }>;

const CONTAINER_STYLE: Record<Tone, string> = {
  progress: 'accent',
  success: 'good',
  failure: 'attention',
  warning: 'warning',
  neutral: 'emphasis',
};
const TEXT_COLOR: Record<Tone, string> = {
  progress: 'Accent',
  success: 'Good',
  failure: 'Attention',
  warning: 'Warning',
  neutral: 'Default',
};

/** An Adaptive Card, version 1.4 (the newest Teams renders everywhere): styled header, facts, notes, link actions. */
export function buildTeamsCard(message: Message): Record<string, unknown> {
  const body: unknown[] = [
    {
      type: 'Container',
      style: CONTAINER_STYLE[message.tone],
      bleed: true,
      items: [
        {
          type: 'TextBlock',
          text: teamsText(message.statusLabel),
          size: 'Small',
          weight: 'Bolder',
          color: TEXT_COLOR[message.tone],
          wrap: true,
        },
        {
          type: 'TextBlock',
          text: clipEscaped(message.title, 400, teamsText),
          size: 'Large',
          weight: 'Bolder',
          wrap: true,
        },
      ],
    },
  ];
  if (message.text) body.push({ type: 'TextBlock', text: clipEscaped(message.text, 4000, teamsText), wrap: true });
  if (message.fields.length > 0) {
    const facts = message.fields.map((field) => {
      const value = clipEscaped(field.value, 300, teamsText);
      return { title: field.label, value: field.url ? `[${value}](${markdownUrl(field.url)})` : value };
    });
    body.push({ type: 'FactSet', facts });
  }
  if (message.excerpt) {
    // Headings become bold TextBlocks and items the card's own Markdown list ('- ' lines joined by \r, as Teams documents).
    body.push({ type: 'TextBlock', text: 'Release notes', weight: 'Bolder', wrap: true, spacing: 'Medium' });
    for (const section of notesSections(message.excerpt)) {
      if (section.heading)
        body.push({
          type: 'TextBlock',
          text: teamsText(section.heading),
          weight: 'Bolder',
          size: 'Small',
          wrap: true,
          spacing: 'Small',
        });
      const lines = section.lines.map((line) => (line.item ? `- ${teamsText(line.text)}` : teamsText(line.text)));
      if (lines.length > 0)
        body.push({ type: 'TextBlock', text: lines.join('\r'), wrap: true, isSubtle: true, spacing: 'None' });
    }
  }
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    actions: message.links.map((link) => ({ type: 'Action.OpenUrl', title: clipText(link.label, 80), url: link.url })),
  };
}

/** The envelope the Teams Workflows "post to a channel when a webhook request is received" flow expects. */
export function buildTeamsPayload(message: Message): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: buildTeamsCard(message) },
    ],
  };
}

/** Workflows webhooks answer 202 and return no message id, so an update is a new card. */
export function planTeams(
  destination: TeamsDestination,
  message: Message,
  _ref: MessageRef | undefined,
  _context: PlanContext,
): Delivery {
  const payload = buildTeamsPayload(message);
  return {
    action: 'posted',
    target: 'Teams Workflows webhook',
    payload,
    send: async (context) => {
      const request = {
        method: 'POST' as const,
        url: destination.webhookUrl,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      };
      const { attempts } = await sendHttp(request, context);
      return { ref: { provider: 'teams' }, attempts };
    },
  };
}
