import { InputError } from '../runtime/errors.js';
import { PROVIDERS, type Provider } from './destinations.js';

/**
 * Where a message went, so a later step can change it: the `message-ids` output, keyed by destination.
 * `id` is the service's message id (Slack `ts`, Discord message id, Google Chat message name,
 * the generic webhook's own id, the email Message-ID); `thread` the thread it lives in.
 */
export interface MessageRef {
  provider: Provider;
  id?: string;
  channel?: string;
  thread?: string;
}

export type MessageRefs = Record<string, MessageRef>;

const FIX =
  "pass the 'message-ids' output of the step that sent the message, e.g. update: ${{ steps.start.outputs.message-ids }}";

/** Reads `update`: the JSON a previous step wrote to `message-ids`. */
export function parseMessageRefs(text: string): MessageRefs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError('update', `Input 'update' must be JSON; ${FIX}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InputError('update', `Input 'update' must be a JSON object of message ids; ${FIX}.`);
  const refs: MessageRefs = {};
  for (const [key, value] of Object.entries(parsed)) {
    const ref = value as Partial<MessageRef> | null;
    const strings =
      ref &&
      ['id', 'channel', 'thread'].every(
        (k) => ref[k as keyof MessageRef] === undefined || typeof ref[k as keyof MessageRef] === 'string',
      );
    if (!ref || typeof ref !== 'object' || !PROVIDERS.includes(ref.provider as Provider) || !strings) {
      throw new InputError('update', `Input 'update' has an unreadable entry for ${JSON.stringify(key)}; ${FIX}.`);
    }
    refs[key] = {
      provider: ref.provider as Provider,
      ...(ref.id ? { id: ref.id } : {}),
      ...(ref.channel ? { channel: ref.channel } : {}),
      ...(ref.thread ? { thread: ref.thread } : {}),
    };
  }
  return refs;
}
