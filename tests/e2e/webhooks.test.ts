// Outbound webhooks, end to end: an admin registers one in the configuration (an http URL to
// another machine is refused; the signing secret is shown once), a task filed at the front desk is
// delivered to a receiver on this machine, signed with that secret, and the delivery shows in the
// webhook's log; rotated in the UI, the next delivery verifies with the new secret only; disabled,
// the webhook says so, and deleted it leaves the list with its log.
import { describe, expect, it } from 'vitest';
import { newTaskDoc, signIn } from '../support/api';
import { startWebhookReceiver, verify } from '../support/webhook-receiver';
import { AdminPage } from './pages/AdminPage';
import { WebhooksSection } from './pages/WebhooksSection';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();
const poll = { timeout: 20_000, interval: 200 };

describe('outbound webhooks', () => {
  it('an admin registers a webhook, a new task is delivered signed, and the delivery shows in its log', { timeout: 120_000 }, async () => {
    const receiver = await startWebhookReceiver();
    try {
      const admin = await e2e.signedIn('admin');
      const config = new AdminPage(admin.ws.page);
      await config.tab('webhooks');
      const hooks = new WebhooksSection(admin.ws.page);
      await hooks.waitLoaded();
      expect(await hooks.registerError('http://portal.example.org/baton')).toMatch(/https/);

      const name = `Patient portal ${Math.random().toString(36).slice(2, 7)}`;
      const secret = await hooks.register(receiver.url, name, ['task.created']);
      expect(secret).toMatch(/^whsec_/);

      const frontDesk = await signIn(e2e.server.url, 'frontdesk', 'ws-e2e-webhooks');
      const task = newTaskDoc({ title: 'Refill request from the portal', patientRef: 'MRN 100999 K.L.' });
      expect((await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: task }])).body).toEqual([]);
      const [delivery] = await receiver.waitFor(1);
      expect(verify(secret, delivery)).toBe(true);
      expect(delivery.payload).toMatchObject({ type: 'task.created', task: { id: task.id, status: 'new' } });
      expect(delivery.raw).not.toContain('100999');

      await hooks.openLog(name);
      await expect
        .poll(async () => {
          await hooks.refreshLog();
          return hooks.deliveries();
        }, poll)
        .toEqual([['Task created', 'delivered']]);

      // Rotated: the next delivery is signed with the new secret, which the old one does not verify.
      const rotated = await hooks.rotate(name);
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      await expect.poll(() => hooks.status(name), poll).toMatch(/^Rotated/);
      const next = newTaskDoc({ title: 'Records request from the portal' });
      expect((await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: next }])).body).toEqual([]);
      const [after] = await receiver.waitFor(1, (d) => d.raw.includes(next.id));
      expect(after.payload).toMatchObject({ type: 'task.created', task: { id: next.id } });
      expect(verify(rotated, after)).toBe(true);
      expect(verify(secret, after)).toBe(false);

      await hooks.disable(name);
      await expect.poll(() => hooks.status(name), poll).toMatch(/^Disabled/);
      // Disabled, it can be deleted: it leaves the list, with its log.
      await hooks.delete(name);
      await expect.poll(() => hooks.row(name).count(), poll).toBe(0);
      expect(await hooks.logShown()).toBe(false);
      expect(admin.ws.errors).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
