import { readFile, realpath } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * The sample app's hosting: `/<environment>/<file>` is served from that environment's live release
 * (the `dir:` target's `current` link) and `/<environment>/preview/<file>` from its idle slot.
 * A release is resolved once per request, so a switch is seen whole or not at all.
 */
export async function startSite(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const parts = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean);
    const environment = parts.shift() ?? '';
    const link = parts[0] === 'preview' ? (parts.shift(), 'preview') : 'current';
    try {
      const release = await realpath(join(root, environment, link));
      const body = await readFile(join(release, parts.join('/') || 'index.html'));
      res.writeHead(200, { 'content-type': parts.at(-1)?.endsWith('.json') ? 'application/json' : 'text/html' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
