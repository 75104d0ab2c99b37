import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './index.js';

// Tokens: only the emulator's own and those a test created are accepted, each with its scopes.

let gh: Emulator;
beforeAll(async () => {
  gh = await startEmulator();
  gh.repo('octo/app');
  gh.repo('octo/secret', { private: true });
});
afterAll(async () => {
  await gh.close();
});

const call = async (path: string, token?: string, body?: object) => {
  const response = await fetch(`${gh.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { ...(token ? { authorization: `token ${token}` } : {}), 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return {
    status: response.status,
    body: (await response.json()) as { message?: string },
    accepted: response.headers.get('x-accepted-github-permissions'),
  };
};

describe('emulator tokens', () => {
  it('a token no test created is refused as bad credentials', async () => {
    expect(await call('/repos/octo/app/releases', 'ghs_madeUpToken0000000000000000000000')).toMatchObject({
      status: 401,
      body: { message: 'Bad credentials' },
    });
  });

  it('a created token holds exactly its scopes: reads and writes outside them are 403', async () => {
    const token = gh.createToken({ contents: 'read', issues: 'write', deployments: 'none' });
    expect((await call('/repos/octo/app/releases', token)).status).toBe(200);
    expect(await call('/repos/octo/app/releases', token, { tag_name: 'v1' })).toMatchObject({
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      accepted: 'contents=write',
    });
    expect((await call('/repos/octo/app/deployments', token)).status).toBe(403);
    expect((await call('/repos/octo/app/issues/1/comments', token, { body: 'hi' })).status).toBe(201);
    // Metadata (a collaborator's permission) is readable with any valid token, even one with no scopes.
    gh.repo('octo/app').setPermission('ada', 'write');
    expect((await call('/repos/octo/app/collaborators/ada/permission', gh.createToken({}))).status).toBe(200);
  });

  it('a private repository is not found without a valid token', async () => {
    expect((await call('/repos/octo/secret/releases')).status).toBe(404);
    expect((await call('/repos/octo/secret/releases', gh.createToken({ contents: 'read' }))).status).toBe(200);
    expect((await call('/repos/octo/app/releases')).status).toBe(200);
  });
});
