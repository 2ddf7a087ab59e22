// The webhook dispatcher in a real server with an injected clock, against a local receiver: every
// delivery is signed with the secret the admin was given; a failed one is retried with backoff
// until the receiver recovers, then never again; one still failing 24 hours on is given up; PHI
// goes only to a webhook allowed it; each kind of event is sent for the tasks of its locations.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookEventType } from '../../shared/intake/webhooks';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { fileStartedTask } from '../../tests/support/automation-server';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { placeTasks } from '../../tests/support/task-fixtures';
import { startWebhookReceiver, verify, type WebhookReceiver } from '../../tests/support/webhook-receiver';
import { runSlaPass } from '../automation/sla-pass';
import { PracticeCache } from '../sync/practice';

const HOUR = 3600_000;
const PHI = { title: 'Jane Roe wants her MRI moved', patientRef: 'MRN 100234 J.R.', description: 'Call 555-0100 after 4' };

describe.each(['sqlite', 'postgres'] as const)('webhook deliveries on %s', (kind) => {
  let running: InProcessServer;
  let admin: Api;
  let frontDesk: Api;
  let receiver: WebhookReceiver;
  let now = Date.now();
  const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };
  const pass = () => running.server.webhooks.runOnce();

  const register = async (events: WebhookEventType[], extra: Record<string, unknown> = {}) => {
    const created = await admin.post('/api/admin/webhooks', { url: receiver.url, events, ...extra });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };
  const log = async (id: string): Promise<WebhookDelivery[]> => (await admin.get(`/api/admin/webhooks/${id}/deliveries`)).body;
  const fileTask = async (overrides = {}) => {
    const doc = newTaskDoc({ ownerId: 'u-frontdesk', ...PHI, ...overrides });
    expect((await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: doc }])).body).toEqual([]);
    return doc;
  };
  const disableAll = async () => {
    for (const w of (await admin.get('/api/admin/webhooks')).body) await admin.post(`/api/admin/webhooks/${w.id}/disable`, {});
  };

  beforeAll(async () => {
    running = await startInProcess(
      kind,
      // Full jitter drawn at its top: each wait is the whole ceiling (30 s, 60 s, 2 min, ... 1 h).
      { webhooks: { start: false, clock, random: () => 1 } },
      { BATON_SLA_AUTOMATION: '0' },
    );
    [admin, frontDesk] = await Promise.all([
      signIn(running.base, 'admin', 'ws-hooks-admin'),
      signIn(running.base, 'frontdesk', 'ws-hooks-fd'),
    ]);
    // The demo's own events (none are queued before a webhook exists) are drained.
    await pass();
  });
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await disableAll();
    await receiver.close();
  });
  afterAll(async () => running?.close());

  it('retries a failed delivery with backoff until the receiver recovers, then stops; every attempt is signed', async () => {
    const { id, secret } = await register(['task.created']);
    receiver.answer = (n) => (n < 2 ? 500 : 200);
    const task = await fileTask();
    const queuedAt = now;

    await pass();
    expect(receiver.received).toHaveLength(1);
    const [first] = await log(id);
    expect(first).toMatchObject({ type: 'task.created', taskId: task.id, attempts: 1, lastStatus: 500, state: 'pending' });
    expect(first.nextAttemptAt).toBe(new Date(queuedAt + 30_000).toISOString());
    // Not yet due: nothing is sent.
    await pass();
    expect(receiver.received).toHaveLength(1);

    now += 30_000;
    await pass();
    expect(receiver.received).toHaveLength(2);
    expect((await log(id))[0]).toMatchObject({ attempts: 2, nextAttemptAt: new Date(now + 60_000).toISOString() });
    now += 60_000;
    await pass();
    expect((await log(id))[0]).toMatchObject({ attempts: 3, lastStatus: 200, state: 'delivered', nextAttemptAt: null });
    now += 2 * HOUR;
    await pass();
    expect(receiver.received).toHaveLength(3);

    // One event id on every attempt, each attempt with its own signed timestamp.
    expect(new Set(receiver.received.map((d) => d.payload.id)).size).toBe(1);
    for (const delivery of receiver.received) {
      expect(verify(secret, delivery)).toBe(true);
      expect(verify(`${secret}x`, delivery)).toBe(false);
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['x-baton-event']).toBe('task.created');
      expect(delivery.headers['x-baton-delivery']).toBe(first.id);
      expect(delivery.headers['x-baton-timestamp']).toBe(delivery.payload.timestamp);
    }
    // A body changed on the way no longer matches its signature.
    const [tampered] = receiver.received;
    expect(verify(secret, { ...tampered, raw: tampered.raw.replace('"new"', '"done"') })).toBe(false);
  });

  it('gives up a delivery still failing 24 hours after its event, and then sends it no more', async () => {
    const { id } = await register(['task.created']);
    receiver.answer = () => 503;
    await fileTask();
    const queuedAt = now;
    for (let i = 0; i < 60; i++) {
      await pass();
      const [delivery] = await log(id);
      if (delivery.state !== 'pending') break;
      now = Date.parse(delivery.nextAttemptAt!);
    }
    const [delivery] = await log(id);
    expect(delivery).toMatchObject({ state: 'failed', lastStatus: 503, nextAttemptAt: null });
    // The last attempt is at the deadline, after about 30 (hourly once the backoff reaches its cap).
    expect(delivery.lastAttemptAt).toBe(new Date(queuedAt + 24 * HOUR).toISOString());
    expect(delivery.attempts).toBe(receiver.received.length);
    expect(delivery.attempts).toBeGreaterThan(20);
    expect(delivery.attempts).toBeLessThan(40);
    now += 48 * HOUR;
    await pass();
    expect(receiver.received).toHaveLength(delivery.attempts);
  });

  it('sends the task’s PHI only to a webhook allowed it; the others get ids, statuses and times', async () => {
    const plain = await register(['task.created']);
    const phi = await register(['task.created'], { allowPhi: true, name: 'Records system' });
    const task = await fileTask();
    await pass();
    const [toPlain] = receiver.received.filter((d) => verify(plain.secret, d));
    const [toPhi] = receiver.received.filter((d) => verify(phi.secret, d));
    expect(toPlain.payload).toEqual({
      id: expect.any(String),
      type: 'task.created',
      at: expect.any(String),
      timestamp: expect.any(String),
      task: {
        id: task.id,
        status: 'new',
        locationId: 'loc-main',
        queue: task.queue,
        typeId: task.typeId,
        priority: task.priority,
        dueAt: task.dueAt,
        ownerId: 'u-frontdesk',
        updatedAt: expect.any(String),
      },
    });
    for (const text of ['Jane', 'MRN', '100234', '555-0100', 'MRI']) expect(toPlain.raw).not.toContain(text);
    expect(toPhi.payload.task).toMatchObject(PHI);
    expect(toPhi.payload.id).toBe(toPlain.payload.id);
    // Once delivered, the queue keeps nothing of the body (the PHI one included).
    const stored = await running.server.storage.listWebhookDeliveries(phi.id, 10);
    expect(stored.map((d) => [d.state, d.payload])).toEqual([['delivered', null]]);
    // The PHI that left is a disclosure on record; ids and statuses alone are not.
    const audit = (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter((e) => e.docId === task.id);
    expect(audit.filter((e) => e.action === 'webhook_phi_delivered').map((e) => [e.actorId, e.collection])).toEqual([
      [`webhook:${phi.id}`, 'tasks'],
    ]);
  });

  it('sends each kind of event a webhook asked for, for tasks of its locations only', async () => {
    const all = await register(['task.created', 'task.status_changed', 'task.approved', 'task.rejected', 'task.escalated']);
    const decisions = await register(['task.approved', 'task.rejected']);
    const manager = await signIn(running.base, 'manager', 'ws-hooks-manager');
    const [approved, rejected] = await placeTasks(manager, [
      { status: 'approved', typeId: 'medication_refill', queue: 'clinical_support', ownerId: 'u-frontdesk' },
      { status: 'rejected', typeId: 'medication_refill', queue: 'clinical_support', ownerId: 'u-frontdesk' },
    ]);
    // A webhook of another location (another admin's) hears nothing of this one's tasks.
    await running.server.storage.insertWebhook({
      id: 'wh-other-location',
      name: 'Other location',
      url: receiver.url,
      events: ['task.created', 'task.approved'],
      locationIds: ['loc-other'],
      allowPhi: false,
      secretNonce: 'nonce',
      createdAt: new Date().toISOString(),
      createdBy: 'u-other-admin',
    });
    await pass();
    const heard = (secret: string, taskId: string) =>
      receiver.received.filter((d) => verify(secret, d) && d.payload.task.id === taskId).map((d) => d.payload.type);
    expect(heard(all.secret, approved.id)).toEqual(expect.arrayContaining(['task.created', 'task.status_changed', 'task.approved']));
    expect(heard(all.secret, rejected.id)).toEqual(expect.arrayContaining(['task.created', 'task.status_changed', 'task.rejected']));
    expect(heard(decisions.secret, approved.id)).toEqual(['task.approved']);
    expect(heard(decisions.secret, rejected.id)).toEqual(['task.rejected']);
    const approval = receiver.received.find((d) => d.payload.type === 'task.approved' && d.payload.task.id === approved.id)!;
    expect(approval.payload.task).toMatchObject({ status: 'approved', previousStatus: expect.any(String) });
    expect(receiver.received.some((d) => String(d.headers['x-baton-delivery']).endsWith('.wh-other-location'))).toBe(false);

    // The SLA automation's escalation of an overdue task.
    const late = await fileStartedTask(frontDesk);
    const sync = { storage: running.server.storage, practice: new PracticeCache(running.server.storage) };
    await runSlaPass(sync, late.t0 + 30 * 24 * HOUR);
    sync.practice.close();
    await pass();
    expect(heard(all.secret, late.id)).toContain('task.escalated');
    expect(heard(decisions.secret, late.id)).toEqual([]);
  });
});
