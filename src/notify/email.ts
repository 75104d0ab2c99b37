import type { Destination } from './destinations.js';
import { htmlText } from './escaping.js';
import type { Message, Tone } from './message.js';
import type { MessageRef } from './message-ids.js';
import type { Delivery, PlanContext, SendContext } from './provider.js';
import { type Attempt, isTransientError, withRetry } from '../runtime/retry.js';

type EmailDestination = Extract<Destination, { provider: 'email' }>;

const COLORS: Record<Tone, string> = {
  progress: '#1D9BD1',
  success: '#2EB67D',
  failure: '#E01E5A',
  warning: '#ECB22E',
  neutral: '#868686',
};

export interface Email {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
}

/** A plain-text and an HTML part saying the same thing; the HTML escapes every untrusted value. */
export function buildEmail(
  message: Message,
  settings: { from: string; to: string[]; messageId: string; inReplyTo?: string },
): Email {
  const subject = `${message.repository ? `[${message.repository}] ` : ''}${message.title}`.replace(/[\r\n]+/g, ' ');
  const text = [
    `${message.statusLabel}: ${message.title}`,
    ...(message.text ? ['', message.text] : []),
    '',
    ...message.fields.map((field) => `${field.label}: ${field.value}${field.url ? ` <${field.url}>` : ''}`),
    ...(message.excerpt ? ['', 'Release notes:', message.excerpt] : []),
    ...(message.links.length > 0 ? ['', ...message.links.map((link) => `${link.label}: ${link.url}`)] : []),
  ].join('\n');
  const href = (url: string) => htmlText(url);
  const rows = message.fields
    .map((field) => {
      const value = field.url ? `<a href="${href(field.url)}">${htmlText(field.value)}</a>` : htmlText(field.value);
      return `<tr><th align="left" style="padding:2px 12px 2px 0">${htmlText(field.label)}</th><td>${value}</td></tr>`;
    })
    .join('');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p style="margin:0;color:${COLORS[message.tone]};font-weight:bold">${htmlText(message.statusLabel)}</p>`,
    `<h2 style="margin:4px 0 12px">${htmlText(message.title)}</h2>`,
    message.text ? `<p>${htmlText(message.text).replace(/\r?\n/g, '<br>')}</p>` : '',
    rows ? `<table>${rows}</table>` : '',
    message.excerpt
      ? `<h3>Release notes</h3><blockquote>${htmlText(message.excerpt).replace(/\r?\n/g, '<br>')}</blockquote>`
      : '',
    message.links.length > 0
      ? `<p>${message.links.map((link) => `<a href="${href(link.url)}">${htmlText(link.label)}</a>`).join(' · ')}</p>`
      : '',
    '</body></html>',
  ].join('');
  return {
    from: settings.from,
    to: settings.to,
    subject,
    text,
    html,
    messageId: settings.messageId,
    ...(settings.inReplyTo ? { inReplyTo: settings.inReplyTo, references: settings.inReplyTo } : {}),
  };
}

/** SMTP 4xx replies and dropped connections are transient; 5xx replies and bad credentials are not. */
export function classifySmtpError(error: unknown): Attempt<never> {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  const reason = `SMTP ${e.responseCode && !said.startsWith(String(e.responseCode)) ? `${e.responseCode} ` : ''}${said}`;
  if (e.responseCode) return { done: false, retryable: e.responseCode >= 400 && e.responseCode < 500, reason };
  return { done: false, retryable: isTransientError(error), reason };
}

async function sendEmail(
  destination: EmailDestination,
  email: Email,
  context: SendContext,
): Promise<{ attempts: number }> {
  const { createTransport } = await import('nodemailer');
  const { smtp } = destination;
  const { attempts } = await withRetry<true>(
    async (remainingMs) => {
      const transport = createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
        connectionTimeout: remainingMs,
        greetingTimeout: remainingMs,
        socketTimeout: remainingMs,
      });
      try {
        await transport.sendMail(email);
        return { done: true, value: true };
      } catch (error) {
        return classifySmtpError(error);
      } finally {
        transport.close();
      }
    },
    context.policy,
    { clock: context.clock, random: context.random ?? Math.random },
  );
  return { attempts };
}

/** Mail cannot be edited: an update is a reply to the first message, threaded by In-Reply-To. */
export function planEmail(
  destination: EmailDestination,
  message: Message,
  ref: MessageRef | undefined,
  context: PlanContext,
): Delivery {
  const domain = destination.from.replace(/.*@/, '').replace(/[>\s]/g, '') || 'slipway.invalid';
  const email = buildEmail(message, {
    from: destination.from,
    to: destination.to,
    messageId: `<${context.newId()}@${domain}>`,
    inReplyTo: ref?.id,
  });
  return {
    action: ref?.id ? 'replied' : 'posted',
    target: `SMTP ${destination.smtp.host}:${destination.smtp.port}`,
    payload: email,
    send: async (sendContext) => {
      const { attempts } = await sendEmail(destination, email, sendContext);
      return { ref: { provider: 'email', id: ref?.id ?? email.messageId }, attempts };
    },
  };
}
