import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { startArtifactService } from '../../support/artifact-service.js';
import { startChatSinks } from '../../support/chat-sinks.js';
import { startEmulator } from '../../support/emulator/index.js';
import { startLoopbackServer } from '../../support/loopback-server.js';
import { startSmtpSink } from '../../support/smtp-sink.js';

// Where each test-bed server really listens, read from the kernel (/proc/net/tcp and tcp6) for the
// sockets this process holds, rather than from the URL the server reports.

interface Listener {
  address: string;
  port: number;
}

function ownListeners(): Listener[] {
  const inodes = new Set(
    readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        const target = readlinkSync(`/proc/self/fd/${fd}`);
        return target.startsWith('socket:[') ? [target.slice(8, -1)] : [];
      } catch {
        return [];
      }
    }),
  );
  const found: Listener[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A' || !inodes.has(fields[9]!)) continue;
      const [hex, port] = fields[1]!.split(':') as [string, string];
      const address =
        hex.length === 8
          ? (hex.match(/../g) ?? [])
              .reverse()
              .map((byte) => parseInt(byte, 16))
              .join('.')
          : `[${hex}]`;
      found.push({ address, port: parseInt(port, 16) });
    }
  }
  return found;
}

/** This machine's addresses other than loopback: a server bound to 127.0.0.1 must refuse them. */
const externalAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((info) => info && !info.internal && info.family === 'IPv4')
  .map((info) => info!.address);

const refused = (host: string, port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

const startTimes: Array<[string, number]> = [];

/** Starts a server, recording how long it took (reported below, never asserted). */
async function timed<T>(name: string, start: () => Promise<T>): Promise<T> {
  const began = performance.now();
  const server = await start();
  startTimes.push([name, performance.now() - began]);
  return server;
}

const portOf = (url: string) => Number(new URL(url).port);

interface Case {
  name: string;
  start: () => Promise<{ ports: number[]; close: () => Promise<void> }>;
}

const cases: Case[] = [
  {
    name: 'loopback-server',
    start: async () => {
      const server = await startLoopbackServer((_request, _body, response) => void response.end('ok'));
      return { ports: [server.port], close: () => server.close() };
    },
  },
  {
    name: 'GitHub emulator',
    start: async () => {
      const github = await startEmulator();
      return { ports: [portOf(github.url)], close: () => github.close() };
    },
  },
  {
    name: 'chat sinks (Slack, Discord, Teams, Google Chat, webhook)',
    start: async () => {
      const sinks = await startChatSinks();
      const urls = [
        sinks.slack.webhookUrl,
        sinks.slack.apiUrl,
        sinks.discord.webhookUrl,
        sinks.teams.webhookUrl,
        sinks.googleChat.webhookUrl,
        sinks.webhook.url,
      ];
      return { ports: [...new Set(urls.map(portOf))], close: () => sinks.close() };
    },
  },
  {
    name: 'SMTP sink',
    start: async () => {
      const smtp = await startSmtpSink();
      expect(smtp.host).toBe('127.0.0.1');
      return { ports: [smtp.port], close: () => smtp.close() };
    },
  },
  {
    name: 'artifact service',
    start: async () => {
      const artifacts = await startArtifactService();
      return { ports: [portOf(artifacts.resultsUrl)], close: () => artifacts.close() };
    },
  },
];

describe('test-bed servers', () => {
  afterAll(() => {
    console.log(
      `Start times (recorded, not asserted):\n${startTimes.map(([name, ms]) => `  ${name}: ${ms.toFixed(1)} ms`).join('\n')}`,
    );
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))(
    '%s listens on 127.0.0.1 only, and no longer once closed',
    async (name, entry) => {
      const server = await timed(name, entry.start);
      try {
        const chat = name.startsWith('chat sinks');
        expect(server.ports.length).toBe(chat ? 5 : 1);
        for (const port of server.ports) {
          expect(
            ownListeners().filter((listener) => listener.port === port),
            `port ${port}`,
          ).toEqual([{ address: '127.0.0.1', port }]);
          for (const address of externalAddresses)
            expect(await refused(address, port), `${address}:${port}`).toBe('ECONNREFUSED');
          expect(await refused('127.0.0.1', port)).toBe('connected');
        }
      } finally {
        await server.close();
      }
      for (const port of server.ports) expect(ownListeners().filter((listener) => listener.port === port)).toEqual([]);
    },
  );
});
