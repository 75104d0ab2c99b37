import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { seededRandom } from '../seeded-random.js';

/** One injected failure: an HTTP status rendered the provider's way, or a dropped connection. */
export interface Fault {
  status?: number;
  /** Seconds, sent the provider's way (Retry-After header, Discord's JSON retry_after). */
  retryAfter?: number;
  /** Close the connection without answering. */
  drop?: boolean;
  /**
   * Quote the request's own URL back, as careless receivers do: Express's `Cannot POST /path` 404
   * page, a 302 redirect to the URL (in `Location` and the body), or a 400 naming it in base64.
   */
  echo?: 'express-404' | 'redirect' | 'base64';
}

export interface FaultOptions {
  /** Share of requests (0..1) that fail. */
  rate: number;
  /** Faults drawn from for each failing request (default: 429 with retryAfter 1, 500, 503). */
  kinds?: Fault[];
  seed?: number;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON (or from a form), undefined when it was neither. */
  body: unknown;
  status: number;
  /** When the request arrived (Date.now()), e.g. to check a client waited out a Retry-After. */
  receivedAt: number;
  /** The fault answered instead of handling the request, if any. */
  fault?: Fault;
}

const DEFAULT_KINDS: Fault[] = [{ status: 429, retryAfter: 1 }, { status: 500 }, { status: 503 }];

/** Decides, request by request, whether a sink fails: queued faults first, then the seeded rate. */
export class FaultPlan {
  private queue: Fault[] = [];
  private rate = 0;
  private kinds = DEFAULT_KINDS;
  private random = seededRandom(1);

  failNext(faults: Fault[]): void {
    this.queue.push(...faults);
  }

  setFaults(options: FaultOptions | undefined): void {
    this.rate = options?.rate ?? 0;
    this.kinds = options?.kinds?.length ? options.kinds : DEFAULT_KINDS;
    this.random = seededRandom(options?.seed ?? 1);
  }

  next(): Fault | undefined {
    const queued = this.queue.shift();
    if (queued) return queued;
    if (this.rate <= 0 || this.random() >= this.rate) return undefined;
    return this.kinds[Math.floor(this.random() * this.kinds.length)];
  }
}

export type FaultRenderer = (fault: Fault & { status: number }, response: ServerResponse) => void;

/** Answers a fault: drops the connection, or lets the provider render the status. */
export function answerFault(
  fault: Fault,
  request: IncomingMessage,
  response: ServerResponse,
  render: FaultRenderer,
): number {
  if (fault.drop) {
    request.socket.destroy();
    return 0;
  }
  if (fault.echo) return answerEcho(fault.echo, request, response);
  render({ ...fault, status: fault.status ?? 500 }, response);
  return fault.status ?? 500;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The answers of a receiver that repeats the webhook URL it was called on (see `Fault.echo`). */
function answerEcho(echo: NonNullable<Fault['echo']>, request: IncomingMessage, response: ServerResponse): number {
  const path = request.url ?? '/';
  const url = `http://${request.headers.host ?? '127.0.0.1'}${path}`;
  switch (echo) {
    case 'express-404': {
      const page = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${request.method} ${escapeHtml(path)}</pre>\n</body>\n</html>\n`;
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return 404;
    }
    case 'redirect':
      response.writeHead(302, { 'location': url, 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Found. Redirecting to ${url}`);
      return 302;
    case 'base64':
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'unknown webhook', webhook: Buffer.from(url).toString('base64') }));
      return 400;
  }
}
