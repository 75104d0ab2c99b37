import { startDiscordSink, type DiscordSink } from './chat-sinks/discord.js';
import type { FaultOptions } from './chat-sinks/faults.js';
import { startGoogleChatSink, type GoogleChatSink } from './chat-sinks/google-chat.js';
import { startSlackSink, type SlackSink, type SlackSinkOptions } from './chat-sinks/slack.js';
import { startTeamsSink, type TeamsSink } from './chat-sinks/teams.js';
import { startWebhookSink, type WebhookSink } from './chat-sinks/webhook.js';

export type { Fault, FaultOptions, ReceivedRequest } from './chat-sinks/faults.js';
export type { DiscordMessage, DiscordSink } from './chat-sinks/discord.js';
export type { GoogleChatMessage, GoogleChatSink } from './chat-sinks/google-chat.js';
export type { SlackMessage, SlackSink } from './chat-sinks/slack.js';
export type { TeamsMessage, TeamsSink } from './chat-sinks/teams.js';
export type { WebhookDelivery, WebhookSink } from './chat-sinks/webhook.js';
export { slipwaySignature } from './chat-sinks/webhook.js';

export interface ChatSinks {
  slack: SlackSink;
  discord: DiscordSink;
  teams: TeamsSink;
  googleChat: GoogleChatSink;
  webhook: WebhookSink;
  /** The same seeded fault rate on every sink (each sink draws from its own generator). */
  setFaults(options: FaultOptions | undefined): void;
  close(): Promise<void>;
}

export interface ChatSinksOptions {
  slack?: SlackSinkOptions;
  /** Makes the generic webhook require X-Slipway-Signature. */
  webhookSecret?: string;
  faults?: FaultOptions;
}

/** Every chat sink, each a real HTTP server on 127.0.0.1. */
export async function startChatSinks(options: ChatSinksOptions = {}): Promise<ChatSinks> {
  const [slack, discord, teams, googleChat, webhook] = await Promise.all([
    startSlackSink(options.slack),
    startDiscordSink(),
    startTeamsSink(),
    startGoogleChatSink(),
    startWebhookSink({ secret: options.webhookSecret }),
  ]);
  const all = [slack, discord, teams, googleChat, webhook];
  const sinks: ChatSinks = {
    slack,
    discord,
    teams,
    googleChat,
    webhook,
    setFaults: (faults) => all.forEach((sink) => sink.setFaults(faults)),
    close: async () => {
      await Promise.all(all.map((sink) => sink.close()));
    },
  };
  if (options.faults) sinks.setFaults(options.faults);
  return sinks;
}
