import type { IncomingHttpHeaders } from 'node:http';
import type { Operation } from './openapi-validator.js';
import type { EmulatorState, Repository } from './state.js';

/** Workflow artifacts as the artifact service (test/support/artifact-service.ts) holds them. */
export interface ArtifactRecord {
  id: number;
  name: string;
  runId: number;
  size: number;
  digest?: string;
  createdAt: string;
  /** A signed blob URL serving the artifact (a zip unless uploaded with skipArchive). */
  downloadUrl: string;
}

export interface ArtifactSource {
  list(): ArtifactRecord[];
}

/** What route handlers share: the state, where the emulator lives, and the clock. */
export interface EmulatorCore {
  state: EmulatorState;
  /** REST root, e.g. http://127.0.0.1:41234 (no trailing slash). */
  apiUrl: string;
  /** Where html_url and browser_download_url point (the same server). */
  serverUrl: string;
  artifacts?: ArtifactSource;
  now(): string;
}

export interface RouteContext {
  core: EmulatorCore;
  operation: Operation;
  repo: Repository;
  /** Path and query parameters, coerced to the types GitHub's description gives them. */
  params: Record<string, unknown>;
  /** The parsed JSON body (an empty object when there was none). */
  body: Record<string, unknown>;
  rawBody: Buffer;
  url: URL;
  headers: IncomingHttpHeaders;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Bytes to send as they are (asset downloads), bypassing JSON and response validation. */
  raw?: Buffer;
}

export type Handler = (context: RouteContext) => Reply | Promise<Reply>;
export type Routes = Record<string, Handler>;

export function json(body: unknown, status = 200, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}
