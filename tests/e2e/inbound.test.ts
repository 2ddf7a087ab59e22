// Inbound fax, end to end: an admin registers a fax line in the configuration (its secret shown
// once), the fax service posts a signed fax, the front desk sees "Fax from …" in triage, the admin
// sees the last delivery and revokes the source, and its deliveries are refused from then on.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { request } from '../support/api';
import { AdminPage } from './pages/AdminPage';
import { InboundSection } from './pages/InboundSection';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();
const poll = { timeout: 20_000, interval: 200 };

describe('inbound fax', () => {
  it(
    'a registered fax line files a signed fax the front desk sees in triage; revoked, it files nothing more',
    { timeout: 120_000 },
    async () => {
      const admin = await e2e.signedIn('admin');
      const config = new AdminPage(admin.ws.page);
      await config.tab('inbound');
      const inbound = new InboundSection(admin.ws.page);
      const name = `Main fax line ${Math.random().toString(36).slice(2, 7)}`;
      const { id, secret } = await inbound.register(name, 'Fax', 'Missing paperwork');
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await inbound.waitLoaded();
      expect(await inbound.lastDelivery(name)).toBe('never');

      const sender = `+1555${Math.floor(Math.random() * 1e7)}`;
      const deliver = (body: string) =>
        request(e2e.server.url, 'POST', `/api/intake/inbound/${id}`, body, null, {
          'x-baton-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        });
      const fax = JSON.stringify({ sender, subject: '', text: 'Signed intake form', messageId: `fax-${sender}` });
      expect((await deliver(fax)).status).toBe(201);

      const frontDesk = await e2e.signedIn('frontdesk');
      await frontDesk.board.openView('triage');
      await frontDesk.board.waitForCard(`Fax from ${sender}`, 20_000);
      expect(await frontDesk.board.inColumn('new', `Fax from ${sender}`).count()).toBe(1);

      await inbound.refresh();
      await expect.poll(() => inbound.lastDelivery(name), poll).not.toBe('never');
      await inbound.revoke(name);
      await expect.poll(() => inbound.status(name), poll).toMatch(/^Revoked/);
      expect((await deliver(JSON.stringify({ sender, text: 'Another page', messageId: `fax-2-${sender}` }))).status).toBe(401);
      expect(admin.ws.errors).toEqual([]);
    },
  );
});
