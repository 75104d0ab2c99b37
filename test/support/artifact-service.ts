import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { FaultInjector, type FaultKind, type FaultOptions } from './emulator/faults.js';
import { parseJson, sendJson, startLoopbackServer } from './loopback-server.js';

/**
 * The Actions artifact backend `@actions/artifact` v6 talks to: the Twirp JSON service
 * github.actions.results.api.v1.ArtifactService at ACTIONS_RESULTS_URL, and the Azure Blob storage
 * its signed URLs point at (block uploads from BlockBlobClient.uploadStream, plain PUT, GET).
 */

const SERVICE_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';
const ACCOUNT = 'devstoreaccount1';
const CONTAINER = 'actions-results';
const SIGNED_URL_LIFETIME_MS = 60 * 60 * 1000;

import type { ArtifactRecord } from './emulator/context.js';

export type { ArtifactRecord };

export interface ArtifactRequest {
  method: string;
  /** The Twirp method (`CreateArtifact`, ...) or the blob operation (`PutBlock`, `PutBlockList`, `PutBlob`, `GetBlob`). */
  operation: string;
  /** 0 when the connection was dropped. */
  status: number;
  /** True when an injected fault answered (or delayed, or dropped) this request. */
  faulted: boolean;
  fault?: FaultKind;
}

/**
 * Seeded faults, with the emulator's options (test/support/emulator/faults.ts), one setting per
 * surface: `routes` match the Twirp method or blob operation (`CreateArtifact`, `PutBlock`) or
 * `METHOD /path`. A fault answers before the request is acted on, so nothing changes: 5xx and 429
 * (with `retry-after`) the service's way (Twirp `{ code, msg }`, Azure's XML error; 502 is a front
 * end's HTML), `drop` resets the connection, `latency` delays the real answer. There is no
 * secondary rate limit here: `403-secondary` is refused.
 *
 * What `@actions/artifact` 6 retries: its Twirp client 500, 502, 503, 504 and 429 (up to 5 attempts,
 * 3 s, 4.5 s... apart, ignoring `retry-after`) but not a reset connection (ECONNRESET becomes a
 * NetworkError at once); the Azure SDK under its blob upload 500, 503 and reset connections (up to
 * 4 tries, the first retry at once), but not 502 or 429.
 */
export interface ArtifactFaults {
  twirp?: FaultOptions;
  blob?: FaultOptions;
}

export interface ArtifactServiceOptions {
  faults?: ArtifactFaults;
}

export interface ArtifactService {
  /** ACTIONS_RESULTS_URL. */
  resultsUrl: string;
  /** An ACTIONS_RUNTIME_TOKEN for a job of a workflow run (the harness calls this with GITHUB_RUN_ID and GITHUB_JOB). */
  runtimeToken(runId: string, job: string): string;
  /** Finalized artifacts, oldest first. */
  list(): ArtifactRecord[];
  /** The stored bytes of an artifact (the zip `@actions/artifact` built, or the raw file). */
  content(id: number): Buffer;
  requests: ArtifactRequest[];
  /** Starts injecting faults (replacing earlier settings, each surface's generator from its seed); `setFaults(undefined)` stops. */
  setFaults(faults: ArtifactFaults | undefined): void;
  close(): Promise<void>;
}

interface StoredArtefact {
  id: number;
  name: string;
  runId: number;
  runBackendId: string;
  jobBackendId: string;
  createdAt: string;
  blobPath: string;
  finalized: boolean;
  size: number;
  digest?: string;
}

interface Blob {
  content: Buffer;
  contentType: string;
  uncommittedBlocks: Map<string, Buffer>;
  committed: boolean;
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const twirp = {
  invalidArgument: (message: string) => new TwirpError(400, 'invalid_argument', message),
  unauthenticated: (message: string) => new TwirpError(401, 'unauthenticated', message),
  permissionDenied: (message: string) => new TwirpError(403, 'permission_denied', message),
  notFound: (message: string) => new TwirpError(404, 'not_found', message),
  alreadyExists: (message: string) => new TwirpError(409, 'already_exists', message),
  failedPrecondition: (message: string) => new TwirpError(412, 'failed_precondition', message),
};

/** A backend id shaped like the service's UUIDs, stable for a given run (and job). */
function backendId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

function injector(surface: string, options: FaultOptions | undefined): FaultInjector | undefined {
  if (!options) return undefined;
  if (options.kinds.includes('403-secondary')) {
    throw new Error(`${surface} faults: the artifact service has no secondary rate limit; use '429' for throttling`);
  }
  return new FaultInjector(options);
}

export async function startArtifactService(options: ArtifactServiceOptions = {}): Promise<ArtifactService> {
  const secret = randomBytes(32);
  const artifacts: StoredArtefact[] = [];
  const blobs = new Map<string, Blob>();
  const runIdsByBackendId = new Map<string, number>();
  const requests: ArtifactRequest[] = [];
  let nextId = 1001;
  let faults: { twirp?: FaultInjector; blob?: FaultInjector } = {};
  const setFaults = (settings: ArtifactFaults | undefined) => {
    faults = { twirp: injector('twirp', settings?.twirp), blob: injector('blob', settings?.blob) };
  };
  setFaults(options.faults);

  const sign = (value: string): string => createHmac('sha256', secret).update(value).digest('base64url');

  function runtimeToken(runId: string, job: string): string {
    const run = backendId('run', runId);
    runIdsByBackendId.set(run, Number(runId));
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({
        scp: `Actions.ExampleScope Actions.Results:${run}:${backendId('job', runId, job)}`,
        iat: now,
        exp: now + 6 * 3600,
      }),
    );
    return `${header}.${payload}.${sign(`${header}.${payload}`)}`;
  }

  /** The run and job the bearer token is scoped to, as the service reads its `scp` claim. */
  function tokenScope(request: IncomingMessage): { run: string; job: string } {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw twirp.unauthenticated('missing bearer token');
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature || !safeEqual(signature, sign(`${header}.${payload}`))) {
      throw twirp.unauthenticated('invalid token signature');
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: string };
    const scope = claims.scp?.split(' ').find((part) => part.startsWith('Actions.Results:'));
    const [, run, job] = scope?.split(':') ?? [];
    if (!run || !job) throw twirp.permissionDenied('token has no Actions.Results scope');
    return { run, job };
  }

  function signedUrl(blobPath: string, permissions: string): string {
    const expiry = new Date(Date.now() + SIGNED_URL_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const query = new URLSearchParams({ sv: '2024-11-04', se: expiry, sr: 'b', sp: permissions });
    query.set('sig', sign(`${permissions}\n${expiry}\n${blobPath}`));
    return `${server.url}${blobPath}?${query.toString()}`;
  }

  function finalizedIn(run: string, filter: { name?: string; id?: number } = {}): StoredArtefact[] {
    return artifacts.filter(
      (artifact) =>
        artifact.finalized &&
        artifact.runBackendId === run &&
        (filter.name === undefined || artifact.name === filter.name) &&
        (filter.id === undefined || artifact.id === filter.id),
    );
  }

  const methods: Record<string, (body: Record<string, unknown>, scope: { run: string; job: string }) => unknown> = {
    CreateArtifact(body, scope) {
      const { run, job, name } = identify(body, scope);
      if (body.version !== 7) throw twirp.invalidArgument(`unsupported artifact version ${String(body.version)}`);
      if (finalizedIn(run, { name }).length > 0) {
        throw twirp.alreadyExists('an artifact with this name already exists on the workflow run');
      }
      const id = nextId++;
      const mimeType = typeof body.mime_type === 'string' ? body.mime_type : 'application/zip';
      const fileName = mimeType === 'application/zip' ? `${name}.zip` : name;
      const blobPath = `/${ACCOUNT}/${CONTAINER}/${run}/${job}/${id}/${encodeURIComponent(fileName)}`;
      artifacts.push({
        id,
        name,
        runId: runIdsByBackendId.get(run) ?? 0,
        runBackendId: run,
        jobBackendId: job,
        createdAt: new Date().toISOString(),
        blobPath,
        finalized: false,
        size: 0,
      });
      return { ok: true, signed_upload_url: signedUrl(blobPath, 'cw') };
    },
    FinalizeArtifact(body, scope) {
      const { run, job, name } = identify(body, scope);
      const artifact = artifacts.find(
        (candidate) =>
          !candidate.finalized &&
          candidate.runBackendId === run &&
          candidate.jobBackendId === job &&
          candidate.name === name,
      );
      if (!artifact) throw twirp.notFound(`no pending artifact named ${name} for this job`);
      const blob = blobs.get(artifact.blobPath);
      if (!blob?.committed) throw twirp.failedPrecondition(`artifact ${name} was not uploaded`);
      if (String(body.size) !== String(blob.content.length)) {
        throw twirp.invalidArgument(
          `size ${String(body.size)} does not match the ${blob.content.length} bytes uploaded`,
        );
      }
      artifact.finalized = true;
      artifact.size = blob.content.length;
      artifact.digest = typeof body.hash === 'string' ? body.hash : undefined;
      return { ok: true, artifact_id: String(artifact.id) };
    },
    ListArtifacts(body, scope) {
      const run = ownRun(body, scope);
      const listed = finalizedIn(run, {
        name: typeof body.name_filter === 'string' ? body.name_filter : undefined,
        id: body.id_filter === undefined ? undefined : Number(body.id_filter),
      });
      return {
        artifacts: listed.map((artifact) => ({
          workflow_run_backend_id: artifact.runBackendId,
          workflow_job_run_backend_id: artifact.jobBackendId,
          database_id: String(artifact.id),
          name: artifact.name,
          size: String(artifact.size),
          created_at: artifact.createdAt,
          ...(artifact.digest ? { digest: artifact.digest } : {}),
        })),
      };
    },
    GetSignedArtifactURL(body, scope) {
      const run = ownRun(body, scope);
      const [artifact] = finalizedIn(run, { name: typeof body.name === 'string' ? body.name : '' });
      if (!artifact) throw twirp.notFound(`artifact ${String(body.name)} not found`);
      return { signed_url: signedUrl(artifact.blobPath, 'r') };
    },
    DeleteArtifact(body, scope) {
      const run = ownRun(body, scope);
      const [artifact] = finalizedIn(run, { name: typeof body.name === 'string' ? body.name : '' });
      if (!artifact) throw twirp.notFound(`artifact ${String(body.name)} not found`);
      artifacts.splice(artifacts.indexOf(artifact), 1);
      blobs.delete(artifact.blobPath);
      return { ok: true, artifact_id: String(artifact.id) };
    },
  };

  function ownRun(body: Record<string, unknown>, scope: { run: string }): string {
    if (body.workflow_run_backend_id !== scope.run)
      throw twirp.permissionDenied('the token is not scoped to this workflow run');
    return scope.run;
  }

  function identify(body: Record<string, unknown>, scope: { run: string; job: string }) {
    const run = ownRun(body, scope);
    if (body.workflow_job_run_backend_id !== scope.job)
      throw twirp.permissionDenied('the token is not scoped to this job');
    if (typeof body.name !== 'string' || body.name === '') throw twirp.invalidArgument('name is required');
    return { run, job: scope.job, name: body.name };
  }

  function handleTwirp(request: IncomingMessage, body: Buffer, response: ServerResponse, method: string): number {
    try {
      if (request.method !== 'POST')
        throw new TwirpError(404, 'bad_route', `no handler for ${request.method} ${request.url}`);
      const handler = methods[method];
      if (!handler) throw new TwirpError(404, 'bad_route', `no handler for ${method}`);
      if (!request.headers['content-type']?.startsWith('application/json')) {
        throw new TwirpError(404, 'bad_route', 'only the JSON protocol is served');
      }
      const input = parseJson(body);
      if (!input || typeof input !== 'object') throw twirp.invalidArgument('the body is not a JSON object');
      sendJson(response, 200, handler(input as Record<string, unknown>, tokenScope(request)));
      return 200;
    } catch (error) {
      if (!(error instanceof TwirpError)) throw error;
      sendJson(response, error.status, { code: error.code, msg: error.message });
      return error.status;
    }
  }

  function handleBlob(
    request: IncomingMessage,
    body: Buffer,
    response: ServerResponse,
  ): { operation: string; status: number } {
    const url = new URL(request.url ?? '/', server.url);
    const blobPath = url.pathname;
    const query = url.searchParams;
    const comp = query.get('comp');
    const operation = blobOperation(request);
    const needed = request.method === 'GET' ? 'r' : 'w';
    const permissions = query.get('sp') ?? '';
    const expiry = query.get('se') ?? '';
    const signature = query.get('sig') ?? '';
    if (
      !permissions.includes(needed) ||
      !safeEqual(signature, sign(`${permissions}\n${expiry}\n${blobPath}`)) ||
      Date.parse(expiry) < Date.now()
    ) {
      return azureError(response, 403, 'AuthenticationFailed', 'Server failed to authenticate the request.', operation);
    }
    const requestId = randomBytes(16).toString('hex');
    const written = {
      'x-ms-request-id': requestId,
      'x-ms-version': '2024-11-04',
      'etag': `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
      'last-modified': new Date().toUTCString(),
    };

    if (request.method === 'GET') {
      const blob = blobs.get(blobPath);
      if (!blob?.committed)
        return azureError(response, 404, 'BlobNotFound', 'The specified blob does not exist.', operation);
      const fileName = decodeURIComponent(blobPath.split('/').pop() ?? 'artifact');
      response.writeHead(200, {
        'content-type': blob.contentType,
        'content-length': String(blob.content.length),
        'content-disposition': `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        'x-ms-blob-type': 'BlockBlob',
        ...written,
      });
      response.end(blob.content);
      return { operation, status: 200 };
    }
    if (request.method !== 'PUT')
      return azureError(
        response,
        405,
        'UnsupportedHttpVerb',
        "The resource doesn't support the specified HTTP verb.",
        operation,
      );

    const blob = blobs.get(blobPath) ?? {
      content: Buffer.alloc(0),
      contentType: 'application/octet-stream',
      uncommittedBlocks: new Map(),
      committed: false,
    };
    blobs.set(blobPath, blob);
    const contentType = headerValue(request, 'x-ms-blob-content-type');
    if (comp === 'block') {
      const blockId = query.get('blockid');
      if (!blockId) return azureError(response, 400, 'InvalidQueryParameterValue', 'blockid is required.', operation);
      blob.uncommittedBlocks.set(blockId, body);
      response.writeHead(201, written).end();
      return { operation, status: 201 };
    }
    if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map(
        (match) => match[2]!,
      );
      const missing = ids.find((id) => !blob.uncommittedBlocks.has(id));
      if (missing !== undefined)
        return azureError(response, 400, 'InvalidBlockList', 'The specified block list is invalid.', operation);
      blob.content = Buffer.concat(ids.map((id) => blob.uncommittedBlocks.get(id)!));
      blob.uncommittedBlocks.clear();
      blob.committed = true;
      if (contentType) blob.contentType = contentType;
      response.writeHead(201, written).end();
      return { operation, status: 201 };
    }
    if (headerValue(request, 'x-ms-blob-type') !== 'BlockBlob') {
      return azureError(
        response,
        400,
        'MissingRequiredHeader',
        "An HTTP header that's mandatory for this request is not specified.",
        operation,
      );
    }
    blob.content = body;
    blob.committed = true;
    blob.contentType = contentType ?? headerValue(request, 'content-type') ?? blob.contentType;
    response.writeHead(201, written).end();
    return { operation, status: 201 };
  }

  const server = await startLoopbackServer(async (request, body, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const method = request.method ?? '';
    if (path.startsWith(SERVICE_PREFIX)) {
      const operation = path.slice(SERVICE_PREFIX.length);
      const entry: ArtifactRequest = { method, operation, status: 0, faulted: false };
      requests.push(entry);
      if (await injectFault(faults.twirp, entry, path, request, response, renderTwirpFault)) return;
      entry.status = handleTwirp(request, body, response, operation);
      return;
    }
    if (path.startsWith(`/${ACCOUNT}/${CONTAINER}/`)) {
      const entry: ArtifactRequest = { method, operation: blobOperation(request), status: 0, faulted: false };
      requests.push(entry);
      if (await injectFault(faults.blob, entry, path, request, response, renderBlobFault)) return;
      entry.status = handleBlob(request, body, response).status;
      return;
    }
    sendJson(response, 404, { code: 'bad_route', msg: `no handler for ${method} ${path}` });
  });

  return {
    resultsUrl: `${server.url}/`,
    runtimeToken,
    list: () =>
      artifacts
        .filter((artifact) => artifact.finalized)
        .map((artifact) => ({
          id: artifact.id,
          name: artifact.name,
          runId: artifact.runId,
          size: artifact.size,
          digest: artifact.digest,
          createdAt: artifact.createdAt,
          downloadUrl: signedUrl(artifact.blobPath, 'r'),
        })),
    content(id) {
      const artifact = artifacts.find((candidate) => candidate.id === id && candidate.finalized);
      if (!artifact) throw new Error(`No finalized artifact ${id}`);
      return blobs.get(artifact.blobPath)!.content;
    },
    requests,
    setFaults,
    close: () => server.close(),
  };
}

function blobOperation(request: IncomingMessage): string {
  const comp = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('comp');
  return request.method === 'GET'
    ? 'GetBlob'
    : comp === 'block'
      ? 'PutBlock'
      : comp === 'blocklist'
        ? 'PutBlockList'
        : 'PutBlob';
}

type FaultRenderer = (
  fault: Exclude<FaultKind, 'drop' | 'latency'>,
  response: ServerResponse,
  retryAfter: string,
) => void;

/**
 * Draws for this request and answers the fault, if any; true when the request is answered (or
 * dropped). A latency fault only delays: the request is then served as usual.
 */
async function injectFault(
  injector: FaultInjector | undefined,
  entry: ArtifactRequest,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  render: FaultRenderer,
): Promise<boolean> {
  const fault = injector?.next(entry.method, path, entry.operation);
  if (!fault) return false;
  entry.faulted = true;
  entry.fault = fault;
  if (fault === 'latency') {
    await delay(injector!.latencyMs);
    return false;
  }
  if (fault === 'drop') {
    // The body was read, but nothing is acted on: the client sees its connection reset.
    request.socket.destroy();
    return true;
  }
  render(fault, response, String(injector!.retryAfterSeconds));
  entry.status = response.statusCode;
  return true;
}

/** A 502 comes from the front end, not the service: HTML, as a proxy answers. */
function badGateway(response: ServerResponse): void {
  response.writeHead(502, { 'content-type': 'text/html' });
  response.end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
}

const renderTwirpFault: FaultRenderer = (fault, response, retryAfter) => {
  switch (fault) {
    case '502':
      return badGateway(response);
    case '503':
      return sendJson(response, 503, { code: 'unavailable', msg: 'the service is unavailable' });
    case '429':
      return sendJson(
        response,
        429,
        { code: 'resource_exhausted', msg: 'too many requests' },
        { 'retry-after': retryAfter },
      );
    default:
      return sendJson(response, 500, { code: 'internal', msg: 'internal error' });
  }
};

const renderBlobFault: FaultRenderer = (fault, response, retryAfter) => {
  switch (fault) {
    case '502':
      return badGateway(response);
    case '503':
      return writeAzureError(
        response,
        503,
        'ServerBusy',
        'The server is currently unable to receive requests. Please retry your request.',
      );
    case '429':
      return writeAzureError(response, 429, 'ServerBusy', 'Operations per second is over the account limit.', {
        'retry-after': retryAfter,
      });
    default:
      return writeAzureError(
        response,
        500,
        'InternalError',
        'The server encountered an internal error. Please retry the request.',
      );
  }
};

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function azureError(response: ServerResponse, status: number, code: string, message: string, operation: string) {
  writeAzureError(response, status, code, message);
  return { operation, status };
}

function writeAzureError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code, ...headers });
  response.end(
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}
