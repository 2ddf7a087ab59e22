// The desktop app's pages (baton://app) may call the API; other origins get no CORS headers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type BatonServer } from '../app';
import { loadConfig } from '../config';
import { signIn } from '../../tests/support/api';

let server: BatonServer;
let base: string;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-cors-'));
  server = await createServer(
    loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', BATON_SLA_AUTOMATION: '0' }),
  );
  base = await server.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
});

describe('CORS', () => {
  it('answers a preflight from the desktop app and marks its requests', async () => {
    const preflight = await fetch(`${base}/api/auth/login`, {
      method: 'OPTIONS',
      headers: { origin: 'baton://app', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('baton://app');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const health = await fetch(`${base}/api/health`, { headers: { origin: 'baton://app' } });
    expect(health.headers.get('access-control-allow-origin')).toBe('baton://app');
  });

  it('gives other origins nothing', async () => {
    const response = await fetch(`${base}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${base}/api/auth/login`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('lets the desktop app open the event stream', async () => {
    const api = await signIn(base);
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/sync/stream`, {
      headers: { origin: 'baton://app', authorization: `Bearer ${api.token}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('access-control-allow-origin')).toBe('baton://app');
    controller.abort();
  });
});
