import { HttpClient } from '@actions/http-client';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { GitHubClient } from './github-client.js';

/**
 * A file sent as a request body. Each attempt (a retry too) opens it afresh and streams it from disk:
 * fetch (undici) reads a stream body far ahead of the socket, holding a large file in memory whole.
 */
export class FileBody {
  constructor(
    readonly path: string,
    readonly size: number,
  ) {}
}

/** Statuses whose answer has no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The fetch octokit is given (`request.fetch`) for a FileBody: node:http(s), which writes only as fast
 * as the socket drains, through the runner's proxy settings as @actions/github's own fetch does.
 * Everything else (auth, URL templates, retries, throttling, the request counter) stays octokit's.
 */
export async function fileBodyFetch(
  url: string | URL,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal | null } = {},
): Promise<Response> {
  const body = init.body;
  if (!(body instanceof FileBody)) throw new TypeError('fileBodyFetch sends a FileBody only');
  const target = new URL(url);
  const agent = new HttpClient('slipway').getAgent(target.href);
  const send = target.protocol === 'https:' ? https.request : http.request;
  const request = send(target, {
    method: init.method ?? 'POST',
    agent,
    headers: { ...init.headers, 'content-length': String(body.size) },
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const answer = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  // A failed read or write destroys the request, which fails `answer`; an early answer (a refusal) still counts.
  pipeline(createReadStream(body.path), request).catch(() => {});
  const response = await answer;
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const status = response.statusCode ?? 500;
  if (NULL_BODY.has(status)) response.resume();
  return new Response(NULL_BODY.has(status) ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>), {
    status,
    statusText: response.statusMessage ?? '',
    headers,
  });
}

export interface FileUpload {
  /** An upload URL, a template like a release's `upload_url` (`…/assets{?name,label}`) is expanded. */
  url: string;
  file: string;
  /** Template parameters (`name`, `label`). */
  params?: Record<string, string>;
  contentType?: string;
  /** Automatic retries of the client (default its own); a retry sends the file again from its start. */
  retries?: number;
}

/** POSTs a file through the GitHub client, streamed from disk in bounded memory; returns the JSON answer. */
export async function uploadFile<T = unknown>(client: GitHubClient, upload: FileUpload): Promise<T> {
  const { size } = await stat(upload.file);
  const options = {
    method: 'POST',
    url: upload.url,
    ...upload.params,
    data: new FileBody(upload.file, size),
    headers: { 'content-type': upload.contentType ?? 'application/octet-stream', 'content-length': size },
    request: { fetch: fileBodyFetch, ...(upload.retries === undefined ? {} : { retries: upload.retries }) },
  };
  return (await client.request(options as unknown as Parameters<GitHubClient['request']>[0])).data as T;
}
