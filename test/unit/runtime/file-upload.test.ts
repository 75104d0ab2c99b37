import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { uploadFile } from '../../../src/runtime/file-upload.js';
import { createGitHubClient, RequestCounter } from '../../../src/runtime/github-client.js';

const dir = mkdtempSync(path.join(tmpdir(), 'slipway-file-upload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

interface Received {
  url: string;
  auth: string | undefined;
  type: string | undefined;
  length: string | undefined;
  digest: string;
  bytes: number;
}

/** A loopback server recording each upload whole; `fail(index)` answers that attempt with 502 after reading it. */
async function serve(fail: (index: number) => boolean) {
  const received: Received[] = [];
  server = createServer((req, res) => {
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    req.on('end', () => {
      const index = received.push({
        url: req.url ?? '',
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        length: req.headers['content-length'],
        digest: hash.digest('hex'),
        bytes,
      });
      const failed = fail(index - 1);
      res.writeHead(failed ? 502 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify(failed ? { message: 'Bad Gateway' } : { id: index, size: bytes }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { received, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function file(size: number): { file: string; digest: string } {
  const data = randomBytes(size);
  const name = path.join(dir, `upload-${size}.bin`);
  writeFileSync(name, data);
  return { file: name, digest: createHash('sha256').update(data).digest('hex') };
}

it('streams a file to an expanded upload URL template with the token, type and length', async () => {
  const { received, base } = await serve(() => false);
  const { file: name, digest } = file(3 * 1024 * 1024 + 17);
  const counter = new RequestCounter();
  const client = createGitHubClient({ token: 't0ken', apiUrl: base, counter });
  const answer = await uploadFile<{ id: number; size: number }>(client, {
    url: `${base}/repos/octo/app/releases/7/assets{?name,label}`,
    file: name,
    params: { name: 'app v1.tar.gz' },
  });
  expect(answer).toEqual({ id: 1, size: 3 * 1024 * 1024 + 17 });
  const url = new URL(received[0]!.url, base);
  expect([url.pathname, [...url.searchParams]]).toEqual([
    '/repos/octo/app/releases/7/assets',
    [['name', 'app v1.tar.gz']],
  ]);
  expect(received).toEqual([
    {
      url: received[0]!.url,
      auth: 'token t0ken',
      type: 'application/octet-stream',
      length: String(3 * 1024 * 1024 + 17),
      digest,
      bytes: 3 * 1024 * 1024 + 17,
    },
  ]);
  expect(counter.total).toBe(1);
});

it('a retry sends the file again from its start, whole', async () => {
  const { received, base } = await serve((index) => index === 0);
  const { file: name, digest } = file(1024 * 1024);
  const client = createGitHubClient({ token: 't0ken', apiUrl: base, retries: 1, retryBaseMs: 1 });
  await uploadFile(client, { url: `${base}/upload{?name}`, file: name, params: { name: 'a.bin' } });
  expect(received.map((one) => [one.bytes, one.digest])).toEqual([
    [1024 * 1024, digest],
    [1024 * 1024, digest],
  ]);
});

it('with retries off, a failed upload is reported as the service answered', async () => {
  const { received, base } = await serve(() => true);
  const { file: name } = file(1000);
  const client = createGitHubClient({ token: 't0ken', apiUrl: base });
  await expect(uploadFile(client, { url: `${base}/upload`, file: name, retries: 0 })).rejects.toMatchObject({
    status: 502,
  });
  expect(received).toHaveLength(1);
});
