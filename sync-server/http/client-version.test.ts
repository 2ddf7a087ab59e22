// Mixed versions, from clients that skip the app: with BATON_MIN_CLIENT_VERSION set, a request
// from an older release, or one naming none, is answered 426 client_too_old before anything is
// read or written; health and readiness stay open; releases compare as numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER, compareVersions } from '../../shared/client-version';
import { newTaskDoc, signIn } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

describe('the oldest app release a server accepts', () => {
  let running: InProcessServer;
  let token: string;
  const as = (version?: string): Record<string, string> => (version ? { [CLIENT_VERSION_HEADER]: version } : {});
  const get = (path: string, version?: string) =>
    fetch(`${running.base}${path}`, { headers: { authorization: `Bearer ${token}`, ...as(version) } });

  beforeAll(async () => {
    running = await startInProcess('sqlite', {}, { BATON_SLA_AUTOMATION: '0', BATON_MIN_CLIENT_VERSION: '1.2.0' });
    const login = await fetch(`${running.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...as('1.2.0') },
      body: JSON.stringify({ username: 'frontdesk', password: 'baton-demo', workstationId: 'ws-version' }),
    });
    expect(login.status).toBe(200);
    token = (await login.json()).token;
  });
  afterAll(() => running?.close());

  it('answers 426 to an older release and to a client naming none, with the oldest it accepts', async () => {
    for (const version of [undefined, '1.1.9', '0.9.99', 'not-a-version']) {
      const response = await get('/api/sync/tasks/pull?limit=1', version);
      expect(response.status, String(version)).toBe(426);
      expect(await response.json()).toEqual({
        error: 'client_too_old',
        message: expect.stringContaining('1.2.0 or newer'),
        minVersion: '1.2.0',
      });
    }
    for (const version of ['1.2.0', '1.10.0', '2.0.0'])
      expect((await get('/api/sync/tasks/pull?limit=1', version)).status, version).toBe(200);
  });

  it('writes nothing for an older release: its push is refused before it is read', async () => {
    const task = newTaskDoc({ title: 'Pushed by an old release' });
    const push = await fetch(`${running.base}/api/sync/tasks/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...as('1.0.0') },
      body: JSON.stringify([{ newDocumentState: task }]),
    });
    expect(push.status).toBe(426);
    const pulled = await (await get('/api/sync/tasks/pull?limit=1000', '1.2.0')).json();
    expect(pulled.documents.map((d: { id: string }) => d.id)).not.toContain(task.id);
  });

  it('keeps health and readiness open to anyone, and lets the desktop app send the header', async () => {
    expect((await fetch(`${running.base}/api/health`)).status).toBe(200);
    expect((await fetch(`${running.base}/api/ready`)).status).toBe(200);
    const preflight = await fetch(`${running.base}/api/sync/tasks/push`, {
      method: 'OPTIONS',
      headers: { origin: 'baton://app', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toContain(CLIENT_VERSION_HEADER);
  });

  it('compares releases as numbers', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.2.0', '1.2.0')).toBe(0);
    expect(compareVersions('0.9.0', '1.0.0')).toBeLessThan(0);
  });
});

describe('without BATON_MIN_CLIENT_VERSION', () => {
  it('accepts a client that names no release (tools, older apps)', async () => {
    const running = await startInProcess('sqlite', {}, { BATON_SLA_AUTOMATION: '0' });
    try {
      const api = await signIn(running.base, 'frontdesk');
      expect((await api.get('/api/sync/tasks/pull?limit=1')).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
