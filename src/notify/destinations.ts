import { parse as parseYaml } from 'yaml';
import { InputError } from '../runtime/errors.js';

export const PROVIDERS = ['slack', 'teams', 'discord', 'google-chat', 'webhook', 'email'] as const;
export type Provider = (typeof PROVIDERS)[number];

interface Common {
  /** Key in `message-ids` and `results`: the `name` given, else the provider (numbered when repeated). */
  id: string;
  /** How errors and the summary name it: never by URL, which is a secret. */
  label: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  password?: string;
}

export type Destination =
  | (Common & { provider: 'slack'; webhookUrl?: string; token?: string; channel?: string; thread?: string })
  | (Common & { provider: 'teams'; webhookUrl: string })
  | (Common & { provider: 'discord'; webhookUrl: string; thread?: string })
  | (Common & { provider: 'google-chat'; webhookUrl: string; thread?: string })
  | (Common & { provider: 'webhook'; webhookUrl: string; secret?: string })
  | (Common & { provider: 'email'; smtp: SmtpSettings; from: string; to: string[] });

type Unnamed = (Destination extends infer D ? (D extends Destination ? Omit<D, 'id'> : never) : never) & {
  name?: string;
};

/** Settings of one destination, named like the action's inputs. */
export type Settings = Record<string, unknown>;

/** Values that must be masked the moment they are read. */
export const SECRET_SETTINGS = ['webhook-url', 'slack-token', 'webhook-secret', 'smtp-password'] as const;

const ALLOWED: Record<Provider, string[]> = {
  'slack': ['webhook-url', 'slack-token', 'channel', 'thread'],
  'teams': ['webhook-url'],
  'discord': ['webhook-url', 'thread'],
  'google-chat': ['webhook-url', 'thread'],
  'webhook': ['webhook-url', 'webhook-secret'],
  'email': ['smtp-host', 'smtp-port', 'smtp-secure', 'smtp-username', 'smtp-password', 'email-from', 'email-to'],
};

const URL_IN_TEXT = /https?:\/\/[^\s'"<>]+/g;

class Reader {
  constructor(
    private readonly settings: Settings,
    private readonly where: string,
    private readonly input: string,
  ) {}

  fail(message: string): never {
    throw new InputError(this.input, `${this.where}: ${message}`);
  }

  text(key: string): string | undefined {
    const value = this.settings[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      this.fail(`'${key}' must be a single value.`);
    return String(value).trim() || undefined;
  }

  required(key: string): string {
    return this.text(key) ?? this.fail(`'${key}' is required.`);
  }

  /** Checked without ever quoting the value: webhook URLs carry their credentials. */
  url(key: string): string {
    const value = this.required(key);
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol))
      this.fail(`'${key}' must be an http(s) URL (value hidden: it is a secret).`);
    return value;
  }
}

function emailList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : (typeof value === 'string' ? value : '').split(/[\r\n,;]+/);
  return items.map((item) => item.trim()).filter(Boolean);
}

function toDestination(settings: Settings, index: number, where: string, input: string): Unnamed {
  const read = new Reader(settings, where, input);
  const provider = read.required('provider') as Provider;
  if (!PROVIDERS.includes(provider))
    read.fail(
      `'provider' must be one of ${PROVIDERS.map((p) => `\`${p}\``).join(', ')}; got ${JSON.stringify(provider)}.`,
    );
  for (const key of Object.keys(settings)) {
    if (key !== 'provider' && key !== 'name' && !ALLOWED[provider].includes(key)) {
      read.fail(`'${key}' is not a setting of ${provider}; accepted: ${ALLOWED[provider].join(', ')}.`);
    }
  }
  const name = read.text('name');
  const label = name ? (name === provider ? name : `${name} (${provider})`) : `${provider} #${index + 1}`;
  const common = { name, label };
  switch (provider) {
    case 'slack': {
      const token = read.text('slack-token');
      const channel = read.text('channel');
      if (token && !channel)
        read.fail("'channel' is required with 'slack-token' (chat.postMessage posts to a channel).");
      if (!token) return { ...common, provider, webhookUrl: read.url('webhook-url'), thread: read.text('thread') };
      if (read.text('webhook-url')) read.fail("give either 'webhook-url' or 'slack-token', not both.");
      return { ...common, provider, token, channel, thread: read.text('thread') };
    }
    case 'teams': {
      const webhookUrl = read.url('webhook-url');
      // Connector URLs stopped working when Microsoft retired Office 365 connectors; say what replaces them.
      if (/(^|\.)(webhook\.office\.com|outlook\.office(365)?\.com)$/i.test(new URL(webhookUrl).hostname)) {
        read.fail(
          "'webhook-url' is an Office 365 connector URL, which Teams no longer accepts; create a Workflows webhook instead (see the notify README) (value hidden: it is a secret).",
        );
      }
      return { ...common, provider, webhookUrl };
    }
    case 'discord':
    case 'google-chat':
      return { ...common, provider, webhookUrl: read.url('webhook-url'), thread: read.text('thread') };
    case 'webhook':
      return { ...common, provider, webhookUrl: read.url('webhook-url'), secret: read.text('webhook-secret') };
    case 'email': {
      const secureText = read.text('smtp-secure');
      if (secureText && !['true', 'false'].includes(secureText))
        read.fail(`'smtp-secure' must be \`true\` or \`false\`; got ${JSON.stringify(secureText)}.`);
      const portText = read.text('smtp-port');
      const port = portText === undefined ? (secureText === 'true' ? 465 : 587) : Number(portText);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        read.fail(`'smtp-port' must be a port number from 1 to 65535; got ${JSON.stringify(portText)}.`);
      const to = emailList(settings['email-to']);
      if (to.length === 0) read.fail("'email-to' is required: one or more addresses.");
      const smtp = {
        host: read.required('smtp-host'),
        port,
        secure: secureText ? secureText === 'true' : port === 465,
        username: read.text('smtp-username'),
        password: read.text('smtp-password'),
      };
      return { ...common, provider, smtp, from: read.required('email-from'), to };
    }
  }
}

function withIds(parsed: Unnamed[], input: string): Destination[] {
  const counts = new Map<string, number>();
  for (const d of parsed) counts.set(d.provider, (counts.get(d.provider) ?? 0) + 1);
  const seen = new Set<string>();
  return parsed.map(({ name, ...d }, index) => {
    const id = name ?? (counts.get(d.provider) === 1 ? d.provider : `${d.provider}-${index + 1}`);
    if (seen.has(id))
      throw new InputError(
        input,
        `Destination ${index + 1} in '${input}' reuses the name ${JSON.stringify(id)}; names must be unique.`,
      );
    seen.add(id);
    return { ...d, id };
  });
}

/**
 * Hands every URL in the `destinations` text and every secret setting to `mask`; called as soon as
 * the text is read, before anything can fail and print part of it.
 */
export function maskDestinationSecrets(text: string, mask: (secret: string) => void): void {
  for (const url of text.match(URL_IN_TEXT) ?? []) mask(url);
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    return;
  }
  if (!Array.isArray(parsed)) return;
  for (const item of parsed) {
    if (item && typeof item === 'object') for (const key of SECRET_SETTINGS) maskValue((item as Settings)[key], mask);
  }
}

/** Parses the `destinations` YAML list, masking its secrets first so no error path can print one. */
export function parseDestinations(text: string, mask: (secret: string) => void, input = 'destinations'): Destination[] {
  maskDestinationSecrets(text, mask);
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new InputError(input, `Input '${input}' must be a YAML list of destinations; it does not parse: ${reason}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new InputError(
      input,
      `Input '${input}' must be a non-empty YAML list of destinations, each with a 'provider'.`,
    );
  const list = parsed.map((item, index) => {
    const where = `Destination ${index + 1} in '${input}'`;
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw new InputError(input, `${where}: must be a mapping with a 'provider'.`);
    return toDestination(item as Settings, index, where, input);
  });
  return withIds(list, input);
}

function maskValue(value: unknown, mask: (secret: string) => void): void {
  if (typeof value === 'string' && value.trim()) mask(value.trim());
}

/** The single destination described by `provider` and the per-provider inputs (already masked by the shell). */
export function singleDestination(settings: Settings): Destination {
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined && value !== ''));
  const provider = typeof given.provider === 'string' ? given.provider : '';
  const relevant = PROVIDERS.includes(provider as Provider) ? ALLOWED[provider as Provider] : [];
  const own = Object.fromEntries(Object.entries(given).filter(([key]) => key === 'provider' || relevant.includes(key)));
  return withIds([toDestination(own, 0, `Provider '${provider}'`, 'provider')], 'provider')[0] as Destination;
}
