// Webhooks over HTTP from a client that skips the UI: only an admin registers, lists, rotates,
// disables and reads the log of webhooks of their locations (each change audited, the secret shown
// once and never stored); a URL must be https or loopback http. Against a real server process and
// a receiver that fails then recovers: a restarted server resumes the pending delivery, a rotated
// secret signs from then on, and a disabled webhook gets nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { startServer, type RunningServer } from '../../tests/support/server-process';
import { startWebhookReceiver, verify } from '../../tests/support/webhook-receiver';

const HOOK = { url: 'https://portal.example.org/baton', events: ['task.created'] };

describe('webhook administration', () => {
  let running: InProcessServer;
  let admin: Api;

  beforeAll(async () => {
    running = await startInProcess('sqlite', { webhooks: { start: false } }, { BATON_SLA_AUTOMATION: '0' });
    admin = await signIn(running.base, 'admin', 'ws-hooks-admin');
  });
  afterAll(async () => running?.close());

  it('only an admin registers, lists, rotates, disables and reads the log; each change is audited', async () => {
    const created = await admin.post('/api/admin/webhooks', { ...HOOK, name: 'Portal' });
    expect(created.status).toBe(201);
    const { id, secret } = created.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    for (const username of ['manager', 'frontdesk', 'clinician']) {
      const other = await signIn(running.base, username, `ws-hooks-${username}`);
      expect((await other.post('/api/admin/webhooks', HOOK)).status, username).toBe(403);
      expect((await other.get('/api/admin/webhooks')).status, username).toBe(403);
      expect((await other.post(`/api/admin/webhooks/${id}/rotate`, {})).status, username).toBe(403);
      expect((await other.post(`/api/admin/webhooks/${id}/disable`, {})).status, username).toBe(403);
      expect((await other.post(`/api/admin/webhooks/${id}/delete`, {})).status, username).toBe(403);
      expect((await other.get(`/api/admin/webhooks/${id}/deliveries`)).status, username).toBe(403);
    }

    // The secret is shown once: neither the list nor the database holds it.
    const listed = await admin.get('/api/admin/webhooks');
    expect(listed.body).toEqual([
      {
        id,
        name: 'Portal',
        url: HOOK.url,
        events: ['task.created'],
        allowPhi: false,
        locationIds: ['loc-main'],
        createdAt: expect.any(String),
        createdBy: 'u-admin',
        rotatedAt: null,
        disabledAt: null,
      },
    ]);
    expect(JSON.stringify(await running.server.storage.listWebhooks())).not.toContain(secret.slice(6));
    expect((await admin.get(`/api/admin/webhooks/${id}/deliveries`)).body).toEqual([]);

    const rotated = await admin.post(`/api/admin/webhooks/${id}/rotate`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    expect((await admin.post(`/api/admin/webhooks/${id}/disable`, {})).status).toBe(200);
    expect((await admin.post(`/api/admin/webhooks/${id}/rotate`, {})).status).toBe(409);
    expect((await admin.post(`/api/admin/webhooks/${id}/delete`, {})).status).toBe(200);
    expect((await admin.get(`/api/admin/webhooks/${id}/deliveries`)).status).toBe(404);

    const audit = (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter((e) => e.docId === id);
    expect(audit.map((e) => [e.action, e.actorId, e.collection])).toEqual([
      ['webhook_created', 'u-admin', 'webhooks'],
      ['webhook_rotated', 'u-admin', 'webhooks'],
      ['webhook_disabled', 'u-admin', 'webhooks'],
      ['webhook_deleted', 'u-admin', 'webhooks'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
  });

  it('takes https anywhere and plain http only to this machine; refuses bad events and other locations', async () => {
    const status = async (body: Record<string, unknown>) => (await admin.post('/api/admin/webhooks', { ...HOOK, ...body })).status;
    expect(await status({ url: 'http://portal.example.org/baton' })).toBe(400);
    expect(await status({ url: 'http://10.0.0.5/baton' })).toBe(400);
    expect(await status({ url: 'ftp://portal.example.org/baton' })).toBe(400);
    expect(await status({ url: 'https://user:pass@portal.example.org/baton' })).toBe(400);
    expect(await status({ url: 'not a url' })).toBe(400);
    expect(await status({ events: [] })).toBe(400);
    expect(await status({ events: ['task.deleted'] })).toBe(400);
    expect(await status({ locationIds: ['loc-other'] })).toBe(403);
    expect(await status({ url: 'http://127.0.0.1:9/hook' })).toBe(201);
    expect(await status({ url: 'http://localhost:9/hook' })).toBe(201);
    // Another location's webhook is neither listed nor managed.
    await running.server.storage.insertWebhook({
      id: 'wh-elsewhere',
      name: 'Elsewhere',
      url: HOOK.url,
      events: ['task.created'],
      locationIds: ['loc-other'],
      allowPhi: true,
      secretNonce: 'nonce',
      createdAt: new Date().toISOString(),
      createdBy: 'u-other-admin',
    });
    expect((await admin.get('/api/admin/webhooks')).body.map((w: { id: string }) => w.id)).not.toContain('wh-elsewhere');
    expect((await admin.post('/api/admin/webhooks/wh-elsewhere/disable', {})).status).toBe(404);
    expect((await admin.get('/api/admin/webhooks/wh-elsewhere/deliveries')).status).toBe(404);
  });
});

describe('webhook deliveries from a server process', () => {
  let server: RunningServer;

  beforeAll(async () => {
    // Retries a fifth of a second apart, so the test waits for them in seconds.
    server = await startServer({ env: { BATON_WEBHOOK_FIRST_RETRY_MS: '200' } });
  });
  afterAll(async () => server?.stop());

  it('retries until the receiver recovers, resumes after a restart, signs with a rotated secret, and stops when disabled', async () => {
    const receiver = await startWebhookReceiver();
    try {
      let admin = await signIn(server.url, 'admin', 'ws-hooks-process');
      const { id, secret } = (await admin.post('/api/admin/webhooks', { url: receiver.url, events: ['task.created'] })).body;
      receiver.answer = () => 503;
      let frontDesk = await signIn(server.url, 'frontdesk', 'ws-hooks-process-fd');
      const task = newTaskDoc({ title: 'Records request' });
      expect((await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: task }])).body).toEqual([]);
      // Failed twice: retried with backoff, still pending.
      await receiver.waitFor(2);
      await server.stop();
      const failedAttempts = receiver.received.length;

      // The server comes back and the receiver has recovered: the pending delivery is sent, once.
      receiver.answer = () => 200;
      await server.restart();
      const all = await receiver.waitFor(failedAttempts + 1);
      admin = await signIn(server.url, 'admin', 'ws-hooks-process');
      const [logged] = (await admin.get(`/api/admin/webhooks/${id}/deliveries`)).body;
      expect(logged).toMatchObject({ taskId: task.id, state: 'delivered', lastStatus: 200, attempts: failedAttempts + 1 });
      expect(new Set(all.map((d) => d.payload.id)).size).toBe(1);
      for (const delivery of all) expect(verify(secret, delivery)).toBe(true);

      // A rotated secret signs what is sent from then on.
      const rotated = (await admin.post(`/api/admin/webhooks/${id}/rotate`, {})).body.secret;
      frontDesk = await signIn(server.url, 'frontdesk', 'ws-hooks-process-fd');
      const next = newTaskDoc({ title: 'Second request' });
      await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: next }]);
      const [second] = await receiver.waitFor(1, (d) => d.payload.task.id === next.id);
      expect(verify(rotated, second)).toBe(true);
      expect(verify(secret, second)).toBe(false);

      // Disabled: a new task sends nothing (the webhook's log gains nothing either).
      await admin.post(`/api/admin/webhooks/${id}/disable`, {});
      const before = receiver.received.length;
      const third = newTaskDoc({ title: 'Third request' });
      await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: third }]);
      const watcher = await signIn(server.url, 'admin', 'ws-hooks-process-2');
      const other = await startWebhookReceiver();
      try {
        // A second, live webhook hears of the next task: by then the disabled one would have been sent it too.
        const { secret: otherSecret } = (await watcher.post('/api/admin/webhooks', { url: other.url, events: ['task.created'] })).body;
        const fourth = newTaskDoc({ title: 'Fourth request' });
        await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: fourth }]);
        const [heard] = await other.waitFor(1);
        expect(verify(otherSecret, heard)).toBe(true);
      } finally {
        await other.close();
      }
      expect(receiver.received.length).toBe(before);
      expect((await admin.get(`/api/admin/webhooks/${id}/deliveries`)).body.map((d: { taskId: string }) => d.taskId)).toEqual([
        next.id,
        task.id,
      ]);
    } finally {
      await receiver.close();
    }
  });
});
