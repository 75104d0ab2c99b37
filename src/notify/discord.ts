import { clipEscaped, clipText } from '../runtime/clip.js';
import type { Destination } from './destinations.js';
import { discordText, markdownUrl } from './escaping.js';
import { linesWithin, notesSections } from './excerpt.js';
import { type HttpRequest, sendHttp } from './http-request.js';
import type { Message, Tone } from './message.js';
import type { MessageRef } from './message-ids.js';
import type { Delivery, PlanContext } from './provider.js';

type DiscordDestination = Extract<Destination, { provider: 'discord' }>;

export const DISCORD_COLORS: Record<Tone, number> = {
  progress: 0x1d9bd1,
  success: 0x2eb67d,
  failure: 0xe01e5a,
  warning: 0xecb22e,
  neutral: 0x868686,
};

/** Discord's embed limits: title 256, description 4,096, 25 fields (name 256, value 1,024), footer 2,048, 6,000 in all. */
const LIMIT = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048 };

function link(label: string, url: string, max: number): string {
  return `[${clipEscaped(label, max - url.length - 4, discordText)}](${markdownUrl(url)})`;
}

/** The release notes as embed fields: one per heading (its name), items as Discord's own `- ` list. */
function notesFields(excerpt: string): Array<{ name: string; value: string; inline: boolean }> {
  return notesSections(excerpt)
    .filter((section) => section.lines.length > 0)
    .slice(0, 4)
    .map((section, index) => {
      const lines = section.lines.map((line) => `${line.item ? '- ' : ''}${discordText(line.text)}`);
      const name = section.heading
        ? clipEscaped(section.heading, 200, discordText)
        : index === 0
          ? 'Release notes'
          : '…';
      return {
        name,
        value:
          linesWithin(lines, LIMIT.fieldValue).join('\n') ||
          clipEscaped(section.lines[0]?.text ?? '…', 1000, discordText),
        inline: false,
      };
    });
}

/** One embed with colour and status, fields and links; `allowed_mentions: {parse: []}` so nothing in it can ping. */
export function buildDiscordPayload(message: Message, now: Date): Record<string, unknown> {
  const notes = message.excerpt ? notesFields(message.excerpt) : [];
  const fields = message.fields.slice(0, LIMIT.fields - 1 - notes.length).map((field) => ({
    name: clipText(field.label, LIMIT.fieldName),
    value:
      field.url && field.url.length < 500
        ? link(field.value, field.url, 400)
        : clipEscaped(field.value, 400, discordText),
    inline: true,
  }));
  fields.push(...notes);
  const links = message.links.filter((l) => l.url.length < 300).map((l) => link(l.label, l.url, 330));
  if (links.length > 0) fields.push({ name: 'Links', value: links.join('  ·  '), inline: false });
  const embed: Record<string, unknown> = {
    title: clipEscaped(message.title, LIMIT.title, discordText),
    color: DISCORD_COLORS[message.tone],
    fields,
    footer: {
      text: clipText(
        [message.statusLabel, message.repository, message.eventLabel].filter(Boolean).join(' · '),
        LIMIT.footer,
      ),
    },
    timestamp: now.toISOString(),
  };
  if (message.text) embed.description = clipEscaped(message.text, 3000, discordText);
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}

/** Posts with `?wait=true` (so Discord returns the message and its id) or edits that message with PATCH. */
export function planDiscord(
  destination: DiscordDestination,
  message: Message,
  ref: MessageRef | undefined,
  context: PlanContext,
): Delivery {
  const payload = buildDiscordPayload(message, context.now);
  const thread = ref?.thread ?? destination.thread;
  const url = new URL(destination.webhookUrl);
  const editing = ref?.id !== undefined;
  if (editing) url.pathname = `${url.pathname.replace(/\/+$/, '')}/messages/${encodeURIComponent(ref.id ?? '')}`;
  else url.searchParams.set('wait', 'true');
  if (thread) url.searchParams.set('thread_id', thread);
  context.mask(url.toString());
  const method = editing ? 'PATCH' : 'POST';
  return {
    action: editing ? 'edited' : 'posted',
    target: editing ? 'Discord webhook: PATCH /messages/{id}' : 'Discord webhook: POST ?wait=true',
    payload,
    send: async (sendContext) => {
      const request: HttpRequest = {
        method,
        url: url.toString(),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      };
      const { response, attempts } = await sendHttp(request, sendContext);
      const id = (response.json as { id?: unknown } | undefined)?.id;
      return {
        ref: { provider: 'discord', id: typeof id === 'string' ? id : ref?.id, ...(thread ? { thread } : {}) },
        attempts,
      };
    },
  };
}
