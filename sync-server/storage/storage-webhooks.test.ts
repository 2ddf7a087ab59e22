// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): webhooks, the
// outbox a write fills in its own transaction, and the delivery queue whose claims keep two server
// instances from sending one delivery at once.
import { describe, expect, it } from 'vitest';
import type { WebhookTask } from '../../shared/intake/webhooks';
import { ADAPTERS, freshDatabaseEachTest, type Fixture } from './test-storage';
import type { NewWebhookDelivery, Storage } from './types';

const T0 = '2026-12-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const task: WebhookTask = {
  id: 't1',
  status: 'new',
  locationId: 'loc-main',
  queue: 'front_desk',
  typeId: 'general',
  priority: 'normal',
  dueAt: T0,
  ownerId: '',
  updatedAt: T0,
};
const webhook = (id: string, createdAt = T0) => ({
  id,
  name: `Hook ${id}`,
  url: 'https://receiver.example.org/baton',
  events: ['task.created' as const],
  locationIds: ['loc-main'],
  allowPhi: id === 'w2',
  secretNonce: `nonce-${id}`,
  createdAt,
  createdBy: 'u-admin',
});
const delivery = (id: string, webhookId = 'w1'): NewWebhookDelivery => ({
  id,
  webhookId,
  eventId: `e-${id}`,
  type: 'task.created',
  taskId: 't1',
  payload: '{"id":"e"}',
  createdAt: T0,
  state: 'pending',
  attempts: 0,
  nextAttemptAt: T0,
});

describe.each(ADAPTERS)('storage conformance, webhooks: $name', (adapter) => {
  let storage: Storage;
  let fx: Fixture;
  freshDatabaseEachTest(
    adapter,
    (opened) => {
      fx = opened;
      storage = opened.storage;
    },
    { migrated: true },
  );

  it('stores webhooks oldest first, rotates and disables live ones only, and deletes one with its log', async () => {
    await storage.insertWebhook(webhook('w2', at(1)));
    await storage.insertWebhook(webhook('w1'));
    expect(await storage.getWebhook('w2')).toEqual({ ...webhook('w2', at(1)), rotatedAt: null, disabledAt: null });
    expect((await storage.listWebhooks()).map((w) => [w.id, w.allowPhi])).toEqual([
      ['w1', false],
      ['w2', true],
    ]);
    expect(await storage.rotateWebhook('w1', 'nonce-new', at(2))).toBe(true);
    expect(await storage.getWebhook('w1')).toMatchObject({ secretNonce: 'nonce-new', rotatedAt: at(2) });

    await storage.fanOutWebhookEvents([{ eventId: 'e1', deliveries: [delivery('d1')] }]);
    expect(await storage.disableWebhook('w1', at(3))).toBe(true);
    expect(await storage.disableWebhook('w1', at(4))).toBe(false);
    expect(await storage.rotateWebhook('w1', 'nonce-again', at(4))).toBe(false);
    // Disabled: what was waiting is given up, and its body (which may hold PHI) is gone.
    expect(await storage.listWebhookDeliveries('w1', 10)).toMatchObject([
      { id: 'd1', state: 'failed', payload: null, nextAttemptAt: null },
    ]);

    expect(await storage.deleteWebhook('w1')).toBe(true);
    expect(await storage.deleteWebhook('w1')).toBe(false);
    expect(await storage.getWebhook('w1')).toBeUndefined();
    expect(await storage.listWebhookDeliveries('w1', 10)).toEqual([]);
  });

  it('an event enqueued in a write commits with it, fans out once, and leaves the outbox', async () => {
    const event = { id: 'e1', type: 'task.created' as const, taskId: 't1', locationId: 'loc-main', at: T0, task };
    // A rolled-back write leaves no event.
    await expect(
      storage.write(async (tx) => {
        await tx.enqueueWebhookEvent({ ...event, id: 'e-rolled-back' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await storage.write((tx) => tx.enqueueWebhookEvent(event));
    expect(await storage.pendingWebhookEvents(10)).toEqual([event]);

    await storage.insertWebhook(webhook('w1'));
    await storage.fanOutWebhookEvents([{ eventId: 'e1', deliveries: [delivery('d1')] }]);
    // A second instance that fanned the same event out too adds nothing.
    await storage.fanOutWebhookEvents([{ eventId: 'e1', deliveries: [{ ...delivery('d1'), payload: 'other' }] }]);
    expect(await storage.pendingWebhookEvents(10)).toEqual([]);
    expect(await storage.listWebhookDeliveries('w1', 10)).toEqual([
      { ...delivery('d1'), lastAttemptAt: null, lastStatus: null, lastError: null },
    ]);
  });

  it('claims a due delivery for one instance at a time, until its attempt is recorded or its lease ends', async () => {
    await storage.insertWebhook(webhook('w1'));
    await storage.fanOutWebhookEvents([{ eventId: 'e1', deliveries: [delivery('d1'), { ...delivery('d2'), nextAttemptAt: at(10) }] }]);
    const other = await fx.another();

    expect((await storage.claimWebhookDeliveries(at(0), at(1), 10)).map((d) => d.id)).toEqual(['d1']);
    // Held by the first instance until at(1): the second gets nothing.
    expect(await other.claimWebhookDeliveries(at(0), at(1), 10)).toEqual([]);
    expect(await storage.nextWebhookDeliveryAt()).toBe(T0);

    await storage.recordDeliveryAttempt('d1', { at: at(0), status: 503, error: null, state: 'pending', nextAttemptAt: at(5) });
    expect(await storage.nextWebhookDeliveryAt()).toBe(at(5));
    expect(await other.claimWebhookDeliveries(at(4), at(6), 10)).toEqual([]);
    const [again] = await other.claimWebhookDeliveries(at(5), at(6), 10);
    expect(again).toMatchObject({ id: 'd1', attempts: 1, lastStatus: 503, payload: '{"id":"e"}' });
    // The second instance died holding it: once the lease ends, another takes it over.
    expect(await storage.claimWebhookDeliveries(at(5.5), at(7), 10)).toEqual([]);
    expect((await storage.claimWebhookDeliveries(at(6), at(7), 10)).map((d) => d.id)).toEqual(['d1']);
    await storage.recordDeliveryAttempt('d1', { at: at(6), status: 200, error: null, state: 'delivered', nextAttemptAt: null });
    expect(await storage.listWebhookDeliveries('w1', 10)).toContainEqual(
      expect.objectContaining({ id: 'd1', state: 'delivered', attempts: 2, payload: null, lastStatus: 200 }),
    );
    // A late record for a finished delivery changes nothing.
    await storage.recordDeliveryAttempt('d1', { at: at(7), status: 500, error: null, state: 'pending', nextAttemptAt: at(8) });
    expect((await storage.listWebhookDeliveries('w1', 10)).find((d) => d.id === 'd1')).toMatchObject({ state: 'delivered' });
    expect(await storage.nextWebhookDeliveryAt()).toBe(at(10));
  });

  if (adapter.concurrentInstances) {
    it('two instances claiming at once never both get a delivery', async () => {
      await storage.insertWebhook(webhook('w1'));
      await storage.fanOutWebhookEvents(
        Array.from({ length: 40 }, (_, i) => ({ eventId: `e${i}`, deliveries: [delivery(`d${String(i).padStart(2, '0')}`)] })),
      );
      const other = await fx.another();
      const [mine, theirs] = await Promise.all([
        storage.claimWebhookDeliveries(at(0), at(1), 40),
        other.claimWebhookDeliveries(at(0), at(1), 40),
      ]);
      const ids = [...mine, ...theirs].map((d) => d.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    });
  }
});
