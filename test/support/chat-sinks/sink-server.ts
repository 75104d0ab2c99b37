import { parse as parseForm } from 'node:querystring';
import { startLoopbackServer } from '../loopback-server.js';
import {
  answerFault,
  FaultPlan,
  type Fault,
  type FaultOptions,
  type FaultRenderer,
  type ReceivedRequest,
} from './faults.js';

export type { Fault, FaultOptions, ReceivedRequest } from './faults.js';

export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type SinkRequest = Omit<ReceivedRequest, 'status' | 'fault' | 'receivedAt'>;

/** What every chat sink shares: its URL, the request log, fault injection and closing. */
export interface SinkControls {
  url: string;
  /** Every request received, answered or faulted, in order. */
  requests: ReceivedRequest[];
  /** The next requests fail with these faults, in order, before any handling. */
  failNext(faults: Fault[]): void;
  /** Fail a seeded share of requests (undefined turns it off). */
  setFaults(options: FaultOptions | undefined): void;
  close(): Promise<void>;
}

export function sendReply(response: import('node:http').ServerResponse, reply: Reply): void {
  if (reply.json !== undefined) {
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    response.end(JSON.stringify(reply.json));
    return;
  }
  response.writeHead(reply.status, {
    ...(reply.text !== undefined ? { 'content-type': 'text/html' } : {}),
    ...reply.headers,
  });
  response.end(reply.text ?? '');
}

function parseBody(rawBody: string, contentType: string | undefined): unknown {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return { ...parseForm(rawBody) };
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return undefined;
  }
}

export async function startSinkServer(
  handle: (request: SinkRequest) => Reply,
  renderFault: FaultRenderer,
): Promise<SinkControls> {
  const requests: ReceivedRequest[] = [];
  const faults = new FaultPlan();
  const server = await startLoopbackServer((request, raw, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const receivedAt = Date.now();
    const rawBody = raw.toString('utf8');
    const received: SinkRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      rawBody,
      body: parseBody(rawBody, request.headers['content-type']),
    };
    const fault = faults.next();
    if (fault) {
      requests.push({ ...received, receivedAt, status: answerFault(fault, request, response, renderFault), fault });
      return;
    }
    const reply = handle(received);
    requests.push({ ...received, receivedAt, status: reply.status });
    sendReply(response, reply);
  });
  return {
    url: server.url,
    requests,
    failNext: (list) => faults.failNext(list),
    setFaults: (options) => faults.setFaults(options),
    close: () => server.close(),
  };
}
