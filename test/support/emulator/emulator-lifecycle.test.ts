import nodemailer from 'nodemailer';
import { expect, test } from 'vitest';
import { createGitHubClient } from '../../../src/runtime/github-client.js';
import { startArtifactService } from '../artifact-service.js';
import { startChatSinks } from '../chat-sinks.js';
import { startSmtpSink } from '../smtp-sink.js';
import { startEmulator } from './index.js';

// Alone in its file (its own process), so that no other test's sockets are counted.
const tcpHandles = () => process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;

test('binds to 127.0.0.1, and close() leaves no server or keep-alive socket behind', async () => {
  const baseline = tcpHandles();
  const gh = await startEmulator();
  gh.repo('octo/app');
  expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(gh.graphqlUrl).toBe(`${gh.url}/graphql`);
  const client = createGitHubClient({ token: gh.token, apiUrl: gh.url, retries: 0, writeIntervalMs: 0 });
  const repo = { owner: 'octo', repo: 'app' };
  await Promise.all([
    client.rest.repos.listReleases(repo),
    client.rest.repos.listReleases(repo),
    client.rest.repos.get(repo),
  ]);
  expect(tcpHandles()).toBeGreaterThan(baseline);
  await gh.close();
  // The client's side of each kept-alive connection closes once it reads the server's FIN.
  for (let attempt = 0; attempt < 100 && tcpHandles() > baseline; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(tcpHandles()).toBe(baseline);
});

/** Waits (briefly) for the client side of closed connections to go, then compares with the baseline. */
async function settles(baseline: number): Promise<number> {
  for (let attempt = 0; attempt < 100 && tcpHandles() > baseline; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return tcpHandles();
}

test('chat sinks: close() leaves no server or kept-alive socket behind', async () => {
  const baseline = tcpHandles();
  const sinks = await startChatSinks();
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answers = await Promise.all([
    post(sinks.slack.webhookUrl, { text: 'deployed' }),
    post(`${sinks.discord.webhookUrl}?wait=true`, { content: 'deployed' }),
    post(sinks.googleChat.webhookUrl, { text: 'deployed' }),
    post(`${sinks.webhook.url}/hooks/deploys`, { event: 'deployed' }),
  ]);
  await Promise.all(answers.map((answer) => answer.arrayBuffer()));
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  expect(tcpHandles()).toBeGreaterThan(baseline);
  await sinks.close();
  expect(await settles(baseline)).toBe(baseline);
});

test('SMTP sink: close() leaves no server or client socket behind', async () => {
  const baseline = tcpHandles();
  const smtp = await startSmtpSink();
  const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, pool: true });
  await transport.sendMail({ from: 'deploys@example.com', to: 'team@example.com', subject: 'Deployed', text: 'ok' });
  expect(smtp.messages).toHaveLength(1);
  expect(tcpHandles()).toBeGreaterThan(baseline);
  // A pooled transport keeps its connection open: closing the sink must still end it.
  await smtp.close();
  expect(await settles(baseline)).toBe(baseline);
  transport.close();
});

test('artifact service: close() leaves no server or kept-alive socket behind', async () => {
  const baseline = tcpHandles();
  const artifacts = await startArtifactService();
  const answer = await fetch(
    `${artifacts.resultsUrl}twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'authorization': `Bearer ${artifacts.runtimeToken('1', 'build')}`,
      },
      body: JSON.stringify({ workflow_run_backend_id: 'x', workflow_job_run_backend_id: 'y' }),
    },
  );
  await answer.arrayBuffer();
  expect(artifacts.requests.length).toBeGreaterThan(0);
  expect(tcpHandles()).toBeGreaterThan(baseline);
  await artifacts.close();
  expect(await settles(baseline)).toBe(baseline);
});
