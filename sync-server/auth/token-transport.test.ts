// Tokens stay out of URLs and die on time: a token in the query string is refused on every kind of
// route (against a real server process, whose info-level logs must not show it), and an event
// stream ends when the token that opened it expires (the server's clock moved, not waited for).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../app';
import { loadConfig } from '../config';
import { signIn } from '../../tests/support/api';
import { startServer, type RunningServer } from '../../tests/support/server-process';

describe('a token in the URL', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { BATON_LOG_LEVEL: 'info' } });
  });
  afterAll(() => server?.stop());

  it('is refused on admin, audit CSV, pull and stream, where the header works; the logs show neither token nor query', async () => {
    const admin = await signIn(server.url, 'admin');
    const staff = await signIn(server.url, 'frontdesk');
    const get = (pathAndQuery: string, token?: string) =>
      fetch(`${server.url}${pathAndQuery}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const cases: [string, string][] = [
      ['/api/admin/users', admin.token],
      ['/api/admin/audit.csv?from=2026-01-01&to=2030-01-01', admin.token],
      ['/api/sync/tasks/pull?limit=5', staff.token],
      ['/api/auth/me', staff.token],
    ];
    for (const [route, token] of cases) {
      const withQueryToken = `${route}${route.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
      expect((await get(withQueryToken)).status, withQueryToken).toBe(401);
      const viaHeader = await get(route, token);
      expect(viaHeader.status, route).toBe(200);
      await viaHeader.arrayBuffer();
    }

    const streamByQuery = await get(`/api/sync/stream?token=${encodeURIComponent(staff.token)}`);
    expect(streamByQuery.status).toBe(401);
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/sync/stream`, { headers: { authorization: `Bearer ${staff.token}` }, signal: controller.signal });
    expect(stream.status).toBe(200);
    controller.abort();

    const logs = server.output();
    expect(logs).toContain('"url":"/api/sync/stream?[redacted]"'); // the request was logged, its query was not
    for (const token of [admin.token, staff.token]) {
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(token.split('.')[2]); // not even the signature
    }
    expect(logs).not.toContain('2026-01-01');
  });
});

describe('an event stream', () => {
  it('ends when its token expires, and the expired token opens no new one', async () => {
    let offsetMs = 0;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-stream-expiry-'));
    const server = await createServer(loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent' }), {
      now: () => Date.now() + offsetMs,
    });
    try {
      const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const api = await signIn(base);
      const response = await fetch(`${base}/api/sync/stream`, { headers: { authorization: `Bearer ${api.token}` } });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain('event: hello');

      // 14 minutes on, the 15-minute token still holds.
      offsetMs = 14 * 60_000;
      expect((await api.get('/api/auth/me')).status).toBe(200);
      // Past its expiry the server ends the stream by itself.
      offsetMs = 16 * 60_000;
      for (;;) if ((await reader.read()).done) break;
      expect(server.hub.size).toBe(0);
      const again = await fetch(`${base}/api/sync/stream`, { headers: { authorization: `Bearer ${api.token}` } });
      expect(again.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
