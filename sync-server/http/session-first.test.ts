// A route that needs a session refuses a request without a valid token before reading its body:
// the 401 comes while most of a large body is still unsent, and a malformed body is not even
// looked at. Routes anyone may call still read theirs.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

/**
 * Sends the headers of a `size`-byte POST and its first kilobyte, then waits for an answer without
 * sending the rest: only a server that answers before reading the body answers at all.
 */
function answerBeforeBody(base: string, path: string, size: number, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(size),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('error', reject);
    request.write('['.padEnd(1024, ' '));
  });
}

describe.each(['sqlite', 'postgres'] as const)('session before body (%s)', (kind) => {
  let running: InProcessServer;
  let api: Api;
  beforeAll(async () => {
    running = await startInProcess(kind);
    api = await signIn(running.base);
  });
  afterAll(async () => {
    await running?.close();
  });

  it.each([
    '/api/sync/tasks/push',
    '/api/admin/users',
    '/api/auth/password',
    '/api/auth/lock',
    '/api/tasks/t-1/attachments/a-1/offline-views',
  ])('%s: a 7 MB body without a valid token is refused with 401 before it is sent', async (path) => {
    for (const token of [undefined, 'not-a-token', `${api.token}x`]) {
      const answer = await answerBeforeBody(running.base, path, 7 * 1024 * 1024, token);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('a malformed body without a token gets 401, not a parse error; with a token, the parse error', async () => {
    const send = (token?: string) =>
      fetch(`${running.base}/api/sync/tasks/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: '[{"newDocumentState": ',
      });
    expect((await send()).status).toBe(401);
    const parsed = await send(api.token);
    expect(parsed.status).toBe(400);
  });

  it('routes anyone may call still read their body (sign-in), and unknown paths still answer 404', async () => {
    const login = await fetch(`${running.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": ',
    });
    expect(login.status).toBe(400);
    const unknown = await fetch(`${running.base}/api/nowhere`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unknown.status).toBe(404);
  });

  it('an authenticated push applies as before, and a revoked session is refused before its body', async () => {
    const doc = newTaskDoc({ title: 'Pushed after the early check' });
    const pushed = await api.post('/api/sync/tasks/push', [{ newDocumentState: doc }]);
    expect(pushed.status).toBe(200);
    expect((await running.server.storage.getDoc('tasks', doc.id))?.data).toMatchObject({ title: 'Pushed after the early check' });

    const other = await signIn(running.base, 'frontdesk', 'ws-session-first');
    expect((await other.post('/api/auth/logout', {})).status).toBe(200);
    const answer = await answerBeforeBody(running.base, '/api/sync/tasks/push', 7 * 1024 * 1024, other.token);
    expect(answer.status).toBe(401);
  });
});
