import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { FlagdCore } from '@openfeature/flagd-core';

/** One request the site answered: the release directory it resolved (null when none) and the status. */
export interface Served {
  path: string;
  release: string | null;
  status: number;
}

/**
 * The sample app's hosting: `/<environment>/<file>` is served from that environment's live release
 * (the `dir:` target's `current` link) and `/<environment>/preview/<file>` from its idle slot.
 * A release is resolved once per request, so a switch is seen whole or not at all. `served` records
 * which release answered each request, so a switch (and a switch back) can be shown from the outside.
 * `/<environment>/features` answers the value of each feature flag, evaluated with flagd from the
 * environment's `flags.json` beside its `current` link, read afresh on every request: a flag change
 * takes effect at the next request, without a new release.
 */
export async function startSite(root: string): Promise<{ url: string; served: Served[]; close(): Promise<void> }> {
  const served: Served[] = [];
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    const parts = path.split('/').filter(Boolean);
    const environment = parts.shift() ?? '';
    const link = parts[0] === 'preview' ? (parts.shift(), 'preview') : 'current';
    if (parts.length === 1 && parts[0] === 'features') return features(environment, res);
    let release: string | undefined;
    try {
      release = await realpath(join(root, environment, link));
      const body = await readFile(join(release, parts.join('/') || 'index.html'));
      served.push({ path, release: basename(release), status: 200 });
      res
        .writeHead(200, { 'content-type': parts.at(-1)?.endsWith('.json') ? 'application/json' : 'text/html' })
        .end(body);
    } catch {
      served.push({ path, release: release === undefined ? null : basename(release), status: 404 });
      res.writeHead(404).end('not found');
    }
  };
  const features = async (environment: string, res: ServerResponse): Promise<void> => {
    try {
      const flags = new FlagdCore();
      flags.setConfigurations(await readFile(join(root, environment, 'flags.json'), 'utf8'));
      const values = Object.fromEntries(flags.resolveAll().map((flag) => [flag.flagKey, flag.value]));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(values));
    } catch {
      res.writeHead(404).end('no flags');
    }
  };
  const server = createServer((req, res) => void serve(req, res));
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
