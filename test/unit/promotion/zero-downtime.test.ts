import { mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DirTarget } from '../../../src/promotion/dir-target.js';
import { loopback } from './loopback.js';

const FILES = ['index.html', 'app.js', 'style.css'];
const SWITCHES = 50;
const CLIENTS = 4;
/** Responses each switch waits for before the next, so requests always overlap the switches. */
const RESPONSES_PER_SWITCH = 3 * CLIENTS;

let root: string;
let server: Awaited<ReturnType<typeof loopback>>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'slipway-zero-'));
  // Like a web server that resolves the document root once per request (nginx's $realpath_root),
  // then reads several files from it: a response is one release, or a failure.
  server = await loopback(async (_, res) => {
    const dir = await realpath(join(root, 'current'));
    const parts = [];
    for (const file of FILES) parts.push(await readFile(join(dir, file), 'utf8'));
    res.writeHead(200).end(parts.join('\n'));
  });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

function get(url: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (error) => resolve({ status: 0, body: error.message }));
    });
    req.on('error', (error) => resolve({ status: 0, body: error.message }));
    req.end();
  });
}

/** Writes a release's files one by one with pauses, so a tree visible before it is complete would be caught. */
async function fill(dir: string, version: string): Promise<void> {
  for (const file of FILES) {
    await writeFile(join(dir, file), `${file} of release ${version}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

it(`serves only whole releases while the live symlink is switched ${SWITCHES} times under continuous requests`, async () => {
  const target = new DirTarget(root);
  await target.install('v0', (dir) => fill(dir, 'v0'));
  await target.point('v0');

  let done = false;
  let responses = 0;
  const failed: string[] = [];
  const mixed: string[] = [];
  const seen = new Set<string>();
  const client = async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    while (!done) {
      const { status, body } = await get(server.url, agent);
      responses++;
      if (status !== 200) {
        failed.push(`${status} ${body}`);
        continue;
      }
      const versions = new Set(body.split('\n').map((line) => /of release (\S+)$/.exec(line)?.[1]));
      if (versions.size !== 1 || body.split('\n').length !== FILES.length) mixed.push(body);
      else seen.add([...versions][0] as string);
    }
    agent.destroy();
  };
  const clients = Array.from({ length: CLIENTS }, client);

  const waitForResponses = async (count: number) => {
    const until = responses + count;
    while (responses < until && failed.length + mixed.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 1));
  };
  await waitForResponses(RESPONSES_PER_SWITCH);
  for (let i = 1; i <= SWITCHES; i++) {
    const name = `v${i}`;
    await target.install(name, (dir) => fill(dir, name));
    await target.point(name);
    await target.prune(10);
    await waitForResponses(RESPONSES_PER_SWITCH);
  }
  done = true;
  await Promise.all(clients);

  expect(failed).toEqual([]);
  expect(mixed).toEqual([]);
  // Every release was served: the requests really ran across all 50 switches.
  expect(seen.size).toBe(SWITCHES + 1);
  expect(responses).toBeGreaterThanOrEqual((SWITCHES + 1) * RESPONSES_PER_SWITCH);
  // Ten releases kept, each with its manifest (a hidden file beside it).
  expect((await readdir(join(root, 'releases'))).filter((name) => !name.startsWith('.')).length).toBe(10);
  expect((await readdir(join(root, 'releases'))).length).toBe(20);
  console.log(
    `zero-downtime: ${responses} responses across ${SWITCHES} switches, ${failed.length} failed, ${mixed.length} mixed`,
  );
});
