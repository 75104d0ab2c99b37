import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { EmulatorCore, Reply, Routes } from './context.js';
import { HttpError } from './errors.js';
import type { FaultInjector, FaultKind } from './faults.js';
import { githubDescription, type GitHubErrorBody, type RouteMatch } from './openapi-validator.js';
import { isRefused, permissionFor, scopesAllow, tokenOf, type Access, type Scopes } from './permissions.js';
import { downloadAsset } from './routes/releases.js';
import type { Permission } from './state.js';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The OpenAPI path template matched (`/repos/{owner}/{repo}/releases`), or the path itself. */
  route: string;
  /** The OpenAPI operationId, `graphql` for GraphQL, `download` for asset downloads; undefined when nothing matched. */
  operationId: string | undefined;
  status: number;
  /** True when an injected fault answered (or delayed, or dropped) this request. */
  faulted: boolean;
  fault?: FaultKind;
}

export interface Violation {
  kind: 'request' | 'response' | 'graphql' | 'emulator';
  method: string;
  path: string;
  operationId?: string;
  problems: string[];
}

/** What the request pipeline needs from the emulator. */
export interface Pipeline {
  core: EmulatorCore;
  routes: Routes;
  requests: RequestLogEntry[];
  violations: Violation[];
  restrictions: Map<Permission, Access>;
  /** The only tokens accepted, with their scopes: the emulator's own and those a test created. */
  tokens: Map<string, Scopes>;
  faults?: FaultInjector;
  rateLimit: { core: number; graphql: number };
  graphql(body: unknown): Promise<{ body: unknown; problems: string[] }>;
  /** Test hook for the emulator's own tests: alters a response body before it is validated and sent. */
  tamper?: (operationId: string, body: unknown) => unknown;
}

const RATE_LIMIT = 5000;
const DOCS = 'https://docs.github.com/rest';
const DOWNLOAD_PATH = /^\/([^/]+)\/([^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/;

export async function handleRequest(pipeline: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', pipeline.core.apiUrl);
  const method = (req.method ?? 'GET').toUpperCase();
  const isGraphql = url.pathname === '/graphql';
  const download = method === 'GET' ? DOWNLOAD_PATH.exec(url.pathname) : null;
  const match = isGraphql || download ? undefined : githubDescription().match(method, url.pathname);
  const routeMatch = match && 'operation' in match ? match : undefined;
  const entry: RequestLogEntry = {
    method,
    path: url.pathname,
    route: routeMatch?.operation.pathTemplate ?? url.pathname,
    operationId: isGraphql ? 'graphql' : download ? 'download' : routeMatch?.operation.operationId,
    status: 0,
    faulted: false,
  };
  pipeline.requests.push(entry);
  const send = (status: number, body?: unknown, headers: Record<string, string> = {}, raw?: Buffer) => {
    entry.status = status;
    writeResponse(pipeline, res, isGraphql ? 'graphql' : 'core', status, body, headers, raw);
  };

  const fault = pipeline.faults?.next(method, url.pathname, entry.operationId);
  if (fault) {
    entry.faulted = true;
    entry.fault = fault;
    // A drop happens before the request is read or acted on: nothing changed, the client sees a reset.
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'latency') await delay(pipeline.faults?.latencyMs ?? 0);
    else return sendFault(pipeline, fault, send);
  }

  const rawBody = await readBody(req);
  if (download) {
    const [, owner = '', repo = '', tag = '', name = ''] = download.map((part) => decodeURIComponent(part));
    const asset = downloadAsset(pipeline.core.state.releases, `${owner}/${repo}`, tag, name);
    if (!asset) return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    return send(
      200,
      undefined,
      { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename=${asset.name}` },
      asset.data,
    );
  }
  const authorization = req.headers.authorization;
  if (authorization !== undefined && !pipeline.tokens.has(tokenOf(authorization) ?? '')) {
    // A token the test never created is as good as a revoked one.
    return send(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
  }
  if (isGraphql) return handleGraphql(pipeline, method, Boolean(authorization), rawBody, entry, send);

  if (!routeMatch) {
    const served = match && 'pathKnown' in match && match.pathKnown;
    recordViolation(pipeline, 'request', entry, [
      served
        ? `${method} is not an operation of ${url.pathname} in GitHub's description`
        : `no operation in GitHub's description (as far as the emulator serves it) matches ${method} ${url.pathname}`,
    ]);
    return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  }

  try {
    const reply = await handleOperation(pipeline, routeMatch, url, req, rawBody, entry);
    const operation = routeMatch.operation;
    let body = reply.body;
    if (pipeline.tamper && body !== undefined) body = pipeline.tamper(operation.operationId, body);
    if (!reply.raw && body !== undefined) {
      // Error bodies keep GitHub's generic shape (message, documentation_url, status), which it sends even where
      // an operation's description leaves `status` out.
      if (reply.status < 300) body = githubDescription().declaredResponse(operation, reply.status, body);
      const problems = githubDescription().validateResponse(operation, reply.status, body);
      if (problems.length > 0) recordViolation(pipeline, 'response', entry, problems);
    } else if (reply.status < 300 && reply.status !== 204 && !operation.responses[String(reply.status)]) {
      recordViolation(pipeline, 'response', entry, [
        `status ${reply.status} is not a documented response of ${operation.operationId}`,
      ]);
    }
    send(reply.status, body, reply.headers, reply.raw);
  } catch (error) {
    if (error instanceof HttpError) {
      const body: GitHubErrorBody = {
        message: error.message,
        documentation_url: routeMatch.operation.documentationUrl,
        status: String(error.status),
      };
      if (error.errors) body.errors = error.errors;
      const problems = githubDescription().validateResponse(routeMatch.operation, error.status, body);
      if (problems.length > 0) recordViolation(pipeline, 'response', entry, problems);
      return send(error.status, body, error.headers);
    }
    recordViolation(pipeline, 'emulator', entry, [`the emulator failed: ${(error as Error).stack ?? String(error)}`]);
    send(500, { message: 'Server Error', documentation_url: DOCS, status: '500' });
  }
}

async function handleOperation(
  pipeline: Pipeline,
  match: RouteMatch,
  url: URL,
  req: IncomingMessage,
  rawBody: Buffer,
  entry: RequestLogEntry,
): Promise<Reply> {
  const { operation, pathParams } = match;
  const description = githubDescription();
  const { params, pathErrors, queryErrors } = description.validateParameters(operation, pathParams, url.searchParams);
  if (pathErrors.length > 0) {
    // GitHub's router does not match a path whose parameters are malformed (a non-numeric id).
    recordViolation(pipeline, 'request', entry, pathErrors);
    throw new HttpError(404, 'Not Found');
  }
  let body: unknown;
  if (operation.jsonBodyPointer && rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      recordViolation(pipeline, 'request', entry, ['the body is not JSON']);
      throw new HttpError(400, 'Problems parsing JSON');
    }
  }
  const problems = [...queryErrors, ...description.validateBody(operation, body)];
  if (problems.length > 0) {
    recordViolation(pipeline, 'request', entry, problems);
    throw new HttpError(422, `Invalid request.\n\n${problems.join('\n')}`);
  }
  // GitHub ignores these and answers as usual; the emulator answers the same but fails the test.
  const undeclared = description.undeclaredInRequest(operation, url.searchParams, body);
  if (undeclared.length > 0) recordViolation(pipeline, 'request', entry, undeclared);
  if (operation.method !== 'get' && !req.headers.authorization) throw new HttpError(401, 'Requires authentication');
  const scopes = pipeline.tokens.get(tokenOf(req.headers.authorization) ?? '');
  if (
    isRefused(pipeline.restrictions, operation.operationId, entry.method) ||
    (scopes && !scopesAllow(scopes, operation.operationId, entry.method))
  ) {
    // GitHub names the permission the operation needed, so that users know what to grant.
    const needed = `${permissionFor(operation.operationId)}=${entry.method === 'GET' ? 'read' : 'write'}`;
    throw new HttpError(403, 'Resource not accessible by integration', undefined, {
      'x-accepted-github-permissions': needed,
    });
  }

  const handler = pipeline.routes[operation.operationId];
  if (!handler) throw new Error(`no handler for ${operation.operationId}`);
  const owner = params.owner;
  const repoName = params.repo;
  const repo =
    typeof owner === 'string' && typeof repoName === 'string'
      ? pipeline.core.state.repository(`${owner}/${repoName}`)
      : undefined;
  if (!repo && typeof owner === 'string') throw new HttpError(404, 'Not Found');
  // GitHub hides a private repository from anyone who cannot see it.
  if (repo?.private && !scopes) throw new HttpError(404, 'Not Found');
  return handler({
    core: pipeline.core,
    operation,
    // Only operations outside /repos/{owner}/{repo} (rate-limit/get) get here without one, and they ignore it.
    repo: repo!,
    params,
    body: (body ?? {}) as Record<string, unknown>,
    rawBody,
    url,
    headers: req.headers,
  });
}

async function handleGraphql(
  pipeline: Pipeline,
  method: string,
  authorized: boolean,
  rawBody: Buffer,
  entry: RequestLogEntry,
  send: (status: number, body?: unknown) => void,
): Promise<void> {
  if (method !== 'POST') return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  if (!authorized)
    return send(401, {
      message: 'This endpoint requires you to be authenticated.',
      documentation_url:
        'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
    });
  let request: unknown;
  try {
    request = JSON.parse(rawBody.toString('utf8'));
  } catch {
    recordViolation(pipeline, 'graphql', entry, ['the body is not JSON']);
    return send(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' });
  }
  const { body, problems } = await pipeline.graphql(request);
  if (problems.length > 0) recordViolation(pipeline, 'graphql', entry, problems);
  send(200, body);
}

function sendFault(
  pipeline: Pipeline,
  fault: FaultKind,
  send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
): void {
  const retryAfter = String(pipeline.faults?.retryAfterSeconds ?? 1);
  switch (fault) {
    case '429':
    case '403-secondary':
      return send(
        fault === '429' ? 429 : 403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: fault === '429' ? '429' : '403',
        },
        { 'retry-after': retryAfter },
      );
    case '502':
      return send(502, { message: 'Server Error' });
    case '503':
      return send(503, { message: 'Service Unavailable' });
    default:
      return send(500, { message: 'Server Error' });
  }
}

function writeResponse(
  pipeline: Pipeline,
  res: ServerResponse,
  resource: 'core' | 'graphql',
  status: number,
  body: unknown,
  headers: Record<string, string>,
  raw?: Buffer,
): void {
  if (res.headersSent || res.destroyed) return;
  pipeline.rateLimit[resource] += 1;
  const used = pipeline.rateLimit[resource];
  const payload = raw ?? (body === undefined ? undefined : Buffer.from(JSON.stringify(body)));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': `EMU:${pipeline.requests.length}`,
    // The emulator reports the primary rate limit but never enforces it.
    'x-ratelimit-limit': String(RATE_LIMIT),
    'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - used)),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-used': String(used),
    'x-ratelimit-resource': resource,
    ...(payload ? { 'content-length': String(payload.length) } : {}),
    ...headers,
  });
  res.end(payload);
}

function recordViolation(
  pipeline: Pipeline,
  kind: Violation['kind'],
  entry: RequestLogEntry,
  problems: string[],
): void {
  pipeline.violations.push({ kind, method: entry.method, path: entry.path, operationId: entry.operationId, problems });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
