// Tokens stay out of URLs and die on time: a token in the query string is refused on every kind of
// route (against a real server process, whose info-level logs must not show it), and an event
// stream ends when the token that opened it expires (the server's clock moved, not waited for).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createServer, LOG_REDACTED } from '../app';
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
    const stream = await fetch(`${server.url}/api/sync/stream`, {
      headers: { authorization: `Bearer ${staff.token}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    controller.abort();

    // The server's log lines come through a pipe: the stream request's may still be on its way.
    await expect.poll(() => server.output(), { timeout: 10_000, interval: 100 }).toContain('"url":"/api/sync/stream?[redacted]"'); // the request was logged, its query was not
    const logs = server.output();
    for (const token of [admin.token, staff.token]) {
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(token.split('.')[2]); // not even the signature
    }
    expect(logs).not.toContain('2026-01-01');
  });
});

/** Routes anyone may call (load balancers' probes): the token changes nothing there either. */
const OPEN_ROUTES = ['/api/health', '/api/ready'];

describe('every route of the server', () => {
  it('answers a request carrying a valid token only in its query string as it answers one with no token at all', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-query-token-'));
    const server = await createServer(
      loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', BATON_SLA_AUTOMATION: '0' }),
    );
    try {
      const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const admin = await signIn(base, 'admin');
      // Every name a client library might put a token under.
      const query = new URLSearchParams({
        token: admin.token,
        access_token: admin.token,
        authorization: `Bearer ${admin.token}`,
        jwt: admin.token,
      });
      const routes = server.routes.filter(
        (r) => (r.url.startsWith('/api/') || r.url === '/metrics') && !r.url.includes('*') && r.method !== 'HEAD' && r.method !== 'OPTIONS',
      );
      // A new route is covered without touching this test; the list must at least hold these.
      expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
        expect.arrayContaining(['GET /api/sync/stream', 'GET /api/admin/users', 'POST /api/sync/:collection/push', 'GET /metrics']),
      );
      const call = async (method: string, url: string) => {
        const controller = new AbortController();
        const response = await fetch(`${base}${url}`, {
          method,
          signal: controller.signal,
          ...(method === 'GET' || method === 'DELETE' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
        });
        controller.abort(); // a stream, if one were opened, is not read
        return response.status;
      };
      for (const { method, url } of routes) {
        const concrete = url.replace(':collection', 'tasks').replace(':id', admin.userId);
        const joiner = concrete.includes('?') ? '&' : '?';
        const withQueryToken = await call(method, `${concrete}${joiner}${query}`);
        expect(withQueryToken, `${method} ${url} with ?token=`).toBe(await call(method, concrete));
        if (!OPEN_ROUTES.includes(url)) expect(withQueryToken, `${method} ${url} with ?token=`).toBeGreaterThanOrEqual(400);
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('the log', () => {
  it('redacts secrets and patient fields any log call might carry', () => {
    const lines: string[] = [];
    // Fastify's own logger, configured as app.ts configures it, writing here.
    const { log } = Fastify({
      logger: { redact: { paths: LOG_REDACTED, censor: '[redacted]' }, stream: { write: (line: string) => lines.push(line) } },
    });
    const leaked = {
      password: 'pw-secret-1',
      token: 'tok-secret-2',
      keySecret: 'esc-secret-3',
      patientRef: 'MRN-4455',
      notes: 'diabetic',
      description: 'Dx: flu',
    };
    log.error({ body: leaked, req: { headers: { authorization: 'Bearer tok-secret-5' } } }, 'request failed');
    for (const value of [...Object.values(leaked), 'tok-secret-5']) expect(lines.join('')).not.toContain(value);
    expect(lines.join('')).toContain('request failed');
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
