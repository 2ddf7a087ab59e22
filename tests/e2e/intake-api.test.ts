// Intake from another system, end to end: an admin creates an API key in the configuration (shown
// once), a scheduling system files a missed appointment with it, the front desk sees it in
// triage, the admin sees when the key was last used and revokes it, and the key stops working.
import { describe, expect, it } from 'vitest';
import { request } from '../support/api';
import { AdminPage } from './pages/AdminPage';
import { ApiKeysSection } from './pages/ApiKeysSection';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();
const poll = { timeout: 20_000, interval: 200 };

describe('intake from another system with an API key', () => {
  it('an admin’s key files a triage task the front desk sees; revoked, it files nothing more', { timeout: 120_000 }, async () => {
    const admin = await e2e.signedIn('admin');
    const config = new AdminPage(admin.ws.page);
    await config.tab('api_keys');
    const keys = new ApiKeysSection(admin.ws.page);
    const name = `Scheduling system ${Math.random().toString(36).slice(2, 7)}`;
    const key = await keys.createKey(name, ['front_desk']);
    expect(key).toMatch(/^bk_/);
    expect(await keys.lastUsed(name)).toBe('never');

    const title = `Missed appointment: reschedule ${Math.random().toString(36).slice(2, 7)}`;
    const body = {
      locationId: 'loc-main',
      typeId: 'appointment_reschedule',
      title,
      patientRef: 'MRN 100888 S.W.',
      externalId: `appt-${title}`,
    };
    const filed = await request(e2e.server.url, 'POST', '/api/intake/tasks', body, key);
    expect(filed.status).toBe(201);

    const frontDesk = await e2e.signedIn('frontdesk');
    await frontDesk.board.openView('triage');
    await frontDesk.board.waitForCard(title, 20_000);
    expect(await frontDesk.board.inColumn('new', title).count()).toBe(1);

    await keys.refresh();
    await expect.poll(() => keys.lastUsed(name), poll).not.toBe('never');
    await keys.revoke(name);
    await expect.poll(() => keys.status(name), poll).toMatch(/^Revoked/);
    expect((await request(e2e.server.url, 'POST', '/api/intake/tasks', { ...body, externalId: 'another' }, key)).status).toBe(401);
    expect(admin.ws.errors).toEqual([]);
  });
});
